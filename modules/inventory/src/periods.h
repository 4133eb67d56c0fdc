#pragma once
// Closing a period: a snapshot of every balance's on-hand as of the end of a UTC
// day, so "stock as of a date" starts from the nearest snapshot instead of
// replaying the whole ledger.
//
// DECISION: a day can be closed only once it is over (before today, UTC). A
// snapshot of today would miss the moves still to come today, and every figure
// built on it later would be wrong without anyone noticing.
#include <downstream/clock.h>
#include <downstream/ports/database.h>

#include <cstdint>
#include <optional>
#include <string>

#include "calendar_day.h"

namespace downstream::inventory_module {

struct ClosedPeriod {
  std::string closed_through;       // "2026-01-31"
  std::optional<std::string> after;  // the previous closed day it was built from
  std::int64_t balances = 0;         // snapshot rows (non-zero balances)
  std::int64_t last_move = 0;        // highest done move id the snapshot includes
};

// Snapshots on-hand per (location, product, lot) as of the end of `day`: the
// previous snapshot plus the done moves of the days since, never the current
// balances. Throws http::Problem 409 when `day` is not after the last closed day
// or is not over yet.
ClosedPeriod close_period(db::Transaction& tx, const Clock& clock, CalendarDay day);

// The latest closed day on or before `day`, if any.
std::optional<CalendarDay> closed_basis(db::Transaction& tx, CalendarDay day);

}  // namespace downstream::inventory_module
