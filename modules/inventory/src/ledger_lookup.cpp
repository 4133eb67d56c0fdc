// Master data as the ledger sees it: products, locations by label, sites, lots,
// and document numbers.
#include <downstream/error.h>

#include <cstdio>

#include "ledger_rows.h"
#include "stock_ledger.h"

namespace downstream::inventory_module {

namespace ledger_rows {

Product product_of(const db::Row& row) {
  Product p;
  p.id = row.get_int(0);
  p.sku = row.get_text(1);
  p.name = row.get_text(2);
  p.unit = row.get_text(3);
  p.tracking = row.get_text(4);
  p.weight_kg = Decimal::from_raw(row.get_int(5));
  p.active = row.get_int(6) != 0;
  return p;
}

Location location_of(const db::Row& row) {
  Location l;
  l.id = row.get_int(0);
  l.site = row.get_text(1);
  l.code = row.get_text(2);
  l.kind = row.get_text(3);
  l.physical = row.get_int(4) != 0;
  l.active = row.get_int(5) != 0;
  return l;
}

Product product_by_id(db::Transaction& tx, std::int64_t id) {
  auto row = tx.query_one("SELECT " + std::string(kProductColumns) + " FROM inv_product WHERE id = ?", {id});
  if (!row) throw InvalidValue("unknown product id " + std::to_string(id));
  return product_of(*row);
}

Location location_by_id(db::Transaction& tx, std::int64_t id) {
  auto row = tx.query_one("SELECT " + std::string(kLocationColumns) + " FROM inv_location WHERE id = ?", {id});
  if (!row) throw InvalidValue("unknown location id " + std::to_string(id));
  return location_of(*row);
}

std::string lot_code(db::Transaction& tx, std::int64_t lot_id) {
  if (lot_id == 0) return "";
  auto row = tx.query_one("SELECT code FROM inv_lot WHERE id = ?", {lot_id});
  return row ? row->get_text(0) : std::to_string(lot_id);
}

}  // namespace ledger_rows

std::optional<Product> StockLedger::find_product(db::Transaction& tx, std::string_view sku) {
  auto row = tx.query_one("SELECT " + std::string(ledger_rows::kProductColumns) + " FROM inv_product WHERE sku = ?",
                          {sku});
  if (!row) return std::nullopt;
  return ledger_rows::product_of(*row);
}

std::map<std::string, Product> StockLedger::products(db::Transaction& tx, const std::vector<std::string>& skus) {
  std::map<std::string, Product> out;
  if (skus.empty()) return out;
  std::string marks;
  db::Params params;
  for (const auto& sku : skus) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(sku);
  }
  for (const auto& row : tx.query("SELECT " + std::string(ledger_rows::kProductColumns) +
                                      " FROM inv_product WHERE sku IN (" + marks + ")",
                                  params)) {
    auto p = ledger_rows::product_of(row);
    out.emplace(p.sku, p);
  }
  return out;
}

Product StockLedger::product(db::Transaction& tx, std::string_view sku) {
  auto p = find_product(tx, sku);
  if (!p) throw InvalidValue("unknown product '" + std::string(sku) + "'");
  return *p;
}

Location StockLedger::location(db::Transaction& tx, std::string_view label) {
  // A virtual location's code may hold slashes ("transit/NORTH/SOUTH"), so both
  // readings of the label are asked for at once; a site is never named "".
  auto slash = label.find('/');
  std::string site = slash == std::string_view::npos ? std::string() : std::string(label.substr(0, slash));
  std::string code = slash == std::string_view::npos ? std::string() : std::string(label.substr(slash + 1));
  auto rows = tx.query("SELECT " + std::string(ledger_rows::kLocationColumns) +
                           " FROM inv_location WHERE (site = '' AND code = ?) OR (site = ? AND site <> '' AND code = ?)"
                           " ORDER BY site",
                       {label, site, code});
  if (rows.empty()) throw InvalidValue("unknown location '" + std::string(label) + "'");
  return ledger_rows::location_of(rows.front());
}

Location StockLedger::site_location(db::Transaction& tx, std::string_view site, std::string_view kind) {
  auto row = tx.query_one("SELECT " + std::string(ledger_rows::kLocationColumns) +
                              " FROM inv_location WHERE site = ? AND kind = ? AND active = 1 ORDER BY id LIMIT 1",
                          {site, kind});
  if (!row) {
    require_site(tx, site);
    throw InvalidValue("site '" + std::string(site) + "' has no active " + std::string(kind) + " location");
  }
  return ledger_rows::location_of(*row);
}

Location StockLedger::transit(db::Transaction& tx, std::string_view from_site, std::string_view to_site) {
  auto code = "transit/" + std::string(from_site) + "/" + std::string(to_site);
  auto select = "SELECT " + std::string(ledger_rows::kLocationColumns) + " FROM inv_location WHERE site = '' AND code = ?";
  if (auto row = tx.query_one(select, {code})) return ledger_rows::location_of(*row);
  tx.execute(db::Transaction::upsert("inv_location", {"site", "code", "name", "kind", "physical"}, {"site", "code"}, {}),
             {"", code, "In transit " + std::string(from_site) + " to " + std::string(to_site), "transit", 0});
  return ledger_rows::location_of(*tx.query_one(select, {code}));
}

void StockLedger::require_site(db::Transaction& tx, std::string_view site) {
  auto row = tx.query_one("SELECT active FROM inv_site WHERE code = ?", {site});
  if (!row) throw InvalidValue("unknown site '" + std::string(site) + "'");
  if (row->get_int(0) == 0) throw InvalidValue("site '" + std::string(site) + "' is inactive");
}

std::int64_t StockLedger::lot_id(db::Transaction& tx, const Product& product, const std::optional<std::string>& lot,
                                 bool create, const std::optional<std::string>& expiry) {
  if (product.tracking == "none") {
    if (lot && !lot->empty())
      throw InvalidValue("product '" + product.sku + "' is not lot-tracked; lot '" + *lot + "' cannot be given");
    return 0;
  }
  if (!lot || lot->empty()) throw InvalidValue("a lot is required for lot-tracked product '" + product.sku + "'");
  if (auto row = tx.query_one("SELECT id FROM inv_lot WHERE product_id = ? AND code = ?", {product.id, *lot}))
    return row->get_int(0);
  if (!create) throw InvalidValue("unknown lot '" + *lot + "' of product '" + product.sku + "'");
  auto rows = tx.query(
      "INSERT INTO inv_lot (product_id, code, expiry, created_at) VALUES (?, ?, ?, ?) RETURNING id",
      {product.id, *lot, expiry, format_timestamp(clock_.now())});
  return rows.front().get_int(0);
}

std::string StockLedger::next_number(db::Transaction& tx, std::string_view site, std::string_view kind,
                                     std::string_view prefix) {
  // One row per (site, kind), locked by the upsert until commit: taken late in the
  // unit of work, so documents of other sites and kinds never wait on it.
  auto rows = tx.query(
      "INSERT INTO inv_sequence (site, kind, next) VALUES (?, ?, 2) "
      "ON CONFLICT (site, kind) DO UPDATE SET next = inv_sequence.next + 1 RETURNING next - 1",
      {site, kind});
  auto n = rows.front().get_int(0);
  char digits[24];
  std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(n));
  std::string out(prefix);
  if (!site.empty()) out += "-" + std::string(site);
  return out + "-" + digits;
}

}  // namespace downstream::inventory_module
