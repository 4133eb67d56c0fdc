// The sales module's entry: reads the allocation policies and the carrier,
// then adds routes, commands, checks and the receipt subscription. The
// inventory service is required at register time, never at load.
#include <downstream/error.h>
#include <downstream/host_context.h>
#include <downstream/plugin.h>

#include <algorithm>
#include <memory>

#include "sales_office.h"

namespace downstream::sales_module {
namespace {

class SalesModule final : public Plugin {
public:
  void on_register(PluginContext& ctx) override {
    auto& stock = ctx.services().require<inventory::InventoryService>();
    std::shared_ptr<ports::Carrier> carrier;
    auto carrier_name = ctx.config().get_string("carrier");
    if (carrier_name != "manual") {
      carrier = ctx.services().find<ports::Carrier>(carrier_name);
      if (!carrier)
        throw ConfigError("sales.carrier = " + carrier_name + " (" + ctx.config().origin("carrier") +
                          "): no enabled plugin of that name provides the carrier port; use `manual` or enable the "
                          "adapter");
    }
    office_ = std::make_unique<SalesOffice>(SalesOffice{stock, ctx.events(), ctx.clock(),
                                                        AllocationPolicies::from_config(ctx.config()), carrier});
    add_customer_routes(ctx.routes(), ctx.clock());
    add_order_routes(ctx.routes(), *office_);
    add_shipment_routes(ctx.routes(), *office_);
    add_backorder_allocation(ctx, *office_);
    add_sales_checks(ctx.commands(), *office_);
  }

  // A policy naming a site that is not (or no longer) active would make
  // confirming fail; say so at start rather than at the first order.
  void on_start(PluginContext& ctx) override {
    std::vector<std::string> active;
    ctx.database().read([&](db::Transaction& tx) { active = office_->stock.sites(tx); });
    for (const auto& [key, site] : office_->policies.named_sites())
      if (std::find(active.begin(), active.end(), site) == active.end())
        ctx.log().warning("sales." + key + " (" + ctx.config().origin(key) + ") names site '" + site +
                          "', which is not an active site; confirming orders that use it fails until it is");
  }

private:
  std::unique_ptr<SalesOffice> office_;
};

}  // namespace
}  // namespace downstream::sales_module

DOWNSTREAM_EXPORT_PLUGIN(downstream::sales_module::SalesModule)
