// Confirming an order reserves its lines in the same unit of work
// (DOMAIN-RULES.md, "Sales").
#include <downstream/problem.h>

#include "line_allocation.h"
#include "order_actions.h"
#include "responses.h"
#include "shipments.h"

namespace downstream::sales_module {

namespace {

struct Shortage {
  std::int64_t line;
  std::int64_t wanted;
  std::int64_t reservable;
};

[[noreturn]] void refuse(const SalesOrder& order, const std::vector<Shortage>& shortages,
                         const std::vector<OrderLine>& lines) {
  std::string detail = "sales order " + order.number + " cannot be confirmed: its channel (" + order.channel +
                       ") refuses shortages and";
  std::vector<http::FieldError> errors;
  for (const auto& s : shortages) {
    std::string sku;
    std::size_t index = 0;
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (lines[i].line == s.line) {
        sku = lines[i].sku;
        index = i;
      }
    auto what = "line " + std::to_string(s.line) + " (" + sku + ") needs " + Decimal::from_raw(s.wanted).to_string() +
                ", only " + Decimal::from_raw(s.reservable).to_string() + " can be reserved";
    detail += (errors.empty() ? " " : "; ") + what;
    errors.push_back({"lines[" + std::to_string(index) + "].quantity", what});
  }
  throw http::Problem(409, http::problem_type("sales/insufficient-stock"), "Insufficient stock",
                      detail + "; nothing was changed", errors);
}

// Allocates what each line still needs; returns the events' line parts.
json::Array allocate_lines(SalesOffice& office, db::Transaction& tx, SalesOrder& order, std::vector<OrderLine>& lines,
                           bool include_backorders, json::Array& backordered, OrderAllocation& known) {
  const auto& policy = office.policies.of(order.channel);
  // Every line that needs stock, with the sites it may come from.
  struct Need {
    OrderLine* line;
    std::int64_t wanted;
    std::vector<std::string> sites;
    std::int64_t got = 0;
    json::Array parts;
  };
  std::vector<Need> needs;
  for (auto& line : lines) {
    if (include_backorders) line.backordered = 0;  // counted again below
    auto wanted = line.unallocated();
    if (wanted <= 0) continue;
    needs.push_back({&line, wanted, line_sites(office, tx, order, line, known), 0, {}});
  }
  bool one_site = !needs.empty();
  for (const auto& n : needs) one_site = one_site && n.sites.size() == 1 && n.sites.front() == needs.front().sites.front();
  if (one_site) {
    // The common case: every line from one site, reserved in one call.
    const auto& site = needs.front().sites.front();
    auto shipment = shipment_at(office, tx, order, site, known.shipments);
    std::vector<inventory::ReserveRequest> requests;
    for (const auto& n : needs)
      requests.push_back({.site = site,
                          .sku = n.line->sku,
                          .quantity = Decimal::from_raw(n.wanted),
                          .document = reservation_of(shipment, n.line->line),
                          .lot = std::nullopt});
    auto reserved = office.stock.reserve_lines(tx, requests);
    for (std::size_t i = 0; i < needs.size(); ++i) {
      auto& n = needs[i];
      n.got = reserved[i].reserved.raw();
      if (n.got == 0) continue;
      add_to_shipment(tx, shipment, n.line->line, n.got);
      n.parts.push_back(json::Object{{"site", site}, {"shipment_id", shipment}, {"quantity", decimal_json(n.got)}});
      n.line->allocated += n.got;
    }
  } else {
    for (auto& n : needs)
      n.got = allocate_line(office, tx, order, *n.line, n.wanted, n.sites, policy.split, n.parts, known.shipments);
  }

  std::vector<Shortage> shortages;
  std::vector<std::pair<std::int64_t, json::Array>> parts;
  for (auto& n : needs) {
    auto& line = *n.line;
    parts.emplace_back(line.line, std::move(n.parts));
    if (n.got == n.wanted) continue;
    if (policy.refuse_shortage) {
      shortages.push_back({line.line, n.wanted, n.got});
      continue;
    }
    line.backordered += n.wanted - n.got;
    backordered.push_back(json::Object{{"line", line.line},
                                       {"sku", line.sku},
                                       {"backordered", decimal_json(line.backordered)}});
  }
  if (!shortages.empty()) refuse(order, shortages, lines);
  save_line_parts(tx, order.id, lines);
  std::map<std::int64_t, std::string> numbered;
  if (order.state == "draft") {
    // A draft had no shipments: the ones opened here are all there are to number.
    std::map<std::int64_t, std::string> filled;
    for (const auto& [line_no, line_parts] : parts)
      for (const auto& p : line_parts)
        filled[p.as_object().at("shipment_id").as_int64()] = p.as_object().at("site").as_string();
    std::vector<std::int64_t> empty;
    for (const auto& [site, id] : known.shipments)
      if (!filled.contains(id)) empty.push_back(id);
    numbered = number_opened_shipments(tx, filled, empty);
  } else {
    numbered = number_new_shipments(tx, order);
  }

  json::Array out;
  for (auto& [line_no, line_parts] : parts) {
    const auto& line = line_of(lines, line_no);
    out.push_back(json::Object{{"line", line.line},
                               {"sku", line.sku},
                               {"allocated", numbered_parts(tx, line_parts, numbered)},
                               {"backordered", decimal_json(line.backordered)}});
  }
  return out;
}

json::Array invoice_lines(const SalesOrder& order, const std::vector<OrderLine>& lines) {
  json::Array out;
  for (const auto& l : lines)
    out.push_back(json::Object{{"line", l.line},
                               {"sku", l.sku},
                               {"quantity", decimal_json(l.quantity)},
                               {"ordered_quantity", decimal_json(l.ordered_quantity)},
                               {"ordered_unit", l.ordered_unit},
                               {"unit_price", money_json(l.unit_price_minor, order.currency)},
                               {"line_total", money_json(l.line_total_minor, order.currency)}});
  return out;
}

}  // namespace

void confirm_order(SalesOffice& office, db::Transaction& tx, SalesOrder& order, std::vector<OrderLine>& lines) {
  if (order.state != "draft")
    state_conflict("sales order " + order.number, order.state, "only a draft can be confirmed");
  if (order.quote_valid_until && *order.quote_valid_until < office.now().substr(0, 10))
    throw http::Problem::conflict("sales order " + order.number + " is a quote that expired on " +
                                  *order.quote_valid_until + " and cannot be confirmed; nothing was changed");
  json::Array backordered;
  OrderAllocation known;
  auto allocation = allocate_lines(office, tx, order, lines, false, backordered, known);
  order.confirmed_at = office.now();
  set_order_state(tx, order, "confirmed");

  if (!known.customer) known.customer = order.customer ? *order.customer : customer_by_id(tx, order.customer_id);
  order.customer_ref = known.customer->ref;
  send_order_event(office, tx, order, "sales_order.confirmed",
                   json::Object{{"customer", known.customer->ref},
                                {"external_ref", order.external_ref},
                                {"currency", order.currency},
                                {"total", money_json(order.total_minor, order.currency)},
                                {"lines", invoice_lines(order, lines)},
                                {"allocation", std::move(allocation)}});
  if (!backordered.empty())
    send_order_event(office, tx, order, "sales_order.backordered", json::Object{{"lines", std::move(backordered)}});
}

void allocate_order(SalesOffice& office, db::Transaction& tx, SalesOrder& order, std::vector<OrderLine>& lines) {
  if (order.state != "confirmed" && order.state != "partially_shipped")
    state_conflict("sales order " + order.number, order.state,
                   "only a confirmed or partially shipped order can be allocated again");
  json::Array backordered;
  OrderAllocation known;
  auto allocation = allocate_lines(office, tx, order, lines, true, backordered, known);
  if (!allocation.empty())
    send_order_event(office, tx, order, "sales_order.allocated", json::Object{{"allocation", std::move(allocation)}});
  if (!backordered.empty())
    send_order_event(office, tx, order, "sales_order.backordered", json::Object{{"lines", std::move(backordered)}});
}

}  // namespace downstream::sales_module
