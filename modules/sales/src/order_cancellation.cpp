// Cancelling an order: everything not shipped is cancelled and its stock
// released; shipped goods come back only through returns.
#include "order_actions.h"
#include "responses.h"
#include "shipments.h"

namespace downstream::sales_module {

void cancel_order(SalesOffice& office, db::Transaction& tx, SalesOrder& order, std::vector<OrderLine>& lines) {
  if (order.state == "shipped" || order.state == "cancelled")
    state_conflict("sales order " + order.number, order.state,
                   "only a draft, confirmed or partially shipped order can be cancelled (shipped goods come back "
                   "through returns)");
  json::Array cancelled_shipments;
  for (auto& shipment : order_shipments(tx, order.id)) {
    if (!shipment.open()) continue;
    cancel_open_shipment(office, tx, shipment, lines);
    cancelled_shipments.push_back(shipment.number);
  }
  json::Array cancelled_lines;
  std::int64_t shipped = 0;
  for (auto& line : lines) {
    auto rest = line.quantity - line.shipped - line.cancelled;
    shipped += line.shipped;
    line.allocated = 0;
    line.backordered = 0;
    line.cancelled += rest;
    if (rest > 0)
      cancelled_lines.push_back(json::Object{{"line", line.line},
                                             {"sku", line.sku},
                                             {"cancelled", decimal_json(rest)},
                                             {"shipped", decimal_json(line.shipped)},
                                             {"amount", money_json(line.amount_for(rest), order.currency)}});
  }
  save_line_parts(tx, order.id, lines);
  order.closed_at = office.now();
  set_order_state(tx, order, shipped > 0 ? "shipped" : "cancelled");
  send_order_event(office, tx, order, "sales_order.cancelled",
                   json::Object{{"currency", order.currency},
                                {"lines", std::move(cancelled_lines)},
                                {"shipments_cancelled", std::move(cancelled_shipments)},
                                {"order_state", order.state}});
}

}  // namespace downstream::sales_module
