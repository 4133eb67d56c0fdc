#include <downstream/domain/decimal.h>
#include <downstream/domain/money.h>
#include <downstream/error.h>

#include <algorithm>

namespace downstream {

Currency Currency::of(std::string_view code) {
  if (code.size() != 3 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    throw InvalidValue("'" + std::string(code) + "' is not an ISO 4217 currency code (three capital letters)");
  Currency c;
  std::copy(code.begin(), code.end(), c.code_.begin());
  return c;
}

int Currency::minor_digits() const {
  // ISO 4217 exceptions to the usual two digits.
  static constexpr std::string_view zero[] = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
                                              "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"};
  static constexpr std::string_view three[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
  std::string_view c(code_.data(), 3);
  if (std::find(std::begin(zero), std::end(zero), c) != std::end(zero)) return 0;
  if (std::find(std::begin(three), std::end(three), c) != std::end(three)) return 3;
  return 2;
}

Money Money::parse(std::string_view amount, Currency currency) {
  Decimal d = Decimal::parse(amount);
  std::int64_t per_minor = Decimal::kScale;
  for (int i = 0; i < currency.minor_digits(); ++i) per_minor /= 10;
  if (d.raw() % per_minor != 0)
    throw InvalidValue("'" + std::string(amount) + "' has more decimal places than " + currency.code() +
                       " allows (" + std::to_string(currency.minor_digits()) + ")");
  return Money(d.raw() / per_minor, currency);
}

std::string Money::amount_string() const {
  // Integer formatting: an amount of minor units never passes through Decimal's range.
  bool negative = minor_ < 0;
  std::uint64_t mag = negative ? 0 - static_cast<std::uint64_t>(minor_) : static_cast<std::uint64_t>(minor_);
  auto digits = static_cast<std::size_t>(currency_.minor_digits());
  std::string s = std::to_string(mag);
  if (s.size() <= digits) s.insert(0, digits + 1 - s.size(), '0');
  if (digits > 0) s.insert(s.size() - digits, ".");
  return (negative ? "-" : "") + s;
}

std::string Money::to_string() const { return amount_string() + " " + currency_.code(); }

namespace {
void same_currency(const Money& a, const Money& b) {
  if (!(a.currency() == b.currency()))
    throw InvalidValue("cannot combine " + a.to_string() + " with " + b.to_string() + ": different currencies");
}
}  // namespace

Money Money::operator+(const Money& o) const {
  same_currency(*this, o);
  std::int64_t r;
  if (__builtin_add_overflow(minor_, o.minor_, &r)) throw InvalidValue("money amount out of range");
  return Money(r, currency_);
}
Money Money::operator-(const Money& o) const {
  same_currency(*this, o);
  std::int64_t r;
  if (__builtin_sub_overflow(minor_, o.minor_, &r)) throw InvalidValue("money amount out of range");
  return Money(r, currency_);
}
Money Money::times(std::int64_t n) const {
  std::int64_t r;
  if (__builtin_mul_overflow(minor_, n, &r)) throw InvalidValue("money amount out of range");
  return Money(r, currency_);
}

}  // namespace downstream
