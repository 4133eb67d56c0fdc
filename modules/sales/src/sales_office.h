#pragma once
// What every sales operation works with: the inventory it reserves and ships
// through, the event bus, the clock, the allocation policies and the carrier.
// The plugin builds one at register time; tests build their own in-process.
#include <downstream/clock.h>
#include <downstream/events.h>
#include <downstream/host_context.h>
#include <downstream/ports/carrier.h>
#include <downstream/services/inventory.h>

#include <memory>
#include <string>

#include "allocation_policy.h"

namespace downstream::sales_module {

struct SalesOffice {
  inventory::InventoryService& stock;
  EventBus& events;
  const Clock& clock;
  AllocationPolicies policies;
  // nullptr: the built-in manual carrier (the tracking number comes with the ship request).
  std::shared_ptr<ports::Carrier> carrier;

  std::string now() const { return format_timestamp(clock.now()); }
};

// Routes, commands, checks and event handlers, each area in its own file.
void add_customer_routes(http::RouteRegistry& routes, const Clock& clock);
void add_order_routes(http::RouteRegistry& routes, SalesOffice& office);
void add_shipment_routes(http::RouteRegistry& routes, SalesOffice& office);
// `sales allocate-backorders` and the receipt subscription.
void add_backorder_allocation(PluginContext& ctx, SalesOffice& office);
void add_sales_checks(CommandRegistry& commands, SalesOffice& office);

}  // namespace downstream::sales_module
