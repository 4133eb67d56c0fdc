// Stock figures: one balance, and the per-site summary availability reads.
#include <downstream/error.h>

#include <algorithm>

#include "ledger_rows.h"
#include "stock_ledger.h"

namespace downstream::inventory_module {

Decimal StockLedger::on_hand(db::Transaction& tx, std::int64_t location_id, std::int64_t product_id,
                             std::int64_t lot_id) {
  auto row = tx.query_one("SELECT on_hand FROM inv_balance WHERE location_id = ? AND product_id = ? AND lot_id = ?",
                          {location_id, product_id, lot_id});
  return Decimal::from_raw(row ? row->get_int(0) : 0);
}

std::int64_t StockLedger::last_move_id(db::Transaction& tx) {
  return tx.query_int("SELECT COALESCE(MAX(id), 0) FROM inv_move");
}

std::vector<inventory::SiteStock> StockLedger::availability(db::Transaction& tx, const Product& product,
                                                            const std::vector<std::string>& sites) {
  // The summary only: its cost grows with sites, not with the ledger's history.
  std::string sql =
      "SELECT s.code, COALESCE(st.on_hand, 0), COALESCE(st.reserved, 0), COALESCE(st.incoming, 0), "
      "COALESCE(st.outgoing, 0) FROM inv_site s LEFT JOIN inv_stock st ON st.site = s.code AND st.product_id = ? ";
  db::Params params{product.id};
  if (sites.empty()) {
    sql += "WHERE s.active = 1";
  } else {
    sql += "WHERE s.code IN (";
    for (std::size_t i = 0; i < sites.size(); ++i) {
      sql += i ? ", ?" : "?";
      params.emplace_back(sites[i]);
    }
    sql += ")";
  }
  sql += " ORDER BY s.code";
  std::vector<inventory::SiteStock> out;
  for (const auto& row : tx.query(sql, params)) {
    inventory::StockFigures f;
    f.on_hand = Decimal::from_raw(row.get_int(1));
    f.reserved = Decimal::from_raw(row.get_int(2));
    f.available = f.on_hand - f.reserved;
    f.incoming = Decimal::from_raw(row.get_int(3));
    f.outgoing = Decimal::from_raw(row.get_int(4));
    out.push_back({row.get_text(0), f});
  }
  for (const auto& s : sites)
    if (std::none_of(out.begin(), out.end(), [&](const inventory::SiteStock& x) { return x.site == s; }))
      throw InvalidValue("unknown site '" + s + "'");
  return out;
}

}  // namespace downstream::inventory_module
