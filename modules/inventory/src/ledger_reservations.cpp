// Reservations: rows holding stock of a balance for a document line. Reserving
// locks the candidate balances first, so the last unit is held only once.
#include <downstream/error.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "ledger_rows.h"
#include "stock_ledger.h"

namespace downstream::inventory_module {

using namespace ledger_rows;

namespace {

struct Candidate {
  std::int64_t location_id = 0;
  std::int64_t lot_id = 0;
  std::int64_t free = 0;
  TimePoint received_at;  // parsed: "…:00Z" and "…:00.250000Z" do not sort as text
  std::string location_code;
  std::string lot;
  std::optional<std::string> expiry;
};

std::string describe(const DocumentLine& d) {
  return d.type + " " + d.id + (d.line.empty() ? "" : " line " + d.line);
}

}  // namespace

inventory::Reservation StockLedger::reserve(db::Transaction& tx, std::string_view site, const Product& product,
                                            Decimal quantity, const DocumentLine& document,
                                            std::optional<std::int64_t> lot_id) {
  if (!quantity.is_positive())
    throw InvalidValue("quantity to reserve must be greater than 0 (got " + quantity.to_string() + ")");
  if (document.type.empty() || document.id.empty())
    throw InvalidValue("a reservation needs the document type and id it belongs to");

  // Locked in (location, product, lot) order and waited for, never skipped; a row
  // another unit of work emptied meanwhile drops out when the lock is granted.
  std::string sql =
      "SELECT b.location_id, b.lot_id, b.on_hand - b.reserved, b.received_at, "
      "(SELECT code FROM inv_location WHERE id = b.location_id), "
      "(SELECT code FROM inv_lot WHERE id = b.lot_id), (SELECT expiry FROM inv_lot WHERE id = b.lot_id) "
      "FROM inv_balance b WHERE b.site = ? AND b.product_id = ? AND b.physical = 1 AND b.on_hand > b.reserved "
      "AND b.location_id IN (SELECT id FROM inv_location WHERE site = ? AND kind IN ('storage', 'bin') AND active = 1)";
  db::Params params{site, product.id, site};
  if (lot_id) {
    sql += " AND b.lot_id = ?";
    params.emplace_back(*lot_id);
  }
  sql += " ORDER BY b.location_id, b.product_id, b.lot_id";
  sql += tx.for_update();

  std::vector<Candidate> candidates;
  for (const auto& row : tx.query(sql, params))
    candidates.push_back({row.get_int(0), row.get_int(1), row.get_int(2), parse_timestamp(row.get_text(3)), row.get_text(4),
                          row.opt_text(5).value_or(""), row.opt_text(6)});

  if (product.tracking != "none") {
    // First expiry first out; lots without an expiry last.
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      return std::make_tuple(!a.expiry.has_value(), a.expiry.value_or(""), a.received_at, a.location_id) <
             std::make_tuple(!b.expiry.has_value(), b.expiry.value_or(""), b.received_at, b.location_id);
    });
  } else {
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      return std::tie(a.received_at, a.location_id) < std::tie(b.received_at, b.location_id);
    });
  }

  inventory::Reservation out;
  out.requested = quantity;
  auto now = format_timestamp(clock_.now());
  std::int64_t left = quantity.raw();
  for (const auto& c : candidates) {
    if (left == 0) break;
    auto take = std::min(left, c.free);
    tx.execute("UPDATE inv_balance SET reserved = reserved + ? WHERE location_id = ? AND product_id = ? AND lot_id = ?",
               {take, c.location_id, product.id, c.lot_id});
    auto id = tx.query(
                    "INSERT INTO inv_reservation (location_id, product_id, lot_id, site, quantity, doc_type, doc_id, "
                    "doc_line, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?) RETURNING id",
                    {c.location_id, product.id, c.lot_id, site, take, document.type, document.id, document.line, now})
                  .front()
                  .get_int(0);
    out.pieces.push_back({id, std::string(site) + "/" + c.location_code, c.lot, Decimal::from_raw(take)});
    left -= take;
  }
  out.reserved = Decimal::from_raw(quantity.raw() - left);
  if (out.reserved.is_positive()) add_to_site_stock(tx, product.id, std::string(site), {.reserved = out.reserved.raw()});
  return out;
}

Decimal StockLedger::release(db::Transaction& tx, const DocumentLine& document) {
  // The UPDATE locks the open rows and re-reads their state, so two releases of
  // one line never both give the same quantity back.
  auto rows = tx.query(
      "UPDATE inv_reservation SET state = 'released' WHERE doc_type = ? AND doc_id = ? AND doc_line = ? "
      "AND state = 'open' RETURNING location_id, product_id, lot_id, site, quantity",
      {document.type, document.id, document.line});
  using Key = std::tuple<std::int64_t, std::int64_t, std::int64_t>;
  std::map<Key, std::int64_t> balances;  // ordered: (location, product, lot)
  std::map<std::pair<std::string, std::int64_t>, std::int64_t> sites;
  std::int64_t total = 0;
  for (const auto& r : rows) {
    auto q = r.get_int(4);
    balances[{r.get_int(0), r.get_int(1), r.get_int(2)}] += q;
    sites[{r.get_text(3), r.get_int(1)}] += q;
    total += q;
  }
  for (const auto& [key, q] : balances)
    tx.execute("UPDATE inv_balance SET reserved = reserved - ? WHERE location_id = ? AND product_id = ? AND lot_id = ?",
               {q, std::get<0>(key), std::get<1>(key), std::get<2>(key)});
  for (const auto& [key, q] : sites) add_to_site_stock(tx, key.second, key.first, {.reserved = -q});
  return Decimal::from_raw(total);
}

Decimal StockLedger::ship(db::Transaction& tx, const DocumentLine& document, std::optional<Decimal> quantity) {
  if (quantity && !quantity->is_positive())
    throw InvalidValue("quantity to ship must be greater than 0 (got " + quantity->to_string() + ")");
  auto rows = tx.query("SELECT id, location_id, product_id, lot_id, quantity FROM inv_reservation "
                       "WHERE doc_type = ? AND doc_id = ? AND doc_line = ? AND state = 'open' ORDER BY id" +
                           std::string(tx.for_update()),
                       {document.type, document.id, document.line});
  std::int64_t open = 0;
  for (const auto& r : rows) open += r.get_int(4);
  if (open == 0) throw http::Problem::conflict("nothing is reserved for " + describe(document) + "; nothing was shipped");
  std::int64_t wanted = quantity ? quantity->raw() : open;
  if (wanted > open)
    throw http::Problem::conflict("only " + Decimal::from_raw(open).to_string() + " is reserved for " +
                                  describe(document) + "; cannot ship " + Decimal::from_raw(wanted).to_string());

  struct Piece {
    std::int64_t location_id, product_id, lot_id, quantity;
  };
  std::vector<Piece> pieces;
  std::vector<db::Value> fully_shipped;
  auto now = format_timestamp(clock_.now());
  std::int64_t left = wanted;
  for (const auto& r : rows) {  // oldest reservation first
    if (left == 0) break;
    auto q = r.get_int(4);
    auto take = std::min(left, q);
    if (take == q) {
      fully_shipped.emplace_back(r.get_int(0));
    } else {
      // The shipped part becomes a row of its own; the rest stays open.
      tx.execute("UPDATE inv_reservation SET quantity = quantity - ? WHERE id = ?", {take, r.get_int(0)});
      tx.execute(
          "INSERT INTO inv_reservation (location_id, product_id, lot_id, site, quantity, doc_type, doc_id, doc_line, "
          "state, created_at) SELECT location_id, product_id, lot_id, site, ?, doc_type, doc_id, doc_line, 'shipped', ? "
          "FROM inv_reservation WHERE id = ?",
          {take, now, r.get_int(0)});
    }
    pieces.push_back({r.get_int(1), r.get_int(2), r.get_int(3), take});
    left -= take;
  }
  if (!fully_shipped.empty()) {
    std::string marks;
    for (std::size_t i = 0; i < fully_shipped.size(); ++i) marks += i ? ", ?" : "?";
    tx.execute("UPDATE inv_reservation SET state = 'shipped' WHERE id IN (" + marks + ")", fully_shipped);
  }

  std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
    return std::tie(a.location_id, a.product_id, a.lot_id) < std::tie(b.location_id, b.product_id, b.lot_id);
  });
  auto customer = location(tx, "customer");
  std::optional<Product> product;
  std::map<std::int64_t, Location> locations;
  for (const auto& p : pieces) {
    if (!product || product->id != p.product_id) product = product_by_id(tx, p.product_id);
    auto it = locations.find(p.location_id);
    if (it == locations.end()) it = locations.emplace(p.location_id, location_by_id(tx, p.location_id)).first;
    auto q = Decimal::from_raw(p.quantity);
    book_done_move(tx, *product, p.lot_id, q, it->second, customer, q, false, now);
    insert_move(tx, *product, p.lot_id, q, it->second, customer, document, "done", now, now, "", now);
  }
  return Decimal::from_raw(wanted);
}

}  // namespace downstream::inventory_module
