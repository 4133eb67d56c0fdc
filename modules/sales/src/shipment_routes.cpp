// Shipments over HTTP: status, pick, pack, ship, cancel, and the pick list of
// a site. Site scope: the key needs the shipment's site.
#include <downstream/validation.h>

#include <set>

#include "order_actions.h"
#include "responses.h"
#include "shipments.h"

namespace downstream::sales_module {

namespace {

struct Target {
  SalesOrder order;
  Shipment shipment;
  std::vector<OrderLine> lines;  // the order's, read under its lock
};

// The shipment, with its order locked: shipment states change under the order's lock.
Target locked_shipment(const http::Request& rq, db::Transaction& tx) {
  const auto& number = rq.path_params.at("number");
  // The order's lock first, then the shipment and the order's lines, read after
  // it is granted (nothing changes them without that lock); one round trip.
  auto rows = tx.query_all({lock_order_of_shipment_statement(tx, number), shipment_with_lines_statement(number),
                            order_lines_statement("(SELECT order_id FROM sal_shipment WHERE number = ?)", {number}),
                            shipment_packages_statement(number)});
  auto found = shipment_with_lines_from(rows[1]);
  if (rows[0].empty() || !found) throw http::Problem::not_found("shipment '" + number + "'");
  found->packages = packages_from(rows[3]);
  require_site_access(rq, found->site);
  return {order_from(rows[0].front()), *found, order_lines_from(rows[2])};
}

// {"lines": [{"line": 1, "quantity": "2"}]}: a quantity per line, each at most
// what the shipment holds; lines not named are taken in full.
std::map<std::int64_t, std::int64_t> read_line_quantities(http::RequestReader& body, const Shipment& s) {
  std::map<std::int64_t, std::int64_t> out;
  for (auto& l : body.optional_array("lines")) {
    auto line = l.required_int("line");
    auto quantity = l.required_quantity("quantity", http::Sign::non_negative);
    const ShipmentLine* held = nullptr;
    for (const auto& sl : s.lines)
      if (sl.order_line == line) held = &sl;
    if (!held) {
      if (l.object().contains("line")) l.add_error("line", "is not a line of shipment " + s.number);
      continue;
    }
    if (out.contains(line)) l.add_error("line", "is named twice");
    if (quantity.raw() > held->quantity)
      l.add_error("quantity", "must be at most " + Decimal::from_raw(held->quantity).to_string() +
                                  ", what the shipment holds for line " + std::to_string(line));
    out[line] = quantity.raw();
  }
  return out;
}

http::RequestReader optional_body(const http::Request& rq) {
  return http::RequestReader(rq.body.find_first_not_of(" \t\r\n") == std::string::npos ? json::Object{}
                                                                                          : http::parse_body(rq.body));
}

// The shipment as the action left it (the actions keep it up to date).
http::Response answer(db::Transaction& tx, const Target& t) {
  return json_response(200, shipment_json(tx, t.shipment, t.order.number, {}));
}

http::Response pick_list(SalesOffice& office, const http::Request& rq, db::Transaction& tx) {
  const auto& site = rq.path_params.at("site");
  json::Array shipments;
  for (const auto& r : tx.query("SELECT s.id, o.number FROM sal_shipment s JOIN sal_order o ON o.id = s.order_id "
                                "WHERE s.site = ? AND s.state = 'reserved' ORDER BY s.id",
                                {site})) {
    auto s = shipment_by_id(tx, r.get_int(0));
    auto lines = order_lines(tx, s.order_id);
    json::Array out_lines;
    for (const auto& sl : s.lines) {
      const auto& line = line_of(lines, sl.order_line);
      json::Array locations;
      for (const auto& piece : office.stock.reserved_for(tx, reservation_of(s.id, sl.order_line)))
        locations.push_back(json::Object{{"location", piece.location},
                                         {"lot", piece.lot.empty() ? json::Value(nullptr) : json::Value(piece.lot)},
                                         {"quantity", piece.quantity.to_string()}});
      auto product = office.stock.product(tx, line.sku);
      out_lines.push_back(json::Object{{"line", sl.order_line},
                                       {"sku", line.sku},
                                       {"quantity", decimal_json(sl.quantity)},
                                       {"unit", product ? product->unit : line.ordered_unit},
                                       {"locations", std::move(locations)}});
    }
    shipments.push_back(json::Object{{"shipment", s.number},
                                     {"order", r.get_text(1)},
                                     {"created_at", s.created_at},
                                     {"lines", std::move(out_lines)}});
  }
  return json_response(200, json::Object{{"site", site}, {"shipments", std::move(shipments)}});
}

constexpr const char* kShipmentSchema =
    R"({"type":"object","properties":{"number":{"type":"string"},"order":{"type":"string"},"site":{"type":"string"},)"
    R"("state":{"type":"string","enum":["reserved","picked","packed","shipped","cancelled"]},)"
    R"("backorder_of":{"type":["string","null"]},"carrier":{"type":"string"},"carrier_ref":{"type":"string"},)"
    R"("tracking":{"type":"string"},"lines":{"type":"array"},"packages":{"type":"array"}}})";
constexpr const char* kLinesSchema =
    R"({"type":"object","properties":{"lines":{"type":"array","items":{"type":"object","required":["line","quantity"],)"
    R"("properties":{"line":{"type":"integer"},"quantity":{"type":"string"}}}}}})";

}  // namespace

void add_shipment_routes(http::RouteRegistry& routes, SalesOffice& office) {
  routes.add({http::Method::get, "/api/v1/shipments/{number}", http::Role::viewer,
              "A shipment with its lines, packages and tracking", "", kShipmentSchema,
              [](const http::Request& rq, db::Transaction& tx) {
                const auto& number = rq.path_params.at("number");
                auto s = find_shipment(tx, number);
                if (!s) throw http::Problem::not_found("shipment '" + number + "'");
                require_site_access(rq, s->site);
                auto order = tx.query_one("SELECT number FROM sal_order WHERE id = ?", {s->order_id});
                return json_response(200, shipment_json(tx, *s, order->get_text(0), order_lines(tx, s->order_id)));
              }});
  routes.add({http::Method::post, "/api/v1/shipments/{number}/pick", http::Role::operator_,
              "reserved → picked. Without a body everything is picked; lines named with less than reserved move "
              "the rest to a backorder shipment at the same site",
              kLinesSchema, kShipmentSchema, [&office](const http::Request& rq, db::Transaction& tx) {
                auto t = locked_shipment(rq, tx);
                auto body = optional_body(rq);
                auto quantities = read_line_quantities(body, t.shipment);
                body.finish();
                pick_shipment(office, tx, t.order, t.lines, t.shipment, quantities);
                return answer(tx, t);
              }});
  routes.add({http::Method::post, "/api/v1/shipments/{number}/pack", http::Role::operator_,
              "picked → packed, with its packages and their weights",
              R"({"type":"object","required":["packages"],"properties":{"packages":{"type":"array","minItems":1,)"
              R"("items":{"type":"object","required":["weight_kg"],"properties":{"weight_kg":{"type":"string"}}}}}})",
              kShipmentSchema, [&office](const http::Request& rq, db::Transaction& tx) {
                auto t = locked_shipment(rq, tx);
                http::RequestReader body(http::parse_body(rq.body));
                std::vector<std::int64_t> weights;
                for (auto& p : body.required_array("packages", 1)) weights.push_back(p.required_quantity("weight_kg").raw());
                body.finish();
                pack_shipment(office, tx, t.shipment, weights);
                return answer(tx, t);
              }});
  routes.add({http::Method::post, "/api/v1/shipments/{number}/ship", http::Role::operator_,
              "packed → shipped: the stock leaves for the customer. The manual carrier needs `tracking`; an adapter "
              "books the carrier. Lines named with less than packed move the rest to a backorder shipment",
              R"({"type":"object","properties":{"tracking":{"type":"string"},"lines":{"type":"array","items":)"
              R"({"type":"object","required":["line","quantity"],"properties":{"line":{"type":"integer"},)"
              R"("quantity":{"type":"string"}}}}}})",
              kShipmentSchema, [&office](const http::Request& rq, db::Transaction& tx) {
                auto t = locked_shipment(rq, tx);
                auto body = optional_body(rq);
                auto tracking = body.optional_string("tracking");
                auto quantities = read_line_quantities(body, t.shipment);
                if (!office.carrier && !tracking && t.shipment.state == "packed")
                  body.add_error("tracking", "is required: the manual carrier takes the tracking number from the request");
                body.finish();
                ship_shipment(office, tx, t.order, t.lines, t.shipment, quantities, tracking);
                return answer(tx, t);
              }});
  routes.add({http::Method::post, "/api/v1/shipments/{number}/cancel", http::Role::operator_,
              "Cancel a shipment before it ships: its reservations are released and its lines go back to the order "
              "as unallocated",
              "", kShipmentSchema, [&office](const http::Request& rq, db::Transaction& tx) {
                auto t = locked_shipment(rq, tx);
                cancel_shipment(office, tx, t.order, t.lines, t.shipment);
                return answer(tx, t);
              }});
  routes.add({http::Method::get, "/api/v1/sites/{site}/pick-list", http::Role::viewer,
              "Reserved shipments at the site to pick, oldest first, with the locations their stock is reserved in",
              "",
              R"({"type":"object","properties":{"site":{"type":"string"},"shipments":{"type":"array","items":)"
              R"({"type":"object","properties":{"shipment":{"type":"string"},"order":{"type":"string"},)"
              R"("lines":{"type":"array"}}}}}})",
              [&office](const http::Request& rq, db::Transaction& tx) { return pick_list(office, rq, tx); }});
}

}  // namespace downstream::sales_module
