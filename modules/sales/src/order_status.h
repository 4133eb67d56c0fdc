#pragma once
// An order's whole status in one answer: lines and where each unit stands,
// allocation per site, shipments with packages and tracking, backorders, and
// the events it sent.
#include <downstream/json.h>
#include <downstream/ports/database.h>

#include "sales_office.h"
#include "sales_orders.h"

namespace downstream::sales_module {

// `lines` when the caller holds them as stored (saves reading them again); the
// customer's reference is read unless order.customer_ref holds it.
json::Object order_status(SalesOffice& office, db::Transaction& tx, const SalesOrder& order,
                          std::optional<std::vector<OrderLine>> lines = std::nullopt);
// A draft just written from `lines`: no shipments or events yet, so no reads.
json::Object new_order_status(const SalesOrder& order, const std::vector<OrderLine>& lines,
                              const std::string& customer_ref);
// The order without shipments and events, for lists.
json::Object order_summary(db::Transaction& tx, const SalesOrder& order);

}  // namespace downstream::sales_module
