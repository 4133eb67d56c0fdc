#include <downstream/domain/quantity.h>
#include <downstream/error.h>

namespace downstream {

Quantity Quantity::parse(std::string_view amount, std::string unit) {
  if (unit.empty()) throw InvalidValue("a quantity needs a unit");
  return Quantity(Decimal::parse(amount), std::move(unit));
}

std::string Quantity::to_string() const { return amount_.to_string() + " " + unit_; }

namespace {
void same_unit(const Quantity& a, const Quantity& b) {
  if (a.unit() != b.unit())
    throw InvalidValue("cannot combine " + a.to_string() + " with " + b.to_string() + ": convert the unit first");
}
}  // namespace

Quantity Quantity::operator+(const Quantity& o) const {
  same_unit(*this, o);
  return Quantity(amount_ + o.amount_, unit_);
}
Quantity Quantity::operator-(const Quantity& o) const {
  same_unit(*this, o);
  return Quantity(amount_ - o.amount_, unit_);
}

}  // namespace downstream
