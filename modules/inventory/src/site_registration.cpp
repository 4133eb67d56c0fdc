#include "site_parts.h"

namespace downstream::inventory_module {

void register_sites(ModuleParts& parts) {
  add_site_routes(parts);
  add_site_config_commands(parts);
}

}  // namespace downstream::inventory_module
