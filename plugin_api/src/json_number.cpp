// JSON number text: its grammar, and exact conversion to scaled integers.
#include "json_detail.h"

#include <algorithm>
#include <limits>

namespace downstream::json::detail {

namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

NumberScan scan_number(std::string_view s) {
  std::size_t i = 0;
  auto fail = [](const char* why, std::size_t at) { return NumberScan{0, why, at}; };
  auto digits = [&] {
    while (i < s.size() && is_digit(s[i])) ++i;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i == s.size() || !is_digit(s[i])) return fail("expected a digit", i);
  if (s[i] == '0') {
    ++i;
    if (i < s.size() && is_digit(s[i])) return fail("a number must not have leading zeros", i);
  } else {
    digits();
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (i == s.size() || !is_digit(s[i])) return fail("expected a digit after the decimal point", i);
    digits();
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i == s.size() || !is_digit(s[i])) return fail("expected a digit in the exponent", i);
    digits();
  }
  return NumberScan{i, nullptr, 0};
}

Scaled scale_number(std::string_view text, int scale_digits, std::int64_t& out) {
  // Split into significant digits and a power of ten: 12.50e1 is 125 * 10^0.
  bool negative = !text.empty() && text[0] == '-';
  std::string digits;
  std::int64_t exponent = 0;
  std::size_t i = negative ? 1 : 0;
  bool fraction = false;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') {
      fraction = true;
      continue;
    }
    digits += text[i];
    if (fraction) --exponent;
  }
  if (i < text.size()) {
    ++i;
    bool exp_negative = text[i] == '-';
    if (text[i] == '-' || text[i] == '+') ++i;
    // Saturate: anything past a billion is as good as infinite here.
    std::int64_t e = 0;
    for (; i < text.size(); ++i) e = std::min<std::int64_t>(e * 10 + (text[i] - '0'), 1'000'000'000);
    exponent += exp_negative ? -e : e;
  }
  std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    out = 0;
    return Scaled::ok;
  }
  digits.erase(0, first);
  std::size_t last = digits.find_last_not_of('0');
  exponent += static_cast<std::int64_t>(digits.size() - 1 - last);
  digits.erase(last + 1);

  exponent += scale_digits;
  if (exponent < 0) return Scaled::inexact;
  if (static_cast<std::int64_t>(digits.size()) + exponent > 19) return Scaled::out_of_range;
  std::uint64_t magnitude = 0;
  for (char c : digits) {
    if (__builtin_mul_overflow(magnitude, 10u, &magnitude) ||
        __builtin_add_overflow(magnitude, static_cast<std::uint64_t>(c - '0'), &magnitude))
      return Scaled::out_of_range;
  }
  for (std::int64_t k = 0; k < exponent; ++k)
    if (__builtin_mul_overflow(magnitude, 10u, &magnitude)) return Scaled::out_of_range;
  constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (magnitude > max + (negative ? 1u : 0u)) return Scaled::out_of_range;
  // Negate in unsigned arithmetic so that INT64_MIN needs no special case.
  out = static_cast<std::int64_t>(negative ? 0 - magnitude : magnitude);
  return Scaled::ok;
}

}  // namespace downstream::json::detail
