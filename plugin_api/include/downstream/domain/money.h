#pragma once
// An amount of money: an integer count of the currency's minor units (cents) and
// its ISO 4217 code. Amounts in different currencies are never added silently.
#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include <downstream/export.h>

namespace downstream {

// An ISO 4217 currency code ("EUR") and the number of its minor-unit digits.
class DOWNSTREAM_API Currency {
public:
  Currency() = default;
  // Three upper-case letters; throws InvalidValue for anything else.
  static Currency of(std::string_view code);
  std::string code() const { return std::string(code_.data(), 3); }
  // 2 for EUR and USD, 0 for JPY, 3 for KWD, ...
  int minor_digits() const;
  bool operator==(const Currency&) const = default;

private:
  std::array<char, 3> code_{{'X', 'X', 'X'}};
};

class DOWNSTREAM_API Money {
public:
  Money() = default;
  Money(std::int64_t minor_units, Currency currency) : minor_(minor_units), currency_(currency) {}
  // "50.00" in EUR; more fractional digits than the currency has throws InvalidValue.
  static Money parse(std::string_view amount, Currency currency);

  std::int64_t minor_units() const { return minor_; }
  Currency currency() const { return currency_; }
  // "50.00" (no currency code), as JSON carries it.
  std::string amount_string() const;
  // "50.00 EUR"
  std::string to_string() const;

  // Same-currency arithmetic; throws InvalidValue on another currency or overflow.
  Money operator+(const Money& other) const;
  Money operator-(const Money& other) const;
  Money times(std::int64_t n) const;
  bool operator==(const Money&) const = default;

private:
  std::int64_t minor_ = 0;
  Currency currency_;
};

}  // namespace downstream
