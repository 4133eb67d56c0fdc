// The ledger's invariants, recomputed from moves, balances and reservations.
// These scan whole tables on purpose: they prove the summaries, so they must
// not trust them.
#include "ledger_check.h"

#include <downstream/domain/decimal.h>

namespace downstream::inventory_module {

namespace {

std::string amount(std::int64_t raw) { return Decimal::from_raw(raw).to_string(); }

// "NORTH/storage/A-01 CHAIR-1 lot L-7" from site, code, sku and lot code columns.
std::string row_name(const db::Row& row, std::size_t first) {
  auto site = row.get_text(first);
  auto label = site.empty() ? row.get_text(first + 1) : site + "/" + row.get_text(first + 1);
  auto lot = row.opt_text(first + 3).value_or("");
  return label + " " + row.get_text(first + 2) + (lot.empty() ? "" : " lot " + lot);
}

// Joins that turn (location_id, product_id, lot_id) of `d` into names.
constexpr const char* kNames =
    " JOIN inv_location l ON l.id = d.location_id JOIN inv_product p ON p.id = d.product_id"
    " LEFT JOIN inv_lot lt ON lt.id = d.lot_id";

}  // namespace

std::vector<std::string> check_balances_sum_to_zero(db::Transaction& tx) {
  std::vector<std::string> out;
  for (const auto& row : tx.query(
           "SELECT p.sku, lt.code, CAST(SUM(d.on_hand) AS BIGINT) FROM inv_balance d "
           "JOIN inv_product p ON p.id = d.product_id LEFT JOIN inv_lot lt ON lt.id = d.lot_id "
           "GROUP BY p.sku, d.lot_id, lt.code HAVING SUM(d.on_hand) <> 0 ORDER BY p.sku, d.lot_id")) {
    auto lot = row.opt_text(1).value_or("");
    out.push_back(row.get_text(0) + (lot.empty() ? "" : " lot " + lot) +
                  ": balances over all locations sum to " + amount(row.get_int(2)) + ", expected 0");
  }
  return out;
}

std::vector<std::string> check_balances_within_bounds(db::Transaction& tx) {
  std::vector<std::string> out;
  for (const auto& row : tx.query(
           std::string("SELECT l.site, l.code, p.sku, lt.code, d.on_hand, d.reserved, d.physical, l.physical, d.site "
                       "FROM inv_balance d") +
           kNames +
           " WHERE (d.physical = 1 AND d.on_hand < 0) OR d.reserved < 0 OR (d.reserved > 0 AND d.reserved > d.on_hand)"
           " OR d.physical <> l.physical OR d.site <> l.site ORDER BY l.site, l.code, p.sku, d.lot_id")) {
    auto name = row_name(row, 0);
    auto on_hand = row.get_int(4), reserved = row.get_int(5);
    if (row.get_int(6) == 1 && on_hand < 0)
      out.push_back(name + ": physical on hand is " + amount(on_hand) + ", expected at least 0");
    if (reserved < 0) out.push_back(name + ": reserved is " + amount(reserved) + ", expected at least 0");
    if (reserved > 0 && reserved > on_hand)
      out.push_back(name + ": reserved " + amount(reserved) + " exceeds on hand " + amount(on_hand));
    if (row.get_int(6) != row.get_int(7) || row.get_text(8) != row.get_text(0))
      out.push_back(name + ": balance says site '" + row.get_text(8) + "' physical " + row.get_text(6) +
                    ", its location says site '" + row.get_text(0) + "' physical " + row.get_text(7));
  }
  return out;
}

std::vector<std::string> check_reserved_matches_reservations(db::Transaction& tx) {
  std::vector<std::string> out;
  for (const auto& row : tx.query(
           std::string("SELECT l.site, l.code, p.sku, lt.code, d.reserved, COALESCE(r.total, 0) FROM inv_balance d "
                       "LEFT JOIN (SELECT location_id, product_id, lot_id, CAST(SUM(quantity) AS BIGINT) AS total "
                       "FROM inv_reservation WHERE state = 'open' GROUP BY location_id, product_id, lot_id) r "
                       "ON r.location_id = d.location_id AND r.product_id = d.product_id AND r.lot_id = d.lot_id") +
           kNames + " WHERE d.reserved <> COALESCE(r.total, 0) ORDER BY l.site, l.code, p.sku, d.lot_id"))
    out.push_back(row_name(row, 0) + ": reserved " + amount(row.get_int(4)) + " but open reservations sum to " +
                  amount(row.get_int(5)));
  return out;
}

std::vector<std::string> check_balances_match_moves(db::Transaction& tx) {
  std::vector<std::string> out;
  for (const auto& row : tx.query(
           std::string(
               "SELECT l.site, l.code, p.sku, lt.code, d.expected, d.found FROM (SELECT location_id, product_id, "
               "lot_id, CAST(SUM(expected) AS BIGINT) AS expected, CAST(SUM(found) AS BIGINT) AS found FROM ("
               "SELECT to_location AS location_id, product_id, lot_id, quantity AS expected, 0 AS found "
               "FROM inv_move WHERE state = 'done' "
               "UNION ALL SELECT from_location, product_id, lot_id, -quantity, 0 FROM inv_move WHERE state = 'done' "
               "UNION ALL SELECT location_id, product_id, lot_id, 0, on_hand FROM inv_balance) x "
               "GROUP BY location_id, product_id, lot_id HAVING SUM(expected) <> SUM(found)) d") +
           kNames + " ORDER BY l.site, l.code, p.sku, d.lot_id"))
    out.push_back(row_name(row, 0) + ": on hand " + amount(row.get_int(5)) + " in inv_balance but done moves give " +
                  amount(row.get_int(4)));
  return out;
}

std::vector<std::string> check_site_stock_matches_balances(db::Transaction& tx) {
  std::vector<std::string> out;
  // A planned move inside one site is neither incoming nor outgoing there.
  const std::string planned =
      " FROM inv_move m JOIN inv_location t ON t.id = m.to_location JOIN inv_location f ON f.id = m.from_location"
      " WHERE m.state IN ('draft', 'reserved') AND ";
  auto rows = tx.query(
      "SELECT d.site, p.sku, d.oh_e, d.oh_f, d.r_e, d.r_f, d.in_e, d.in_f, d.out_e, d.out_f FROM (SELECT product_id, "
      "site, CAST(SUM(oh_e) AS BIGINT) AS oh_e, CAST(SUM(oh_f) AS BIGINT) AS oh_f, CAST(SUM(r_e) AS BIGINT) AS r_e, "
      "CAST(SUM(r_f) AS BIGINT) AS r_f, CAST(SUM(in_e) AS BIGINT) AS in_e, CAST(SUM(in_f) AS BIGINT) AS in_f, "
      "CAST(SUM(out_e) AS BIGINT) AS out_e, CAST(SUM(out_f) AS BIGINT) AS out_f FROM ("
      "SELECT product_id, site, on_hand AS oh_e, 0 AS oh_f, reserved AS r_e, 0 AS r_f, 0 AS in_e, 0 AS in_f, "
      "0 AS out_e, 0 AS out_f FROM inv_balance WHERE physical = 1 "
      "UNION ALL SELECT product_id, site, 0, on_hand, 0, reserved, 0, incoming, 0, outgoing FROM inv_stock "
      "UNION ALL SELECT m.product_id, t.site, 0, 0, 0, 0, m.quantity, 0, 0, 0" +
      planned + "t.physical = 1 AND NOT (f.physical = 1 AND f.site = t.site) " +
      "UNION ALL SELECT m.product_id, f.site, 0, 0, 0, 0, 0, 0, m.quantity, 0" + planned +
      "f.physical = 1 AND NOT (t.physical = 1 AND t.site = f.site)) y GROUP BY product_id, site "
      "HAVING SUM(oh_e) <> SUM(oh_f) OR SUM(r_e) <> SUM(r_f) OR SUM(in_e) <> SUM(in_f) OR SUM(out_e) <> SUM(out_f)) d "
      "JOIN inv_product p ON p.id = d.product_id ORDER BY d.site, p.sku");
  const char* figures[] = {"on hand", "reserved", "incoming", "outgoing"};
  const char* sources[] = {"its physical balances give", "its physical balances give", "planned moves give",
                           "planned moves give"};
  for (const auto& row : rows)
    for (std::size_t i = 0; i < 4; ++i) {
      auto expected = row.get_int(2 + 2 * i), found = row.get_int(3 + 2 * i);
      if (expected != found)
        out.push_back(row.get_text(0) + " " + row.get_text(1) + ": inv_stock " + figures[i] + " is " + amount(found) +
                      " but " + sources[i] + " " + amount(expected));
    }
  return out;
}

std::vector<InvariantCheck> ledger_invariants() {
  return {
      {"inventory: balances over all locations sum to zero per product and lot", check_balances_sum_to_zero},
      {"inventory: physical on hand >= 0 and 0 <= reserved <= on hand", check_balances_within_bounds},
      {"inventory: reserved equals the open reservations", check_reserved_matches_reservations},
      {"inventory: balances equal done moves in minus out", check_balances_match_moves},
      {"inventory: site stock equals its balances and planned moves", check_site_stock_matches_balances},
  };
}

}  // namespace downstream::inventory_module
