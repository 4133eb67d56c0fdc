#include "sales_orders.h"

#include <downstream/error.h>
#include <downstream/problem.h>

#include <cstdio>
#include <limits>

namespace downstream::sales_module {

namespace {

constexpr const char* kOrderSelect =
    "SELECT id, number, site, customer_id, channel, currency, state, quote_valid_until, external_ref, total_minor, "
    "created_at, confirmed_at, closed_at FROM sal_order ";

SalesOrder order_from_row(const db::Row& r) {
  return {r.get_int(0),     r.get_text(1), r.get_text(2),     r.get_int(3),      r.get_text(4),
          r.get_text(5),    r.get_text(6), r.opt_text(7),     r.get_text(8),     r.get_int(9),
          r.get_text(10),   r.opt_text(11), r.opt_text(12), std::nullopt, std::nullopt};
}

// Money times a quantity needs more than 64 bits in between.
__extension__ using Wide = __int128;

// x * n / d rounded half away from zero, for non-negative x, n and positive d.
std::optional<std::int64_t> scaled(std::int64_t x, std::int64_t n, std::int64_t d) {
  Wide p = static_cast<Wide>(x) * n;
  Wide q = p / d;
  if ((p % d) * 2 >= d) ++q;
  if (q > std::numeric_limits<std::int64_t>::max()) return std::nullopt;
  return static_cast<std::int64_t>(q);
}

}  // namespace

std::optional<std::int64_t> line_amount(std::int64_t unit_price_minor, std::int64_t quantity_raw) {
  return scaled(unit_price_minor, quantity_raw, Decimal::kScale);
}

std::int64_t OrderLine::amount_for(std::int64_t part) const {
  if (part == quantity) return line_total_minor;
  return scaled(line_total_minor, part, quantity).value_or(0);
}

std::string next_number(db::Transaction& tx, const std::string& site, const std::string& kind,
                        const std::string& prefix) {
  // One statement: the first number of a (site, kind) is 1.
  auto n = tx.query("INSERT INTO sal_sequence (site, kind, next) VALUES (?, ?, 2) ON CONFLICT (site, kind) "
                    "DO UPDATE SET next = sal_sequence.next + 1 RETURNING next - 1",
                    {site, kind})
               .front()
               .get_int(0);
  char digits[32];
  std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(n));
  return prefix + "-" + site + "-" + digits;
}

SalesOrder create_order(SalesOffice& office, db::Transaction& tx, const NewOrder& in) {
  SalesOrder o;
  o.site = in.site;
  o.customer_id = in.customer_id;
  o.channel = in.channel;
  o.currency = in.currency;
  o.state = "draft";
  o.quote_valid_until = in.quote_valid_until;
  o.external_ref = in.external_ref;
  for (const auto& l : in.lines) {
    if (o.total_minor > std::numeric_limits<std::int64_t>::max() - l.line_total_minor)
      throw InvalidValue("the order's total is too large");
    o.total_minor += l.line_total_minor;
  }
  o.created_at = office.now();
  // Everything is checked; the number is the last thing taken before the rows are written.
  o.number = next_number(tx, o.site, "order", "SO");
  // Nothing here needs an answer from the database: the order and its lines
  // (which find the order by its number) travel with the commit.
  tx.queue("INSERT INTO sal_order (number, site, customer_id, channel, currency, state, quote_valid_until, "
           "external_ref, total_minor, created_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)",
           {o.number, o.site, o.customer_id, o.channel, o.currency, o.quote_valid_until, o.external_ref, o.total_minor,
            o.created_at});
  // All lines in one statement.
  std::string sql =
      "INSERT INTO sal_order_line (order_id, line, sku, quantity, ordered_quantity, ordered_unit, unit_price_minor, "
      "line_total_minor, requested_date, unit) VALUES ";
  db::Params params;
  const char* row = "((SELECT id FROM sal_order WHERE number = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  for (const auto& l : in.lines) {
    sql += params.empty() ? row : std::string(", ") + row;
    for (auto v : {db::Value(o.number), db::Value(l.line), db::Value(l.sku), db::Value(l.quantity),
                   db::Value(l.ordered_quantity), db::Value(l.ordered_unit), db::Value(l.unit_price_minor),
                   db::Value(l.line_total_minor), db::Value(l.requested_date),
                   l.unit.empty() ? db::Value() : db::Value(l.unit)})
      params.push_back(std::move(v));
  }
  if (!in.lines.empty()) tx.queue(sql, params);
  return o;
}

std::optional<SalesOrder> find_order(db::Transaction& tx, std::string_view number) {
  auto row = tx.query_one(std::string(kOrderSelect) + "WHERE number = ?", {number});
  if (!row) return std::nullopt;
  return order_from_row(*row);
}

SalesOrder lock_order(db::Transaction& tx, std::string_view number) {
  auto row = tx.query_one(std::string(kOrderSelect) + "WHERE number = ?" + std::string(tx.for_update()), {number});
  if (!row) throw http::Problem::not_found("sales order '" + std::string(number) + "'");
  return order_from_row(*row);
}

db::Statement lock_order_of_shipment_statement(db::Transaction& tx, std::string_view shipment_number) {
  return {std::string(kOrderSelect) + "WHERE id = (SELECT order_id FROM sal_shipment WHERE number = ?)" +
              std::string(tx.for_update()),
          {shipment_number}};
}

SalesOrder order_from(const db::Row& row) { return order_from_row(row); }

SalesOrder lock_order(db::Transaction& tx, std::int64_t id) {
  auto row = tx.query_one(std::string(kOrderSelect) + "WHERE id = ?" + std::string(tx.for_update()), {id});
  if (!row) throw http::Problem::not_found("sales order " + std::to_string(id));
  return order_from_row(*row);
}

db::Statement order_lines_statement(std::string_view order_id, db::Params params) {
  return {"SELECT line, sku, quantity, ordered_quantity, ordered_unit, unit_price_minor, line_total_minor, "
          "requested_date, allocated, shipped, backordered, cancelled, unit FROM sal_order_line WHERE order_id = " +
              std::string(order_id) + " ORDER BY line",
          std::move(params)};
}

db::Statement order_lines_statement(std::int64_t order_id) { return order_lines_statement("?", {order_id}); }

std::vector<OrderLine> order_lines_from(const db::Rows& rows) {
  std::vector<OrderLine> out;
  for (const auto& r : rows) {
    out.push_back({r.get_int(0), r.get_text(1), r.get_int(2), r.get_int(3), r.get_text(4), r.get_int(5),
                   r.get_int(6), r.opt_text(7), r.get_int(8), r.get_int(9), r.get_int(10), r.get_int(11),
                   r.opt_text(12).value_or(""), std::nullopt});
    out.back().stored_parts = out.back().parts();
  }
  return out;
}

std::vector<OrderLine> order_lines(db::Transaction& tx, std::int64_t order_id) {
  auto st = order_lines_statement(order_id);
  return order_lines_from(tx.query(st.sql, st.params));
}

std::pair<SalesOrder, std::vector<OrderLine>> lock_order_with_lines(db::Transaction& tx, std::string_view number) {
  // The lock first: the lines and the customer are read after it is granted.
  auto rows = tx.query_all({{std::string(kOrderSelect) + "WHERE number = ?" + std::string(tx.for_update()), {number}},
                            order_lines_statement("(SELECT id FROM sal_order WHERE number = ?)", {number}),
                            customer_of_order_statement(number)});
  if (rows[0].empty()) throw http::Problem::not_found("sales order '" + std::string(number) + "'");
  auto order = order_from_row(rows[0].front());
  order.customer = customer_from(rows[2]);
  if (order.customer) order.customer_ref = order.customer->ref;
  return {std::move(order), order_lines_from(rows[1])};
}

void save_line_parts(db::Transaction& tx, std::int64_t order_id, const std::vector<OrderLine>& lines) {
  for (const auto& l : lines) {
    if (l.stored_parts == l.parts()) continue;
    tx.queue("UPDATE sal_order_line SET allocated = ?, shipped = ?, backordered = ?, cancelled = ? "
               "WHERE order_id = ? AND line = ?",
               {l.allocated, l.shipped, l.backordered, l.cancelled, order_id, l.line});
  }
}

OrderLine& line_of(std::vector<OrderLine>& lines, std::int64_t line) {
  for (auto& l : lines)
    if (l.line == line) return l;
  throw db::DatabaseError("order line " + std::to_string(line) + " is missing");
}

void set_order_state(db::Transaction& tx, SalesOrder& order, const std::string& state) {
  order.state = state;
  tx.queue("UPDATE sal_order SET state = ?, confirmed_at = ?, closed_at = ? WHERE id = ?",
             {state, order.confirmed_at, order.closed_at, order.id});
}

void settle_order_state(SalesOffice& office, db::Transaction& tx, SalesOrder& order,
                        const std::vector<OrderLine>& lines) {
  std::int64_t shipped = 0;
  bool done = true;
  for (const auto& l : lines) {
    shipped += l.shipped;
    if (l.shipped + l.cancelled != l.quantity) done = false;
  }
  if (shipped == 0) return;
  if (done) {
    order.closed_at = office.now();
    set_order_state(tx, order, "shipped");
  } else if (order.state != "partially_shipped") {
    set_order_state(tx, order, "partially_shipped");
  }
}

void send_order_event(SalesOffice& office, db::Transaction& tx, const SalesOrder& order, const std::string& type,
                      json::Object payload) {
  json::Object body{{"order", order.number}, {"site", order.site}};
  for (const auto& [k, v] : payload) body[k] = v;
  auto text = json::Value(std::move(body)).dump();
  office.events.publish(tx, Event{type, text, order.site});
  tx.queue(
      "INSERT INTO sal_order_event (order_id, seq, type, payload, created_at) "
      "VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sal_order_event WHERE order_id = ?), ?, ?, ?)",
      {order.id, order.id, type, text, office.now()});
}

}  // namespace downstream::sales_module
