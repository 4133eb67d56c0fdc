#pragma once
// What can be done to a sales order after it is written. Each is given the
// order locked and its lines as read under that lock, and leaves the lines as
// it stored them; a state that does not allow the action is a 409 naming it.
#include <downstream/ports/database.h>

#include <cstdint>
#include <ostream>
#include <string>

#include "sales_office.h"
#include "sales_orders.h"

namespace downstream::sales_module {

// draft → confirmed: reserves every line at its policy's sites. What cannot be
// reserved is backordered, or, when the channel refuses shortages, the confirm
// is a 409 naming each short line and nothing changes. A quote past its
// validity date cannot be confirmed.
void confirm_order(SalesOffice& office, db::Transaction& tx, SalesOrder& order, std::vector<OrderLine>& lines);

// Allocates a confirmed order's unallocated quantity (back from cancelled
// shipments) and its backorders again, under the same rules as confirming.
void allocate_order(SalesOffice& office, db::Transaction& tx, SalesOrder& order, std::vector<OrderLine>& lines);

// Nothing shipped: the order and its open shipments are cancelled. Partly
// shipped: the unshipped rest is cancelled and the order is done (shipped).
void cancel_order(SalesOffice& office, db::Transaction& tx, SalesOrder& order, std::vector<OrderLine>& lines);

// Backordered lines of `sku` whose policy includes `site`, oldest order first,
// reserved from the site's available stock (on the inventory receipt event).
void allocate_backorders_at(SalesOffice& office, db::Transaction& tx, const std::string& site, const std::string& sku);

// The inventory's "inventory.received" event ({site, sku, quantity}), in the receipt's unit of work.
void on_inventory_received(SalesOffice& office, db::Transaction& tx, const Event& event);

// One order's backordered lines at every site their policy allows; returns the quantity allocated.
std::int64_t allocate_order_backorders(SalesOffice& office, db::Transaction& tx, SalesOrder& order,
                                       std::ostream* report);

}  // namespace downstream::sales_module
