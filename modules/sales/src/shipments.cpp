#include "shipments.h"

#include <algorithm>
#include <atomic>
#include <map>

#include <downstream/error.h>
#include <downstream/problem.h>

#include "customers.h"
#include "responses.h"

namespace downstream::sales_module {

namespace {

constexpr const char* kShipmentSelect =
    "SELECT id, number, order_id, site, state, backorder_of, carrier, carrier_ref, tracking, created_at, shipped_at, "
    "cancelled_at FROM sal_shipment ";

Shipment head_from_row(const db::Row& r) {
  return Shipment{r.get_int(0),  r.get_text(1), r.get_int(2),  r.get_text(3),  r.get_text(4),  r.opt_int(5),
                  r.get_text(6), r.get_text(7), r.get_text(8), r.get_text(9),  r.opt_text(10), r.opt_text(11),
                  {},            std::nullopt};
}

void read_lines(db::Transaction& tx, Shipment& s) {
  s.lines.clear();
  for (const auto& l : tx.query("SELECT sl.order_line, sl.quantity, sl.picked, sl.shipped, ol.sku "
                                "FROM sal_shipment_line sl JOIN sal_shipment s ON s.id = sl.shipment_id "
                                "JOIN sal_order_line ol ON ol.order_id = s.order_id AND ol.line = sl.order_line "
                                "WHERE sl.shipment_id = ? ORDER BY sl.order_line",
                                {s.id}))
    s.lines.push_back({l.get_int(0), l.get_int(1), l.get_int(2), l.get_int(3), l.get_text(4)});
}

Shipment from_row(db::Transaction& tx, const db::Row& r) {
  auto s = head_from_row(r);
  read_lines(tx, s);
  return s;
}

void set_line(db::Transaction& tx, const Shipment& s, const ShipmentLine& l) {
  if (l.quantity == 0) {
    tx.queue("DELETE FROM sal_shipment_line WHERE shipment_id = ? AND order_line = ?", {s.id, l.order_line});
    return;
  }
  tx.queue("UPDATE sal_shipment_line SET quantity = ?, picked = ?, shipped = ? WHERE shipment_id = ? AND order_line = ?",
             {l.quantity, l.picked, l.shipped, s.id, l.order_line});
}

void set_state(SalesOffice& office, db::Transaction& tx, Shipment& s, const std::string& state) {
  s.state = state;
  if (state == "shipped") s.shipped_at = office.now();
  if (state == "cancelled") s.cancelled_at = office.now();
  tx.queue("UPDATE sal_shipment SET state = ?, carrier = ?, carrier_ref = ?, tracking = ?, shipped_at = ?, "
             "cancelled_at = ? WHERE id = ?",
             {state, s.carrier, s.carrier_ref, s.tracking, s.shipped_at, s.cancelled_at, s.id});
}

}  // namespace

inventory::DocumentLine reservation_of(std::int64_t shipment_id, std::int64_t order_line) {
  return {"shipment", std::to_string(shipment_id), std::to_string(order_line)};
}

std::optional<Shipment> find_shipment(db::Transaction& tx, std::string_view number) {
  return find_shipment_with_lines(tx, number);
}

Shipment shipment_by_id(db::Transaction& tx, std::int64_t id) {
  auto row = tx.query_one(std::string(kShipmentSelect) + "WHERE id = ?", {id});
  if (!row) throw db::DatabaseError("shipment " + std::to_string(id) + " is missing");
  return from_row(tx, *row);
}

db::Statement shipment_with_lines_statement(std::string_view number) {
  return {"SELECT s.id, s.number, s.order_id, s.site, s.state, s.backorder_of, s.carrier, s.carrier_ref, s.tracking, "
          "s.created_at, s.shipped_at, s.cancelled_at, sl.order_line, sl.quantity, sl.picked, sl.shipped, ol.sku "
          "FROM sal_shipment s LEFT JOIN sal_shipment_line sl ON sl.shipment_id = s.id "
          "LEFT JOIN sal_order_line ol ON ol.order_id = s.order_id AND ol.line = sl.order_line "
          "WHERE s.number = ? ORDER BY sl.order_line",
          {number}};
}

std::optional<Shipment> shipment_with_lines_from(const db::Rows& rows) {
  std::optional<Shipment> s;
  for (const auto& r : rows) {
    if (!s) s = head_from_row(r);
    if (!r.is_null(12)) s->lines.push_back({r.get_int(12), r.get_int(13), r.get_int(14), r.get_int(15), r.get_text(16)});
  }
  return s;
}

db::Statement shipment_packages_statement(std::string_view number) {
  return {"SELECT package, weight FROM sal_package WHERE shipment_id = (SELECT id FROM sal_shipment WHERE number = ?) "
          "ORDER BY package",
          {number}};
}

std::vector<std::pair<std::int64_t, std::int64_t>> packages_from(const db::Rows& rows) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& r : rows) out.emplace_back(r.get_int(0), r.get_int(1));
  return out;
}

std::optional<Shipment> find_shipment_with_lines(db::Transaction& tx, std::string_view number) {
  auto st = shipment_with_lines_statement(number);
  return shipment_with_lines_from(tx.query(st.sql, st.params));
}


std::vector<db::Statement> order_shipments_statements(std::int64_t order_id) {
  return {{std::string(kShipmentSelect) + "WHERE order_id = ? ORDER BY id", {order_id}},
          {"SELECT sl.shipment_id, sl.order_line, sl.quantity, sl.picked, sl.shipped, ol.sku "
           "FROM sal_shipment_line sl JOIN sal_shipment s ON s.id = sl.shipment_id "
           "JOIN sal_order_line ol ON ol.order_id = s.order_id AND ol.line = sl.order_line "
           "WHERE s.order_id = ? ORDER BY sl.shipment_id, sl.order_line",
           {order_id}}};
}

std::vector<Shipment> order_shipments_from(const db::Rows& shipments, const db::Rows& lines) {
  std::vector<Shipment> out;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& r : shipments) {
    index[r.get_int(0)] = out.size();
    out.push_back(head_from_row(r));
  }
  for (const auto& l : lines)
    out[index.at(l.get_int(0))].lines.push_back(
        {l.get_int(1), l.get_int(2), l.get_int(3), l.get_int(4), l.get_text(5)});
  return out;
}

std::vector<Shipment> order_shipments(db::Transaction& tx, std::int64_t order_id) {
  auto reads = order_shipments_statements(order_id);
  auto rows = tx.query_all(reads);
  return order_shipments_from(rows[0], rows[1]);
}

std::int64_t new_shipment(SalesOffice& office, db::Transaction& tx, const SalesOrder& order, const std::string& site,
                          std::optional<std::int64_t> backorder_of) {
  // A placeholder number, unique within the order (whose lock the caller holds)
  // by a counter of this process, and across orders by the order's number; the
  // real one is taken at the end of the unit of work.
  static std::atomic<std::int64_t> opened{0};
  auto placeholder = "pending:" + order.number + ":" + std::to_string(++opened);
  return tx.query("INSERT INTO sal_shipment (number, order_id, site, state, backorder_of, created_at) "
                  "VALUES (?, ?, ?, 'reserved', ?, ?) RETURNING id",
                  {placeholder, order.id, site, backorder_of, office.now()})
      .front()
      .get_int(0);
}

std::int64_t shipment_at(SalesOffice& office, db::Transaction& tx, const SalesOrder& order, const std::string& site,
                         std::map<std::string, std::int64_t>& known) {
  if (auto it = known.find(site); it != known.end()) return it->second;
  // A draft being confirmed has no shipments yet.
  auto id = order.state == "draft" ? new_shipment(office, tx, order, site, std::nullopt)
                                   : shipment_at(office, tx, order, site);
  known.emplace(site, id);
  return id;
}

std::int64_t shipment_at(SalesOffice& office, db::Transaction& tx, const SalesOrder& order, const std::string& site) {
  auto row = tx.query_one("SELECT id FROM sal_shipment WHERE order_id = ? AND site = ? AND state = 'reserved' "
                          "AND backorder_of IS NULL ORDER BY id LIMIT 1",
                          {order.id, site});
  if (row) return row->get_int(0);
  return new_shipment(office, tx, order, site, std::nullopt);
}

void add_to_shipment(db::Transaction& tx, std::int64_t shipment_id, std::int64_t order_line, std::int64_t quantity) {
  tx.queue("INSERT INTO sal_shipment_line (shipment_id, order_line, quantity) VALUES (?, ?, ?) "
             "ON CONFLICT (shipment_id, order_line) DO UPDATE SET quantity = sal_shipment_line.quantity + excluded.quantity",
             {shipment_id, order_line, quantity});
}

std::map<std::int64_t, std::string> number_opened_shipments(db::Transaction& tx,
                                                            const std::map<std::int64_t, std::string>& filled,
                                                            const std::vector<std::int64_t>& empty) {
  for (auto id : empty) tx.queue("DELETE FROM sal_shipment WHERE id = ?", {id});
  std::map<std::int64_t, std::string> numbered;
  for (const auto& [id, site] : filled) {
    auto& number = numbered[id] = next_number(tx, site, "shipment", "SH");
    tx.queue("UPDATE sal_shipment SET number = ? WHERE id = ?", {number, id});
  }
  return numbered;
}

std::map<std::int64_t, std::string> number_new_shipments(db::Transaction& tx, const SalesOrder& order) {
  // A shipment opened in this unit of work that could reserve nothing is not kept.
  tx.queue("DELETE FROM sal_shipment WHERE order_id = ? AND number LIKE 'pending:%' "
           "AND NOT EXISTS (SELECT 1 FROM sal_shipment_line sl WHERE sl.shipment_id = sal_shipment.id)",
           {order.id});
  std::map<std::int64_t, std::string> filled;  // id -> site
  for (const auto& r : tx.query("SELECT id, site FROM sal_shipment WHERE order_id = ? AND number LIKE 'pending:%' "
                                "ORDER BY id",
                                {order.id}))
    filled.emplace(r.get_int(0), r.get_text(1));
  return number_opened_shipments(tx, filled, {});
}

void move_rest_to_backorder(SalesOffice& office, db::Transaction& tx, const SalesOrder& order,
                            BackorderShipment& backorder, OrderLine& line, std::int64_t rest) {
  if (rest <= 0) return;
  line.allocated -= rest;
  if (!backorder.id) backorder.id = new_shipment(office, tx, order, backorder.of.site, backorder.of.id);
  auto r = office.stock.reserve(tx, {.site = backorder.of.site,
                                     .sku = line.sku,
                                     .quantity = Decimal::from_raw(rest),
                                     .document = reservation_of(*backorder.id, line.line),
                                     .lot = std::nullopt});
  auto reserved = r.reserved.raw();
  if (reserved > 0) add_to_shipment(tx, *backorder.id, line.line, reserved);
  line.allocated += reserved;
  line.backordered += rest - reserved;
}

void cancel_open_shipment(SalesOffice& office, db::Transaction& tx, Shipment& shipment, std::vector<OrderLine>& lines) {
  for (const auto& sl : shipment.lines) {
    office.stock.release(tx, reservation_of(shipment.id, sl.order_line));
    line_of(lines, sl.order_line).allocated -= sl.quantity - sl.shipped;
  }
  set_state(office, tx, shipment, "cancelled");
}

void cancel_shipment(SalesOffice& office, db::Transaction& tx, SalesOrder& order, std::vector<OrderLine>& lines,
                     Shipment& shipment) {
  if (!shipment.open())
    state_conflict("shipment " + shipment.number, shipment.state,
                   "only a reserved, picked or packed shipment can be cancelled");
  json::Array returned;
  for (const auto& sl : shipment.lines)
    returned.push_back(json::Object{{"line", sl.order_line},
                                    {"sku", line_of(lines, sl.order_line).sku},
                                    {"unallocated", decimal_json(sl.quantity - sl.shipped)}});
  cancel_open_shipment(office, tx, shipment, lines);
  save_line_parts(tx, order.id, lines);
  send_order_event(office, tx, order, "shipment.cancelled",
                   json::Object{{"shipment", shipment.number},
                                {"shipment_site", shipment.site},
                                {"lines", std::move(returned)}});
}

void pick_shipment(SalesOffice& office, db::Transaction& tx, SalesOrder& order, std::vector<OrderLine>& lines,
                   Shipment& shipment, const std::map<std::int64_t, std::int64_t>& quantities) {
  if (shipment.state != "reserved")
    state_conflict("shipment " + shipment.number, shipment.state, "only a reserved shipment can be picked");
  bool in_full = std::all_of(shipment.lines.begin(), shipment.lines.end(), [&](const ShipmentLine& sl) {
    auto it = quantities.find(sl.order_line);
    return it == quantities.end() || it->second == sl.quantity;
  });
  if (in_full) {
    // The common case in one statement: every line picked as reserved.
    for (auto& sl : shipment.lines) sl.picked = sl.quantity;
    tx.queue("UPDATE sal_shipment_line SET picked = quantity WHERE shipment_id = ?", {shipment.id});
    set_state(office, tx, shipment, shipment.lines.empty() ? "cancelled" : "picked");
    return;
  }
  BackorderShipment backorder{shipment, std::nullopt};
  bool any = false;
  for (auto& sl : shipment.lines) {
    auto it = quantities.find(sl.order_line);
    auto picked = it == quantities.end() ? sl.quantity : it->second;
    if (picked < sl.quantity) {
      auto& line = line_of(lines, sl.order_line);
      auto doc = reservation_of(shipment.id, sl.order_line);
      // The inventory releases a document line as a whole: release it, hold what
      // was picked again, and reserve the rest for the backorder shipment.
      office.stock.release(tx, doc);
      if (picked > 0) {
        auto again = office.stock.reserve(
            tx, {.site = shipment.site, .sku = line.sku, .quantity = Decimal::from_raw(picked), .document = doc, .lot = std::nullopt});
        if (again.reserved.raw() != picked)
          throw http::Problem::conflict("only " + again.reserved.to_string() + " of the " +
                                        Decimal::from_raw(picked).to_string() + " picked for line " +
                                        std::to_string(sl.order_line) + " could be held at " + shipment.site);
      }
      move_rest_to_backorder(office, tx, order, backorder, line, sl.quantity - picked);
      sl.quantity = picked;
    }
    sl.picked = picked;
    any = any || picked > 0;
    set_line(tx, shipment, sl);
  }
  save_line_parts(tx, order.id, lines);
  // Nothing picked at all: everything went to the backorder shipment.
  set_state(office, tx, shipment, any ? "picked" : "cancelled");
  if (backorder.id) number_new_shipments(tx, order);
  std::erase_if(shipment.lines, [](const ShipmentLine& sl) { return sl.quantity == 0; });
}

void pack_shipment(SalesOffice& office, db::Transaction& tx, Shipment& shipment,
                   const std::vector<std::int64_t>& package_weights) {
  if (shipment.state != "picked")
    state_conflict("shipment " + shipment.number, shipment.state, "only a picked shipment can be packed");
  tx.queue("DELETE FROM sal_package WHERE shipment_id = ?", {shipment.id});
  std::int64_t n = 0;
  shipment.packages.emplace();
  for (auto w : package_weights) {
    tx.queue("INSERT INTO sal_package (shipment_id, package, weight) VALUES (?, ?, ?)", {shipment.id, ++n, w});
    shipment.packages->emplace_back(n, w);
  }
  set_state(office, tx, shipment, "packed");
}

void ship_shipment(SalesOffice& office, db::Transaction& tx, SalesOrder& order, std::vector<OrderLine>& lines,
                   Shipment& shipment, const std::map<std::int64_t, std::int64_t>& quantities,
                   const std::optional<std::string>& tracking) {
  if (shipment.state != "packed")
    state_conflict("shipment " + shipment.number, shipment.state, "only a packed shipment can be shipped");
  if (!office.carrier && (!tracking || tracking->empty()))
    throw http::Problem::validation({{"tracking", "is required: the manual carrier takes the tracking number from the request"}});
  BackorderShipment backorder{shipment, std::nullopt};
  json::Array shipped_lines;
  std::int64_t total = 0;
  // What leaves, line by line; the stock of every line ships in one call.
  std::vector<std::int64_t> leaving;
  std::vector<inventory::ShipRequest> to_ship;
  for (const auto& sl : shipment.lines) {
    auto it = quantities.find(sl.order_line);
    leaving.push_back(it == quantities.end() ? sl.quantity : it->second);
    if (leaving.back() > 0)
      to_ship.push_back({reservation_of(shipment.id, sl.order_line), Decimal::from_raw(leaving.back())});
  }
  if (!to_ship.empty()) office.stock.ship_lines(tx, to_ship);
  bool in_full = true;
  for (std::size_t i = 0; i < shipment.lines.size(); ++i) in_full = in_full && leaving[i] == shipment.lines[i].quantity;
  if (in_full) tx.queue("UPDATE sal_shipment_line SET shipped = quantity WHERE shipment_id = ?", {shipment.id});
  for (std::size_t i = 0; i < shipment.lines.size(); ++i) {
    auto& sl = shipment.lines[i];
    auto q = leaving[i];
    auto& line = line_of(lines, sl.order_line);
    if (q < sl.quantity) {
      office.stock.release(tx, reservation_of(shipment.id, sl.order_line));
      move_rest_to_backorder(office, tx, order, backorder, line, sl.quantity - q);
    }
    line.shipped += q;
    line.allocated -= q;
    sl.quantity = q;
    sl.shipped = q;
    sl.picked = std::min(sl.picked, q);
    if (!in_full) set_line(tx, shipment, sl);
    if (q == 0) continue;
    auto amount = line.amount_for(q);
    total += amount;
    auto unit = line.unit;
    if (unit.empty()) {  // a line stored before lines kept their unit
      auto product = office.stock.product(tx, line.sku);
      unit = product ? product->unit : std::string();
    }
    shipped_lines.push_back(json::Object{{"line", line.line},
                                         {"sku", line.sku},
                                         {"quantity", decimal_json(q)},
                                         {"unit", unit},
                                         {"unit_price", money_json(line.unit_price_minor, order.currency)},
                                         {"ordered_unit", line.ordered_unit},
                                         {"amount", money_json(amount, order.currency)}});
  }
  if (shipped_lines.empty())
    throw http::Problem::validation({{"lines", "ship nothing at all; cancel the shipment instead"}});
  save_line_parts(tx, order.id, lines);

  if (office.carrier) {
    auto customer = customer_by_id(tx, order.customer_id);
    ports::CarrierShipment request{shipment.number, shipment.site, customer.country, customer.region, {}};
    for (const auto& r : tx.query("SELECT weight FROM sal_package WHERE shipment_id = ? ORDER BY package", {shipment.id}))
      request.package_weights_kg.push_back(Decimal::from_raw(r.get_int(0)));
    ports::CarrierBooking booking;
    try {
      booking = office.carrier->book(request);
    } catch (const http::Problem&) {
      throw;
    } catch (const db::DatabaseError&) {
      throw;
    } catch (const Error& e) {
      throw http::Problem::unprocessable("the carrier refused shipment " + shipment.number + ": " + e.what() +
                                         "; it stays packed");
    }
    shipment.carrier = booking.carrier;
    shipment.carrier_ref = booking.reference;
    shipment.tracking = booking.tracking_number;
  } else {
    shipment.carrier = "manual";
    shipment.tracking = *tracking;
  }
  set_state(office, tx, shipment, "shipped");
  settle_order_state(office, tx, order, lines);
  if (backorder.id) number_new_shipments(tx, order);
  std::erase_if(shipment.lines, [](const ShipmentLine& sl) { return sl.quantity == 0; });
  send_order_event(office, tx, order, "shipment.shipped",
                   json::Object{{"shipment", shipment.number},
                                {"shipment_site", shipment.site},
                                {"carrier", shipment.carrier},
                                {"carrier_ref", shipment.carrier_ref},
                                {"tracking", shipment.tracking},
                                {"currency", order.currency},
                                {"lines", std::move(shipped_lines)},
                                {"total", money_json(total, order.currency)},
                                {"order_state", order.state}});
}

json::Object shipment_json(db::Transaction& tx, const Shipment& s, const std::string& order_number,
                           const std::vector<OrderLine>& lines) {
  auto opt = [](const std::optional<std::string>& v) { return v ? json::Value(*v) : json::Value(nullptr); };
  json::Array out_lines;
  for (const auto& sl : s.lines) {
    std::string sku = sl.sku;
    for (const auto& l : lines)
      if (sku.empty() && l.line == sl.order_line) sku = l.sku;
    out_lines.push_back(json::Object{{"line", sl.order_line},
                                     {"sku", sku},
                                     {"quantity", decimal_json(sl.quantity)},
                                     {"picked", decimal_json(sl.picked)},
                                     {"shipped", decimal_json(sl.shipped)}});
  }
  json::Array packages;
  // Packages are written when a shipment is packed: before that there are none to read.
  bool may_have_packages = s.state != "reserved" && s.state != "picked";
  std::vector<std::pair<std::int64_t, std::int64_t>> read;
  const auto* held = s.packages ? &*s.packages : nullptr;
  if (!held && may_have_packages) {
    read = packages_from(tx.query("SELECT package, weight FROM sal_package WHERE shipment_id = ? ORDER BY package", {s.id}));
    held = &read;
  }
  if (held)
    for (const auto& [package, weight] : *held)
      packages.push_back(json::Object{{"package", package}, {"weight_kg", decimal_json(weight)}});
  json::Value backorder_of;
  if (s.backorder_of)
    backorder_of = json::Value(tx.query_one("SELECT number FROM sal_shipment WHERE id = ?", {*s.backorder_of})->get_text(0));
  return json::Object{{"number", s.number},
                      {"order", order_number},
                      {"site", s.site},
                      {"state", s.state},
                      {"backorder_of", backorder_of},
                      {"carrier", s.carrier},
                      {"carrier_ref", s.carrier_ref},
                      {"tracking", s.tracking},
                      {"created_at", s.created_at},
                      {"shipped_at", opt(s.shipped_at)},
                      {"cancelled_at", opt(s.cancelled_at)},
                      {"lines", std::move(out_lines)},
                      {"packages", std::move(packages)}};
}

}  // namespace downstream::sales_module
