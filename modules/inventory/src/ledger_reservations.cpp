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

// First expiry first out for tracked products (lots without an expiry last);
// first in first out otherwise.
void order_for_picking(std::vector<Candidate>& candidates, const std::string& tracking) {
  if (tracking != "none") {
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      return std::make_tuple(!a.expiry.has_value(), a.expiry.value_or(""), a.received_at, a.location_id) <
             std::make_tuple(!b.expiry.has_value(), b.expiry.value_or(""), b.received_at, b.location_id);
    });
  } else {
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      return std::tie(a.received_at, a.location_id) < std::tie(b.received_at, b.location_id);
    });
  }
}

}  // namespace

inventory::Reservation StockLedger::reserve(db::Transaction& tx, std::string_view site, const Product& product,
                                            Decimal quantity, const DocumentLine& document,
                                            std::optional<std::int64_t> lot_id) {
  return reserve_lines(tx, site, {{product, quantity, document}}, lot_id).front();
}

std::vector<inventory::Reservation> StockLedger::reserve_lines(db::Transaction& tx, std::string_view site,
                                                             const std::vector<LineToReserve>& lines,
                                                             std::optional<std::int64_t> lot_id) {
  std::string marks;
  db::Params params{site};
  std::map<std::int64_t, const Product*> products;
  for (const auto& l : lines) {
    if (!l.quantity.is_positive())
      throw InvalidValue("quantity to reserve must be greater than 0 (got " + l.quantity.to_string() + ")");
    if (l.document.type.empty() || l.document.id.empty())
      throw InvalidValue("a reservation needs the document type and id it belongs to");
    if (products.emplace(l.product.id, &l.product).second) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(l.product.id);
    }
  }
  params.emplace_back(site);
  params.emplace_back(site);
  std::string only_lot;
  if (lot_id) {
    only_lot = " AND b.lot_id = ?";
    params.emplace_back(*lot_id);
  }
  // The candidates of every line's product at once, locked in (location,
  // product, lot) order and waited for, never skipped: a row another unit of
  // work emptied meanwhile drops out when the lock is granted.
  std::map<std::int64_t, std::vector<Candidate>> candidates;  // product -> its candidates
  for (const auto& row : tx.query(
           "SELECT b.location_id, b.lot_id, b.on_hand - b.reserved, b.received_at, "
           "(SELECT code FROM inv_location WHERE id = b.location_id), "
           "(SELECT code FROM inv_lot WHERE id = b.lot_id), (SELECT expiry FROM inv_lot WHERE id = b.lot_id), "
           "b.product_id FROM inv_balance b WHERE b.site = ? AND b.product_id IN (" + marks + ") AND b.physical = 1 "
           "AND b.on_hand > b.reserved AND b.location_id IN (SELECT id FROM inv_location WHERE site = ? AND kind IN "
           "('storage', 'bin') AND active = 1) AND EXISTS (SELECT 1 FROM inv_site WHERE code = ? AND active = 1)" +
               only_lot + " ORDER BY b.location_id, b.product_id, b.lot_id" + std::string(tx.for_update()),
           params))
    candidates[row.get_int(7)].push_back({row.get_int(0), row.get_int(1), row.get_int(2),
                                          parse_timestamp(row.get_text(3)), row.get_text(4),
                                          row.opt_text(5).value_or(""), row.opt_text(6)});
  // Nothing to hold: say so if it is because the site is unknown or inactive.
  if (candidates.empty()) require_site(tx, site);
  for (auto& [product_id, list] : candidates) order_for_picking(list, products.at(product_id)->tracking);

  // Take, line by line, what each line's product still has free.
  struct Taken {
    std::size_t line;
    const Candidate* from;
    std::int64_t quantity;
  };
  std::vector<Taken> taken;
  std::vector<inventory::Reservation> out;
  std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, std::int64_t> balances;  // (location, product, lot)
  std::map<std::int64_t, std::int64_t> summary;                                          // product -> reserved
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    inventory::Reservation r;
    r.requested = l.quantity;
    std::int64_t left = l.quantity.raw();
    for (auto& c : candidates[l.product.id]) {
      if (left == 0) break;
      auto take = std::min(left, c.free);
      if (take == 0) continue;
      c.free -= take;
      left -= take;
      taken.push_back({i, &c, take});
      balances[{c.location_id, l.product.id, c.lot_id}] += take;
      summary[l.product.id] += take;
    }
    r.reserved = Decimal::from_raw(l.quantity.raw() - left);
    out.push_back(std::move(r));
  }
  if (taken.empty()) return out;

  for (const auto& [key, q] : balances)
    tx.queue("UPDATE inv_balance SET reserved = reserved + ? WHERE location_id = ? AND product_id = ? AND lot_id = ?",
             {q, std::get<0>(key), std::get<1>(key), std::get<2>(key)});
  // Every reservation row in one statement; the ids come back keyed by what makes a row unique here.
  auto now = format_timestamp(clock_.now());
  std::string sql = "INSERT INTO inv_reservation (location_id, product_id, lot_id, site, quantity, doc_type, doc_id, "
                    "doc_line, state, created_at) VALUES ";
  db::Params rows;
  for (const auto& t : taken) {
    const auto& l = lines[t.line];
    sql += rows.empty() ? "(?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)";
    for (auto v : {db::Value(t.from->location_id), db::Value(l.product.id), db::Value(t.from->lot_id), db::Value(site),
                   db::Value(t.quantity), db::Value(l.document.type), db::Value(l.document.id),
                   db::Value(l.document.line), db::Value(now)})
      rows.push_back(std::move(v));
  }
  std::map<std::tuple<std::string, std::string, std::string, std::int64_t, std::int64_t, std::int64_t>, std::int64_t> ids;
  for (const auto& r : tx.query(sql + " RETURNING id, doc_type, doc_id, doc_line, location_id, product_id, lot_id", rows))
    ids[{r.get_text(1), r.get_text(2), r.get_text(3), r.get_int(4), r.get_int(5), r.get_int(6)}] = r.get_int(0);
  for (const auto& t : taken) {
    const auto& l = lines[t.line];
    auto id = ids.at({l.document.type, l.document.id, l.document.line, t.from->location_id, l.product.id, t.from->lot_id});
    out[t.line].pieces.push_back(
        {id, std::string(site) + "/" + t.from->location_code, t.from->lot, Decimal::from_raw(t.quantity)});
  }
  for (const auto& [product_id, q] : summary) add_to_site_stock(tx, product_id, std::string(site), {.reserved = q}, true);
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
  for (const auto& [key, q] : sites) add_to_site_stock(tx, key.second, key.first, {.reserved = -q}, true);
  return Decimal::from_raw(total);
}

Decimal StockLedger::ship(db::Transaction& tx, const DocumentLine& document, std::optional<Decimal> quantity) {
  return ship_lines(tx, {{document, quantity}}).front();
}

std::vector<Decimal> StockLedger::ship_lines(db::Transaction& tx, const std::vector<inventory::ShipRequest>& lines) {
  for (const auto& l : lines)
    if (l.quantity && !l.quantity->is_positive())
      throw InvalidValue("quantity to ship must be greater than 0 (got " + l.quantity->to_string() + ")");

  // The open reservations of every line, locked, with their products and
  // locations and the customer location: one read per document.
  struct Open {
    std::int64_t id, location_id, product_id, lot_id, quantity;
  };
  std::map<std::int64_t, Product> products;
  std::map<std::int64_t, Location> locations;
  std::optional<Location> customer;
  auto part = [](const db::Row& r, std::size_t from, std::size_t count) {
    std::vector<db::Value> v;
    for (std::size_t i = from; i < from + count; ++i) v.push_back(r.at(i));
    return db::Row(std::move(v));
  };
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> documents;  // (type, id) -> lines
  for (const auto& l : lines) documents[{l.line.type, l.line.id}].push_back(l.line.line);
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<Open>> open_of;
  for (const auto& [doc, doc_lines] : documents) {
    std::string marks;
    db::Params params{doc.first, doc.second};
    for (const auto& dl : doc_lines) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(dl);
    }
    for (const auto& r : tx.query(
             "SELECT r.id, r.location_id, r.product_id, r.lot_id, r.quantity, r.doc_line, "
             "p.id, p.sku, p.name, p.unit, p.tracking, p.weight, p.active, "
             "l.id, l.site, l.code, l.kind, l.physical, l.active, "
             "c.id, c.site, c.code, c.kind, c.physical, c.active "
             "FROM inv_reservation r JOIN inv_product p ON p.id = r.product_id "
             "JOIN inv_location l ON l.id = r.location_id "
             "JOIN inv_location c ON c.site = '' AND c.code = 'customer' "
             "WHERE r.doc_type = ? AND r.doc_id = ? AND r.doc_line IN (" + marks + ") AND r.state = 'open' "
             "ORDER BY r.id" + std::string(tx.dialect() == db::Dialect::postgresql ? " FOR UPDATE OF r" : ""),
             params)) {
      open_of[{doc.first, doc.second, r.get_text(5)}].push_back(
          {r.get_int(0), r.get_int(1), r.get_int(2), r.get_int(3), r.get_int(4)});
      products.try_emplace(r.get_int(6), product_of(part(r, 6, 7)));
      locations.try_emplace(r.get_int(13), location_of(part(r, 13, 6)));
      if (!customer) customer = location_of(part(r, 19, 6));
    }
  }

  std::vector<ShippedPiece> pieces;
  std::vector<db::Value> fully_shipped;
  std::vector<Decimal> out;
  auto now = format_timestamp(clock_.now());
  for (const auto& l : lines) {
    const auto& rows = open_of[{l.line.type, l.line.id, l.line.line}];
    std::int64_t open = 0;
    for (const auto& r : rows) open += r.quantity;
    if (open == 0) throw http::Problem::conflict("nothing is reserved for " + describe(l.line) + "; nothing was shipped");
    std::int64_t wanted = l.quantity ? l.quantity->raw() : open;
    if (wanted > open)
      throw http::Problem::conflict("only " + Decimal::from_raw(open).to_string() + " is reserved for " +
                                    describe(l.line) + "; cannot ship " + Decimal::from_raw(wanted).to_string());
    std::int64_t left = wanted;
    for (const auto& r : rows) {  // oldest reservation first
      if (left == 0) break;
      auto take = std::min(left, r.quantity);
      if (take == r.quantity) {
        fully_shipped.emplace_back(r.id);
      } else {
        // The shipped part becomes a row of its own; the rest stays open.
        tx.execute("UPDATE inv_reservation SET quantity = quantity - ? WHERE id = ?", {take, r.id});
        tx.execute(
            "INSERT INTO inv_reservation (location_id, product_id, lot_id, site, quantity, doc_type, doc_id, doc_line, "
            "state, created_at) SELECT location_id, product_id, lot_id, site, ?, doc_type, doc_id, doc_line, 'shipped', ? "
            "FROM inv_reservation WHERE id = ?",
            {take, now, r.id});
      }
      pieces.push_back({r.location_id, r.product_id, r.lot_id, take, &l.line});
      left -= take;
    }
    out.push_back(Decimal::from_raw(wanted));
  }
  if (!fully_shipped.empty()) {
    std::string marks;
    for (std::size_t i = 0; i < fully_shipped.size(); ++i) marks += i ? ", ?" : "?";
    tx.queue("UPDATE inv_reservation SET state = 'shipped' WHERE id IN (" + marks + ")", fully_shipped);
  }
  if (!pieces.empty()) book_shipped_pieces(tx, pieces, products, locations, *customer, now);
  return out;
}

void StockLedger::book_shipped_pieces(db::Transaction& tx, std::vector<ShippedPiece>& pieces,
                                      const std::map<std::int64_t, Product>& products,
                                      const std::map<std::int64_t, Location>& locations, const Location& customer,
                                      const std::string& now) {
  // Balances are locked in (location, product, lot) order. The customer
  // location is older than any site's, so its rows come first: locked here
  // without writing, so a refusal below leaves nothing behind.
  std::sort(pieces.begin(), pieces.end(), [](const ShippedPiece& a, const ShippedPiece& b) {
    return std::tie(a.location_id, a.product_id, a.lot_id) < std::tie(b.location_id, b.product_id, b.lot_id);
  });
  // On PostgreSQL the customer's balances are locked first (lower location id),
  // in the same round trip as the takes below and ahead of them.
  std::vector<db::Statement> takes;
  if (tx.dialect() == db::Dialect::postgresql) {
    std::string product_marks;
    db::Params lock{customer.id};
    for (const auto& [id, p] : products) {
      product_marks += product_marks.empty() ? "?" : ", ?";
      lock.emplace_back(id);
    }
    takes.push_back({"SELECT on_hand FROM inv_balance WHERE location_id = ? AND product_id IN (" + product_marks +
                         ") ORDER BY product_id, lot_id FOR UPDATE",
                     std::move(lock)});
  }
  const std::size_t first_take = takes.size();

  std::map<std::tuple<std::int64_t, std::int64_t>, std::int64_t> to_customer;  // (product, lot) -> quantity
  std::map<std::pair<std::int64_t, std::string>, SiteDelta> sites;              // (product, site)
  // Every piece leaves its balance in one round trip; a balance that did not
  // hold its piece returns no row and is refused below with its figures.
  for (const auto& p : pieces) {
    check_move(products.at(p.product_id), p.lot_id, Decimal::from_raw(p.quantity), locations.at(p.location_id), customer);
    takes.push_back({"UPDATE inv_balance SET on_hand = on_hand - ?, reserved = reserved - ? "
                     "WHERE location_id = ? AND product_id = ? AND lot_id = ? AND reserved >= ? AND on_hand - reserved >= 0 "
                     "RETURNING location_id",
                     {p.quantity, p.quantity, p.location_id, p.product_id, p.lot_id, p.quantity}});
  }
  auto taken = tx.query_all(takes);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const auto& p = pieces[i];
    if (taken[first_take + i].size() != 1) {
      auto q = Decimal::from_raw(p.quantity);
      refuse_take(tx, products.at(p.product_id), p.lot_id, locations.at(p.location_id), q, q);
    }
  }
  for (const auto& p : pieces) {
    const auto& from = locations.at(p.location_id);
    to_customer[{p.product_id, p.lot_id}] += p.quantity;
    auto& d = sites[{p.product_id, from.site}];
    d.on_hand -= p.quantity;
    d.reserved -= p.quantity;
  }

  // The customer's balances and the moves, each in one statement.
  std::string sql = "INSERT INTO inv_balance (location_id, product_id, lot_id, site, physical, on_hand, reserved, "
                    "received_at) VALUES ";
  db::Params params;
  for (const auto& [key, q] : to_customer) {
    sql += params.empty() ? "(?, ?, ?, ?, 0, ?, 0, ?)" : ", (?, ?, ?, ?, 0, ?, 0, ?)";
    for (auto v : {db::Value(customer.id), db::Value(std::get<0>(key)), db::Value(std::get<1>(key)),
                   db::Value(customer.site), db::Value(q), db::Value(now)})
      params.push_back(std::move(v));
  }
  tx.queue(sql + " ON CONFLICT (location_id, product_id, lot_id) DO UPDATE SET on_hand = inv_balance.on_hand + "
                   "excluded.on_hand",
             params);
  for (const auto& [key, d] : sites) add_to_site_stock(tx, key.first, key.second, d, true);

  sql = "INSERT INTO inv_move (product_id, lot_id, quantity, from_location, to_location, state, planned_at, done_at, "
        "doc_type, doc_id, doc_line, reason, created_at) VALUES ";
  params.clear();
  for (const auto& p : pieces) {
    sql += params.empty() ? "(?, ?, ?, ?, ?, 'done', ?, ?, ?, ?, ?, '', ?)" : ", (?, ?, ?, ?, ?, 'done', ?, ?, ?, ?, ?, '', ?)";
    for (auto v : {db::Value(p.product_id), db::Value(p.lot_id), db::Value(p.quantity), db::Value(p.location_id),
                   db::Value(customer.id), db::Value(now), db::Value(now), db::Value(p.document->type),
                   db::Value(p.document->id), db::Value(p.document->line), db::Value(now)})
      params.push_back(std::move(v));
  }
  tx.queue(sql, params);
}

}  // namespace downstream::inventory_module
