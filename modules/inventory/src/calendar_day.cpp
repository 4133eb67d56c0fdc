#include "calendar_day.h"

#include <cstdio>

namespace downstream::inventory_module {
namespace {

std::optional<int> digits(std::string_view text) {
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

std::optional<CalendarDay> parse_calendar_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = digits(text.substr(0, 4));
  auto m = digits(text.substr(5, 2));
  auto d = digits(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                                  std::chrono::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return CalendarDay(ymd);
}

std::string day_text(CalendarDay day) {
  std::chrono::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

CalendarDay utc_day(TimePoint t) { return std::chrono::floor<std::chrono::days>(t); }

}  // namespace downstream::inventory_module
