#pragma once
// A fixed-point decimal with six fractional digits, stored as a 64-bit integer
// of millionths. Quantities are built on it; it never touches floating point.
// JSON carries it as a decimal string ("6.8"); the database as its raw integer.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include <downstream/export.h>

namespace downstream {

class DOWNSTREAM_API Decimal {
public:
  static constexpr int kScaleDigits = 6;
  static constexpr std::int64_t kScale = 1'000'000;

  constexpr Decimal() = default;
  // From the raw count of millionths, as stored in the database.
  static constexpr Decimal from_raw(std::int64_t raw) { return Decimal(raw); }
  static Decimal from_int(std::int64_t units);  // throws InvalidValue on overflow
  // "12", "-0.5", "6.800"; at most six fractional digits; throws InvalidValue.
  static Decimal parse(std::string_view text);

  constexpr std::int64_t raw() const { return raw_; }
  // Shortest exact form: "6.8", "12", "-0.000001".
  std::string to_string() const;
  // With exactly `digits` fractional digits (0..6), rounding half away from zero.
  std::string to_string(int digits) const;

  // Arithmetic throws InvalidValue on overflow instead of wrapping.
  Decimal operator+(Decimal other) const;
  Decimal operator-(Decimal other) const;
  Decimal operator-() const;
  Decimal& operator+=(Decimal other) { return *this = *this + other; }
  Decimal& operator-=(Decimal other) { return *this = *this - other; }
  // Multiplies by an integer count.
  Decimal times(std::int64_t n) const;
  // Rounds to a multiple of `step` (half away from zero), as unit rounding needs.
  Decimal round_to(Decimal step) const;

  constexpr bool is_zero() const { return raw_ == 0; }
  constexpr bool is_positive() const { return raw_ > 0; }
  constexpr bool is_negative() const { return raw_ < 0; }
  constexpr auto operator<=>(const Decimal&) const = default;

private:
  constexpr explicit Decimal(std::int64_t raw) : raw_(raw) {}
  std::int64_t raw_ = 0;
};

}  // namespace downstream
