#pragma once
// How the module's areas are wired at register time. Each area (catalogue,
// sites, stock, counts, transfers, periods) lives in its own files and adds its
// routes, commands and checks here; the plugin entry calls them in turn.
#include <downstream/host_context.h>

#include <memory>

#include "stock_ledger.h"

namespace downstream::inventory_module {

struct ModuleParts {
  PluginContext& ctx;
  StockLedger& ledger;
};

// Reference data every installation needs: the units each, box-12, kg, g.
void seed_units(db::Transaction& tx);

// Products and units: PUT/GET /api/v1/products/{sku}, GET /api/v1/units,
// `downstream import products FILE.csv`.
void register_catalogue(ModuleParts& parts);
// Sites and locations from config/sites.d: `config plan`, `config apply`,
// GET /api/v1/sites, /api/v1/sites/{site}/locations.
void register_sites(ModuleParts& parts);
// Stock, availability and moves (read); the ledger's invariant checks, also as
// GET /api/v1/inventory/check.
void register_stock(ModuleParts& parts);
// Stock counts: create, list lines, post.
void register_counts(ModuleParts& parts);
// Transfers between sites: create, ship, receive (with losses), cancel.
void register_transfers(ModuleParts& parts);
// `inventory close-period DATE` and stock as of a past date.
void register_periods(ModuleParts& parts);

// The InventoryService other modules use, over the ledger.
std::shared_ptr<inventory::InventoryService> make_inventory_service(StockLedger& ledger);

}  // namespace downstream::inventory_module
