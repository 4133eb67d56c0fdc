#include "catalogue_parts.h"

namespace downstream::inventory_module {

void register_catalogue(ModuleParts& parts) {
  add_product_routes(parts);
  add_product_import(parts);
  add_demo_command(parts);
}

}  // namespace downstream::inventory_module
