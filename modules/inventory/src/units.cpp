#include "units.h"

#include <downstream/error.h>

#include <cstdint>

#include "module_parts.h"

namespace downstream::inventory_module {

namespace {

__extension__ using wide = __int128;  // a raw amount times a raw factor overflows 64 bits

// Factors and steps as raw millionths: the reference unit of each category is 1.
struct SeedUnit {
  const char* code;
  const char* category;
  std::int64_t factor;
  std::int64_t rounding;
};
constexpr SeedUnit kSeedUnits[] = {
    {"each", "count", 1'000'000, 1'000'000},
    {"box-12", "count", 12'000'000, 1'000'000},
    {"kg", "weight", 1'000'000, 1'000},
    {"g", "weight", 1'000, 1'000'000},
};

Unit unit_of(const db::Row& row) {
  return {row.get_text(0), row.get_text(1), Decimal::from_raw(row.get_int(2)), Decimal::from_raw(row.get_int(3))};
}

// n / d rounded half away from zero; d > 0.
wide divide_rounded(wide n, wide d) {
  wide q = n / d, r = n % d;
  if (r < 0) r = -r;
  if (2 * r >= d) q += n < 0 ? -1 : 1;
  return q;
}

}  // namespace

// Upserted on every migrate, so an installation always has at least these; an
// admin's own units (other codes) are left alone.
void seed_units(db::Transaction& tx) {
  auto sql = db::Transaction::upsert("inv_unit", {"code", "category", "factor", "rounding"}, {"code"},
                                     {"category", "factor", "rounding"});
  for (const auto& u : kSeedUnits) tx.execute(sql, {u.code, u.category, u.factor, u.rounding});
}

std::optional<Unit> find_unit(db::Transaction& tx, std::string_view code) {
  auto row = tx.query_one("SELECT code, category, factor, rounding FROM inv_unit WHERE code = ?", {code});
  if (!row) return std::nullopt;
  return unit_of(*row);
}

std::vector<Unit> list_units(db::Transaction& tx) {
  std::vector<Unit> out;
  for (const auto& row :
       tx.query("SELECT code, category, factor, rounding FROM inv_unit ORDER BY category, factor, code"))
    out.push_back(unit_of(row));
  return out;
}

Decimal convert_amount(Decimal amount, const Unit& from, const Unit& to) {
  if (from.category != to.category)
    throw InvalidValue("unit '" + from.code + "' (" + from.category + ") cannot be converted to '" + to.code + "' (" +
                       to.category + ")");
  // amount * from.factor / to.factor, in steps of to.rounding, with one rounding only.
  wide steps = divide_rounded(wide{amount.raw()} * from.factor.raw(), wide{to.factor.raw()} * to.rounding.raw());
  wide raw = steps * to.rounding.raw();
  if (raw > INT64_MAX || raw < INT64_MIN)
    throw InvalidValue(amount.to_string() + " " + from.code + " is too large to express in " + to.code);
  return Decimal::from_raw(static_cast<std::int64_t>(raw));
}

Decimal to_unit(db::Transaction& tx, const Quantity& quantity, std::string_view target_unit) {
  auto from = find_unit(tx, quantity.unit());
  if (!from) throw InvalidValue("unknown unit '" + quantity.unit() + "'");
  auto to = find_unit(tx, target_unit);
  if (!to) throw InvalidValue("unknown unit '" + std::string(target_unit) + "'");
  return convert_amount(quantity.amount(), *from, *to);
}

}  // namespace downstream::inventory_module
