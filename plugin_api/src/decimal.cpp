#include <downstream/domain/decimal.h>
#include <downstream/error.h>

#include <cstdlib>

namespace downstream {

namespace {
[[noreturn]] void overflow() { throw InvalidValue("decimal value out of range"); }

std::int64_t add(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) overflow();
  return r;
}
std::int64_t mul(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) overflow();
  return r;
}
}  // namespace

Decimal Decimal::from_int(std::int64_t units) { return Decimal(mul(units, kScale)); }

Decimal Decimal::parse(std::string_view text) {
  auto bad = [&](const char* why) -> InvalidValue {
    return InvalidValue("'" + std::string(text) + "' is not a decimal number: " + why);
  };
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) throw bad("no digits");
  std::int64_t whole = 0, frac = 0;
  int frac_digits = 0, whole_digits = 0;
  bool seen_point = false;
  for (char c : s) {
    if (c == '.') {
      if (seen_point) throw bad("two decimal points");
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') throw bad("unexpected character");
    if (seen_point) {
      if (++frac_digits > kScaleDigits) throw bad("more than 6 decimal places");
      frac = frac * 10 + (c - '0');
    } else {
      ++whole_digits;
      whole = add(mul(whole, 10), c - '0');
    }
  }
  if (whole_digits == 0 && frac_digits == 0) throw bad("no digits");
  if (seen_point && frac_digits == 0) throw bad("no digits after the decimal point");
  for (int i = frac_digits; i < kScaleDigits; ++i) frac *= 10;
  std::int64_t raw = add(mul(whole, kScale), frac);
  return Decimal(negative ? -raw : raw);
}

std::string Decimal::to_string() const {
  std::string out = to_string(kScaleDigits);
  auto point = out.find('.');
  while (out.back() == '0') out.pop_back();
  if (out.size() == point + 1) out.pop_back();
  return out;
}

std::string Decimal::to_string(int digits) const {
  if (digits < 0 || digits > kScaleDigits) throw InvalidValue("decimal digits must be 0..6");
  std::int64_t step = 1;
  for (int i = digits; i < kScaleDigits; ++i) step *= 10;
  std::int64_t rounded = round_to(Decimal(step)).raw_;
  bool negative = rounded < 0;
  // Work in unsigned to print INT64_MIN-adjacent values safely.
  std::uint64_t mag = negative ? 0 - static_cast<std::uint64_t>(rounded) : static_cast<std::uint64_t>(rounded);
  std::uint64_t whole = mag / static_cast<std::uint64_t>(kScale);
  std::uint64_t frac = (mag % static_cast<std::uint64_t>(kScale)) / static_cast<std::uint64_t>(step);
  std::string out = (negative ? "-" : "") + std::to_string(whole);
  if (digits > 0) {
    std::string f = std::to_string(frac);
    out += "." + std::string(static_cast<std::size_t>(digits) - f.size(), '0') + f;
  }
  return out;
}

Decimal Decimal::operator+(Decimal o) const { return Decimal(add(raw_, o.raw_)); }
Decimal Decimal::operator-(Decimal o) const {
  std::int64_t r;
  if (__builtin_sub_overflow(raw_, o.raw_, &r)) overflow();
  return Decimal(r);
}
Decimal Decimal::operator-() const { return Decimal(0) - *this; }
Decimal Decimal::times(std::int64_t n) const { return Decimal(mul(raw_, n)); }

Decimal Decimal::round_to(Decimal step) const {
  if (step.raw_ <= 0) throw InvalidValue("rounding step must be positive");
  std::int64_t q = raw_ / step.raw_;
  std::int64_t r = raw_ % step.raw_;
  // Half away from zero: compare twice the remainder's magnitude with the step.
  std::uint64_t twice = 2 * static_cast<std::uint64_t>(r < 0 ? -r : r);
  if (twice >= static_cast<std::uint64_t>(step.raw_)) q += raw_ < 0 ? -1 : 1;
  return Decimal(mul(q, step.raw_));
}

}  // namespace downstream
