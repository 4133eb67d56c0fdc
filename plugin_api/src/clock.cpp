#include <downstream/clock.h>
#include <downstream/error.h>

#include <charconv>
#include <cstdio>

namespace downstream {

namespace {
using namespace std::chrono;

bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, out);
  return ec == std::errc() && p == s.data() + pos + len;
}

[[noreturn]] void bad(std::string_view text) {
  throw InvalidValue("'" + std::string(text) +
                     "' is not a UTC timestamp like 2026-01-15T09:00:00Z");
}
}  // namespace

std::string format_timestamp(TimePoint t) {
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss<microseconds> hms{t - day};
  char buf[40];
  long long us = hms.subseconds().count();
  if (us == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long long>(hms.hours().count()), static_cast<long long>(hms.minutes().count()),
                  static_cast<long long>(hms.seconds().count()));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%06lldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long long>(hms.hours().count()), static_cast<long long>(hms.minutes().count()),
                  static_cast<long long>(hms.seconds().count()), us);
  }
  return buf;
}

TimePoint parse_timestamp(std::string_view s) {
  int y, mo, d, h, mi, se;
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' ||
      s[16] != ':')
    bad(s);
  if (!read_int(s, 0, 4, y) || !read_int(s, 5, 2, mo) || !read_int(s, 8, 2, d) || !read_int(s, 11, 2, h) ||
      !read_int(s, 14, 2, mi) || !read_int(s, 17, 2, se))
    bad(s);
  std::size_t pos = 19;
  long long us = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 6) us = us * 10 + (s[pos] - '0');
      else if (s[pos] != '0') bad(s);  // finer than a microsecond would be lost
      ++digits;
      ++pos;
    }
    if (digits == 0) bad(s);
    for (int i = digits; i < 6; ++i) us *= 10;
  }
  int offset_minutes = 0;
  if (pos < s.size() && s[pos] == 'Z') {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (pos + 6 > s.size() || s[pos + 3] != ':' || !read_int(s, pos + 1, 2, oh) || !read_int(s, pos + 4, 2, om))
      bad(s);
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    bad(s);
  }
  if (pos != s.size()) bad(s);
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 59) bad(s);
  return TimePoint{sys_days{ymd}.time_since_epoch()} + hours{h} + minutes{mi} + seconds{se} +
         microseconds{us} - minutes{offset_minutes};
}

}  // namespace downstream
