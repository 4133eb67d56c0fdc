#pragma once
// An order's whole status in one answer: lines and where each unit stands,
// allocation per site, shipments with packages and tracking, backorders, and
// the events it sent.
#include <downstream/json.h>
#include <downstream/ports/database.h>

#include "sales_office.h"
#include "sales_orders.h"

namespace downstream::sales_module {

json::Object order_status(SalesOffice& office, db::Transaction& tx, const SalesOrder& order);
// The order without shipments and events, for lists.
json::Object order_summary(db::Transaction& tx, const SalesOrder& order);

}  // namespace downstream::sales_module
