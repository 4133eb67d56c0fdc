#pragma once
// Calendar days (UTC) as periods and dated stock figures use them. A day's moves
// are those with done_at (or planned_at) from "YYYY-MM-DD" inclusive to the next
// day's "YYYY-MM-DD" exclusive: comparing timestamps as text against a bare date
// is exact, whereas comparing "…:00Z" with "…:00.250000Z" is not.
#include <downstream/clock.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace downstream::inventory_module {

using CalendarDay = std::chrono::sys_days;

// A real date in the form YYYY-MM-DD, or nullopt ("2026-02-30" is not one).
std::optional<CalendarDay> parse_calendar_day(std::string_view text);
// "2026-01-31".
std::string day_text(CalendarDay day);
// The UTC day `t` falls on.
CalendarDay utc_day(TimePoint t);

}  // namespace downstream::inventory_module
