#pragma once
// The pieces register_catalogue wires together, each in its own file.
#include <downstream/json.h>

#include "module_parts.h"
#include "stock_ledger.h"

namespace downstream::inventory_module {

// PUT/GET /api/v1/products/{sku}, GET /api/v1/products, GET /api/v1/units.
void add_product_routes(ModuleParts& parts);
// `downstream import products FILE.csv`.
void add_product_import(ModuleParts& parts);
// `downstream inventory demo`: demo products and stock for scripts/run.
void add_demo_command(ModuleParts& parts);

// A product as the API shows it; weight_kg as a decimal string.
json::Object product_json(const Product& product);

}  // namespace downstream::inventory_module
