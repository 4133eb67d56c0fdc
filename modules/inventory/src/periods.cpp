#include "periods.h"

#include <downstream/problem.h>

namespace downstream::inventory_module {

ClosedPeriod close_period(db::Transaction& tx, const Clock& clock, CalendarDay day) {
  // Two closes at once would each build on the same previous snapshot; on
  // PostgreSQL the second waits here (SQLite's write lock already serialises).
  if (tx.dialect() == db::Dialect::postgresql) tx.execute("LOCK TABLE inv_period IN EXCLUSIVE MODE");

  auto today = utc_day(clock.now());
  if (day >= today)
    throw http::Problem::conflict("cannot close " + day_text(day) + ": only a day that is over can be closed (today is " +
                                  day_text(today) + ", UTC)");

  ClosedPeriod out;
  out.closed_through = day_text(day);
  auto last = tx.query_one("SELECT MAX(closed_through) FROM inv_period");
  if (last && !last->is_null(0)) {
    out.after = last->get_text(0);
    if (*out.after >= out.closed_through)
      throw http::Problem::conflict("cannot close " + out.closed_through + ": periods are closed through " +
                                    *out.after + " already; close a later day");
  }

  // Moves done after the previous closed day, through the end of `day`; bare
  // dates as bounds compare exactly with any timestamp text (calendar_day.h).
  std::string from = out.after ? day_text(*parse_calendar_day(*out.after) + std::chrono::days{1}) : std::string();
  std::string until = day_text(day + std::chrono::days{1});
  out.last_move = tx.query_int(
      "SELECT COALESCE(MAX(id), 0) FROM inv_move WHERE state = 'done' AND done_at >= ? AND done_at < ?", {from, until});
  if (out.after) {
    auto previous = tx.query_int("SELECT last_move FROM inv_period WHERE closed_through = ?", {*out.after});
    if (previous > out.last_move) out.last_move = previous;
  }

  tx.execute("INSERT INTO inv_period (closed_through, last_move, created_at) VALUES (?, ?, ?)",
             {out.closed_through, out.last_move, format_timestamp(clock.now())});
  out.balances = tx.execute(
      "INSERT INTO inv_period_balance (closed_through, location_id, product_id, lot_id, site, on_hand) "
      "SELECT ?, location_id, product_id, lot_id, site, CAST(SUM(q) AS BIGINT) FROM ("
      "  SELECT location_id, product_id, lot_id, site, on_hand AS q FROM inv_period_balance WHERE closed_through = ?"
      "  UNION ALL"
      "  SELECT m.to_location, m.product_id, m.lot_id, l.site, m.quantity FROM inv_move m"
      "    JOIN inv_location l ON l.id = m.to_location"
      "    WHERE m.state = 'done' AND m.done_at >= ? AND m.done_at < ?"
      "  UNION ALL"
      "  SELECT m.from_location, m.product_id, m.lot_id, l.site, -m.quantity FROM inv_move m"
      "    JOIN inv_location l ON l.id = m.from_location"
      "    WHERE m.state = 'done' AND m.done_at >= ? AND m.done_at < ?"
      ") changes GROUP BY location_id, product_id, lot_id, site HAVING SUM(q) <> 0",
      {out.closed_through, out.after.value_or(""), from, until, from, until});
  return out;
}

std::optional<CalendarDay> closed_basis(db::Transaction& tx, CalendarDay day) {
  auto row = tx.query_one("SELECT MAX(closed_through) FROM inv_period WHERE closed_through <= ?", {day_text(day)});
  if (!row || row->is_null(0)) return std::nullopt;
  return parse_calendar_day(row->get_text(0));
}

}  // namespace downstream::inventory_module
