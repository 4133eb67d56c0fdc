#pragma once
// The pieces register_sites wires together.
#include "module_parts.h"

namespace downstream::inventory_module {

// GET /api/v1/sites, /api/v1/sites/{site}, /api/v1/sites/{site}/locations.
void add_site_routes(ModuleParts& parts);
// `downstream config plan` and `downstream config apply` (the host delegates them here).
void add_site_config_commands(ModuleParts& parts);

}  // namespace downstream::inventory_module
