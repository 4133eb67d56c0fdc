#pragma once
// A quantity of a product in a unit of measure ("6.8 kg", "3 each"). Amounts in
// different units are never added silently: convert through the unit's category
// first (the inventory module owns the conversion factors).
#include <string>
#include <string_view>

#include <downstream/domain/decimal.h>
#include <downstream/export.h>

namespace downstream {

class DOWNSTREAM_API Quantity {
public:
  Quantity() = default;
  Quantity(Decimal amount, std::string unit) : amount_(amount), unit_(std::move(unit)) {}
  // "6.8" in unit "kg"; throws InvalidValue.
  static Quantity parse(std::string_view amount, std::string unit);

  Decimal amount() const { return amount_; }
  const std::string& unit() const { return unit_; }
  // "6.8 kg"
  std::string to_string() const;

  // Same-unit arithmetic; a different unit throws InvalidValue naming both.
  Quantity operator+(const Quantity& other) const;
  Quantity operator-(const Quantity& other) const;
  bool operator==(const Quantity&) const = default;

private:
  Decimal amount_;
  std::string unit_;
};

}  // namespace downstream
