#include "order_status.h"

#include <map>

#include "responses.h"
#include "shipments.h"

namespace downstream::sales_module {

namespace {

json::Value opt(const std::optional<std::string>& v) { return v ? json::Value(*v) : json::Value(nullptr); }

json::Object summary_of(const SalesOrder& o, const std::string& customer_ref) {
  return json::Object{{"number", o.number},
                      {"site", o.site},
                      {"customer", customer_ref},
                      {"channel", o.channel},
                      {"currency", o.currency},
                      {"state", o.state},
                      {"quote", o.quote_valid_until.has_value()},
                      {"quote_valid_until", opt(o.quote_valid_until)},
                      {"external_ref", o.external_ref},
                      {"total", money_json(o.total_minor, o.currency)},
                      {"created_at", o.created_at},
                      {"confirmed_at", opt(o.confirmed_at)},
                      {"closed_at", opt(o.closed_at)}};
}

std::string customer_ref_of(db::Transaction& tx, const SalesOrder& o) {
  auto customer = tx.query_one("SELECT ref FROM sal_customer WHERE id = ?", {o.customer_id});
  return customer ? customer->get_text(0) : std::string();
}

// The whole answer from what was read; `shipments_json` in the order of `shipments`.
json::Object status_of(const SalesOrder& o, const std::string& customer_ref, const std::vector<OrderLine>& lines,
                       const std::vector<std::string>& units, const std::vector<Shipment>& shipments,
                       json::Array shipments_json, json::Array events) {
  auto out = summary_of(o, customer_ref);
  std::map<std::string, std::int64_t> per_site;  // allocated (open shipments) per site
  std::map<std::int64_t, json::Array> line_allocation;
  for (const auto& s : shipments) {
    if (!s.open()) continue;
    for (const auto& sl : s.lines) {
      per_site[s.site] += sl.quantity - sl.shipped;
      line_allocation[sl.order_line].push_back(json::Object{
          {"site", s.site}, {"shipment", s.number}, {"state", s.state}, {"quantity", decimal_json(sl.quantity - sl.shipped)}});
    }
  }

  json::Array out_lines, backorders;
  bool unallocated = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    out_lines.push_back(json::Object{{"line", l.line},
                                     {"sku", l.sku},
                                     {"quantity", decimal_json(l.quantity)},
                                     {"unit", units[i]},
                                     {"ordered_quantity", decimal_json(l.ordered_quantity)},
                                     {"ordered_unit", l.ordered_unit},
                                     {"unit_price", money_json(l.unit_price_minor, o.currency)},
                                     {"line_total", money_json(l.line_total_minor, o.currency)},
                                     {"requested_date", opt(l.requested_date)},
                                     {"allocated", decimal_json(l.allocated)},
                                     {"shipped", decimal_json(l.shipped)},
                                     {"backordered", decimal_json(l.backordered)},
                                     {"cancelled", decimal_json(l.cancelled)},
                                     {"unallocated", decimal_json(o.state == "draft" ? 0 : l.unallocated())},
                                     {"allocation", std::move(line_allocation[l.line])}});
    if (l.backordered > 0)
      backorders.push_back(json::Object{{"line", l.line}, {"sku", l.sku}, {"quantity", decimal_json(l.backordered)}});
    if (o.state != "draft" && l.unallocated() > 0) unallocated = true;
  }
  out["lines"] = std::move(out_lines);

  json::Array allocation;
  for (const auto& [site, q] : per_site) allocation.push_back(json::Object{{"site", site}, {"allocated", decimal_json(q)}});
  out["allocation"] = std::move(allocation);
  out["backorders"] = std::move(backorders);
  // A cancelled shipment's lines come back as unallocated: the order says so
  // until they are allocated again (POST .../allocate) or cancelled.
  out["needs_allocation"] = unallocated;
  out["shipments"] = std::move(shipments_json);
  out["events"] = std::move(events);
  return out;
}

}  // namespace

json::Object order_summary(db::Transaction& tx, const SalesOrder& o) { return summary_of(o, customer_ref_of(tx, o)); }

json::Object order_status(SalesOffice& office, db::Transaction& tx, const SalesOrder& o,
                          std::optional<std::vector<OrderLine>> held) {
  // Everything the answer reads, in one go.
  auto reads = order_shipments_statements(o.id);
  reads.push_back({"SELECT seq, type, payload, created_at FROM sal_order_event WHERE order_id = ? ORDER BY seq", {o.id}});
  if (!held) reads.push_back(order_lines_statement(o.id));
  auto rows = tx.query_all(reads);
  auto lines = held ? std::move(*held) : order_lines_from(rows[3]);
  std::vector<std::string> units;
  for (const auto& l : lines) {
    if (!l.unit.empty()) {
      units.push_back(l.unit);
      continue;
    }
    auto product = office.stock.product(tx, l.sku);  // a line stored before lines kept their unit
    units.push_back(product ? product->unit : l.ordered_unit);
  }
  auto shipments = order_shipments_from(rows[0], rows[1]);
  json::Array shipments_json;
  for (const auto& s : shipments) shipments_json.push_back(shipment_json(tx, s, o.number, lines));
  json::Array events;
  for (const auto& r : rows[2])
    events.push_back(json::Object{{"seq", r.get_int(0)},
                                  {"type", r.get_text(1)},
                                  {"created_at", r.get_text(3)},
                                  {"payload", json::parse(r.get_text(2))}});
  auto ref = o.customer_ref ? *o.customer_ref : customer_ref_of(tx, o);
  return status_of(o, ref, lines, units, shipments,
                   std::move(shipments_json), std::move(events));
}

json::Object new_order_status(const SalesOrder& o, const std::vector<OrderLine>& lines, const std::string& customer_ref) {
  std::vector<std::string> units;
  for (const auto& l : lines) units.push_back(l.unit);
  return status_of(o, customer_ref, lines, units, {}, {}, {});
}

}  // namespace downstream::sales_module
