// The inventory module's entry: seeds reference data, provides InventoryService,
// and lets each area add its routes, commands and checks.
#include <downstream/host_context.h>
#include <downstream/plugin.h>

#include <memory>

#include "module_parts.h"

namespace downstream::inventory_module {
namespace {

class InventoryModule final : public Plugin {
public:
  void on_migrate(PluginContext& ctx) override {
    ctx.database().write([](db::Transaction& tx) { seed_units(tx); });
  }

  void on_register(PluginContext& ctx) override {
    ledger_ = std::make_unique<StockLedger>(ctx.clock(), ctx.events());
    ctx.services().provide<inventory::InventoryService>(make_inventory_service(*ledger_));
    ModuleParts parts{ctx, *ledger_};
    register_catalogue(parts);
    register_sites(parts);
    register_stock(parts);
    register_counts(parts);
    register_transfers(parts);
    register_periods(parts);
  }

private:
  std::unique_ptr<StockLedger> ledger_;
};

}  // namespace
}  // namespace downstream::inventory_module

DOWNSTREAM_EXPORT_PLUGIN(downstream::inventory_module::InventoryModule)
