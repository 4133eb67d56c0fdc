#pragma once
// Units of measure: each unit is a factor of its category's reference unit, and
// a quantity in a unit is rounded to that unit's smallest step. Conversion never
// crosses categories: "3 kg" is never "3 each".
#include <downstream/domain/decimal.h>
#include <downstream/domain/quantity.h>
#include <downstream/ports/database.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace downstream::inventory_module {

struct Unit {
  std::string code;
  std::string category;
  Decimal factor;    // of the category's reference unit: box-12 is 12 each, g is 0.001 kg
  Decimal rounding;  // smallest step of a quantity in this unit
};

std::optional<Unit> find_unit(db::Transaction& tx, std::string_view code);
// Every unit, by category then code.
std::vector<Unit> list_units(db::Transaction& tx);

// `amount` of `from` expressed in `to`, rounded to `to`'s step (half away from
// zero). Throws InvalidValue naming both units when their categories differ, or
// when the result overflows.
Decimal convert_amount(Decimal amount, const Unit& from, const Unit& to);

// A quantity in the unit a product keeps its stock in; InvalidValue for an
// unknown unit or a unit of another category.
Decimal to_unit(db::Transaction& tx, const Quantity& quantity, std::string_view target_unit);

}  // namespace downstream::inventory_module
