#include "products.h"

#include "ledger_rows.h"
#include "units.h"

namespace downstream::inventory_module {

namespace {

constexpr std::size_t kMaxSkuLength = 64;

constexpr const char* kProductColumns = "SELECT id, sku, name, unit, tracking, weight, active FROM inv_product";

std::string known_units(db::Transaction& tx) {
  std::string out;
  for (const auto& u : list_units(tx)) out += (out.empty() ? "" : ", ") + u.code;
  return out;
}

}  // namespace

bool valid_sku(std::string_view sku) {
  if (sku.empty() || sku.size() > kMaxSkuLength) return false;
  for (char c : sku) {
    bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::vector<http::FieldError> product_errors(db::Transaction& tx, const ProductInput& input) {
  std::vector<http::FieldError> errors;
  if (!valid_sku(input.sku)) errors.push_back({"sku", "must be 1 to 64 letters, digits, '.', '_' or '-'"});
  if (input.name.empty()) errors.push_back({"name", "is required"});
  if (input.unit.empty())
    errors.push_back({"unit", "is required (one of " + known_units(tx) + ")"});
  else if (!find_unit(tx, input.unit))
    errors.push_back({"unit", "'" + input.unit + "' is not a known unit (one of " + known_units(tx) + ")"});
  if (input.tracking != "none" && input.tracking != "lot" && input.tracking != "serial")
    errors.push_back({"tracking", "must be one of none, lot, serial"});
  if (input.weight_kg.is_negative()) errors.push_back({"weight_kg", "must not be negative"});
  return errors;
}

std::optional<std::string> product_change_conflict(db::Transaction& tx, const Product& stored,
                                                   const ProductInput& input) {
  std::string fields, changes;
  auto note = [&](const char* field, const std::string& from, const std::string& to) {
    if (from == to) return;
    fields += (fields.empty() ? "" : " and ") + std::string(field);
    changes += (changes.empty() ? "" : ", ") + std::string(field) + " '" + from + "' -> '" + to + "'";
  };
  note("unit", stored.unit, input.unit);
  note("tracking", stored.tracking, input.tracking);
  if (fields.empty()) return std::nullopt;
  // Stock in transit between sites is stock too, though its location is virtual.
  auto held = tx.query_one(
      "SELECT l.site, l.code, b.on_hand FROM inv_balance b JOIN inv_location l ON l.id = b.location_id "
      "WHERE b.product_id = ? AND b.on_hand <> 0 AND (b.physical = 1 OR l.kind = 'transit') "
      "ORDER BY l.site, l.code, b.lot_id LIMIT 1",
      {stored.id});
  if (!held) return std::nullopt;
  auto site = held->get_text(0), code = held->get_text(1);
  return "product '" + stored.sku + "' has stock (" + Decimal::from_raw(held->get_int(2)).to_string() + " " +
         stored.unit + " at " + (site.empty() ? code : site + "/" + code) + "), so its " + fields + " cannot change (" +
         changes + ") until that stock is gone";
}

Upserted upsert_product(db::Transaction& tx, const ProductInput& input, TimePoint now) {
  auto errors = product_errors(tx, input);
  if (!errors.empty()) throw http::Problem::validation(errors);
  if (auto stored = product_by_sku(tx, input.sku))
    if (auto conflict = product_change_conflict(tx, *stored, input)) throw http::Problem::conflict(*conflict);
  return write_product(tx, input, now);
}

Upserted write_product(db::Transaction& tx, const ProductInput& input, TimePoint now) {
  // Insert-or-nothing first: a concurrent creator of the same SKU makes this one
  // wait and then update, instead of failing on the unique constraint.
  auto stamp = format_timestamp(now);
  auto insert = db::Transaction::upsert(
      "inv_product", {"sku", "name", "unit", "tracking", "weight", "active", "updated_at"}, {"sku"}, {});
  if (tx.execute(insert,
                 {input.sku, input.name, input.unit, input.tracking, input.weight_kg.raw(), input.active, stamp}) == 1)
    return Upserted::created;
  tx.execute(
      "UPDATE inv_product SET name = ?, unit = ?, tracking = ?, weight = ?, active = ?, updated_at = ? "
      "WHERE sku = ?",
      {input.name, input.unit, input.tracking, input.weight_kg.raw(), input.active, stamp, input.sku});
  return Upserted::updated;
}

std::optional<Product> product_by_sku(db::Transaction& tx, std::string_view sku) {
  auto row = tx.query_one(std::string(kProductColumns) + " WHERE sku = ?", {sku});
  if (!row) return std::nullopt;
  return ledger_rows::product_of(*row);
}

std::vector<Product> list_products(db::Transaction& tx, std::string_view after, std::int64_t limit) {
  std::vector<Product> out;
  // Byte order on both databases, so pages and their order are the same everywhere.
  std::string sku = tx.dialect() == db::Dialect::postgresql ? "sku COLLATE \"C\"" : "sku";
  for (const auto& row :
       tx.query(std::string(kProductColumns) + " WHERE " + sku + " > ? ORDER BY " + sku + " LIMIT ?", {after, limit}))
    out.push_back(ledger_rows::product_of(row));
  return out;
}

}  // namespace downstream::inventory_module
