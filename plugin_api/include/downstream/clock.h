#pragma once
// "Now", as every dated rule must read it. The host's clock is the system clock
// unless the test-only setting `host.clock = 2026-01-15T09:00:00Z` fixes it, so
// black-box tests of dated rules give the same answer in every host process.
#include <chrono>
#include <string>
#include <string_view>

#include <downstream/export.h>

namespace downstream {

using TimePoint = std::chrono::sys_time<std::chrono::microseconds>;

class DOWNSTREAM_API Clock {
public:
  virtual ~Clock();
  virtual TimePoint now() const = 0;
};

// UTC timestamps as text, the form they take in JSON and in the database:
// "2026-01-15T09:00:00Z" (seconds) or "2026-01-15T09:00:00.250000Z" (sub-second).
DOWNSTREAM_API std::string format_timestamp(TimePoint t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" or with a "+HH:MM" offset; throws InvalidValue.
DOWNSTREAM_API TimePoint parse_timestamp(std::string_view text);

}  // namespace downstream
