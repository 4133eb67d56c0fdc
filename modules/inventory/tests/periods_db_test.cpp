// Closed periods and dated stock: a close snapshots on hand as of the end of a
// day from the previous snapshot and the moves since (never from today's
// balances); stock as of a later day is that snapshot plus the moves after it;
// projected availability adds the planned moves due by a future day.
#define BOOST_TEST_MODULE inventory_periods
#include <boost/test/unit_test.hpp>

#include "documents_fixture.h"
#include "periods.h"
#include "stock_as_of.h"
#include "transfers.h"

using namespace downstream;
using namespace downstream::inventory_module;
using namespace downstream::inventory_module::testing;

namespace {

CalendarDay day(const char* text) { return *parse_calendar_day(text); }
Decimal dec(const char* text) { return Decimal::parse(text); }

struct PeriodFixture : DocumentsFixture {
  PeriodFixture() {
    add_site("NORTH");
    add_site("SOUTH");
    add_product("CHAIR");
    // Jan 10: 10 arrive in NORTH; Jan 11: 3 sold; Jan 12: 5 arrive in SOUTH.
    clock.set("2026-01-10T10:00:00Z");
    receive("CHAIR", "10", "NORTH/storage");
    clock.set("2026-01-11T23:59:59.500000Z");
    move("CHAIR", "3", "NORTH/storage", "customer");
    clock.set("2026-01-12T00:00:00Z");
    receive("CHAIR", "5", "SOUTH/storage");
    clock.set("2026-01-15T09:00:00Z");  // today
  }

  ClosedPeriod close(const char* date) {
    return db->write_value([&](db::Transaction& tx) { return close_period(tx, clock, day(date)); });
  }
  StockAsOf as_of(const char* date, const std::vector<std::string>& sites = {}) {
    return db->read_value([&](db::Transaction& tx) {
      return stock_as_of(tx, ledger.product(tx, "CHAIR").id, sites, day(date));
    });
  }
  Decimal at(const StockAsOf& s, const std::string& site) {
    for (const auto& x : s.sites)
      if (x.site == site) return x.on_hand;
    BOOST_FAIL("no figure for site " + site);
    return {};
  }
  Decimal snapshot(const char* date, const std::string& location) {
    return Decimal::from_raw(count_rows(
        "SELECT COALESCE(MAX(pb.on_hand), 0) FROM inv_period_balance pb JOIN inv_location l ON l.id = pb.location_id "
        "WHERE pb.closed_through = ? AND (CASE WHEN l.site = '' THEN l.code ELSE l.site || '/' || l.code END) = ?",
        {date, location}));
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(periods, PeriodFixture)

BOOST_AUTO_TEST_CASE(stock_as_of_a_closed_day_equals_its_snapshot_and_a_later_day_adds_the_moves_since) {
  auto closed = close("2026-01-11");
  BOOST_TEST(closed.closed_through == "2026-01-11");
  BOOST_TEST(!closed.after.has_value());
  BOOST_TEST(snapshot("2026-01-11", "NORTH/storage") == dec("7"));
  BOOST_TEST(snapshot("2026-01-11", "SOUTH/storage") == Decimal());  // arrived on the 12th

  // Today's moves come after every closed day.
  move("CHAIR", "2", "NORTH/storage", "customer");

  auto d1 = as_of("2026-01-11");
  BOOST_TEST(d1.basis.value_or("") == "2026-01-11");
  BOOST_TEST(at(d1, "NORTH") == snapshot("2026-01-11", "NORTH/storage"));
  BOOST_TEST(at(d1, "SOUTH") == Decimal());
  BOOST_TEST(d1.total == dec("7"));

  auto d2 = as_of("2026-01-12");
  BOOST_TEST(d2.basis.value_or("") == "2026-01-11");
  BOOST_TEST(at(d2, "NORTH") == dec("7"));
  BOOST_TEST(at(d2, "SOUTH") == dec("5"));
  BOOST_TEST(d2.total == dec("12"));

  auto today = as_of("2026-01-15");
  BOOST_TEST(at(today, "NORTH") == on_hand("NORTH/storage", "CHAIR"));
  BOOST_TEST(at(today, "SOUTH") == on_hand("SOUTH/storage", "CHAIR"));

  auto only_south = as_of("2026-01-12", {"SOUTH"});
  BOOST_TEST(only_south.sites.size() == 1u);
  BOOST_TEST(only_south.total == dec("5"));
}

BOOST_AUTO_TEST_CASE(a_day_before_any_closed_period_is_computed_from_the_moves_alone) {
  close("2026-01-11");
  auto d0 = as_of("2026-01-10");
  BOOST_TEST(!d0.basis.has_value());
  BOOST_TEST(at(d0, "NORTH") == dec("10"));
  auto before_anything = as_of("2026-01-01");
  BOOST_TEST(before_anything.total == Decimal());
}

BOOST_AUTO_TEST_CASE(a_close_builds_on_the_previous_snapshot_and_not_on_todays_balances) {
  close("2026-01-10");
  move("CHAIR", "4", "NORTH/storage", "customer");  // today: must not leak into a past snapshot
  auto closed = close("2026-01-12");
  BOOST_TEST(closed.after.value_or("") == "2026-01-10");
  BOOST_TEST(snapshot("2026-01-12", "NORTH/storage") == dec("7"));
  BOOST_TEST(on_hand("NORTH/storage", "CHAIR") == dec("3"));
  BOOST_TEST(snapshot("2026-01-12", "SOUTH/storage") == dec("5"));
  // The snapshot keeps virtual locations too: it sums to zero like the ledger.
  BOOST_TEST(count_rows("SELECT COALESCE(CAST(SUM(on_hand) AS BIGINT), 0) FROM inv_period_balance WHERE closed_through = ?",
                        {"2026-01-12"}) == 0);
  BOOST_TEST(snapshot("2026-01-12", "supplier") == dec("-15"));
  BOOST_TEST(at(as_of("2026-01-12"), "NORTH") == dec("7"));
}

BOOST_AUTO_TEST_CASE(closing_a_day_not_after_the_last_closed_one_today_or_a_future_day_is_refused) {
  close("2026-01-11");
  for (const char* date : {"2026-01-10", "2026-01-11", "2026-01-15", "2026-02-01"}) {
    auto refused = refusal([&](db::Transaction& tx) { close_period(tx, clock, day(date)); });
    BOOST_TEST_INFO(date);
    BOOST_TEST_REQUIRE(refused.has_value());
    BOOST_TEST(refused->status() == 409);
    BOOST_TEST(mentions(*refused, date));
  }
  BOOST_TEST(count_rows("SELECT COUNT(*) FROM inv_period") == 1);
  BOOST_TEST(close("2026-01-14").closed_through == "2026-01-14");
}

BOOST_AUTO_TEST_CASE(projected_availability_adds_the_planned_moves_due_by_the_day) {
  db->write([&](db::Transaction& tx) {
    create_transfer(tx, ledger, {"NORTH", "SOUTH", {{"CHAIR", dec("4"), std::nullopt}}, day("2026-01-16"), day("2026-01-18")});
    ledger.reserve(tx, "NORTH", ledger.product(tx, "CHAIR"), dec("1"), {"sales_order", "SO-1", "1"});
  });
  auto projection = [&](const char* date) {
    return db->read_value([&](db::Transaction& tx) {
      return projected(tx, ledger.product(tx, "CHAIR").id, {}, day(date));
    });
  };
  auto site = [](const Projection& p, const std::string& code) {
    for (const auto& s : p.sites)
      if (s.site == code) return s;
    BOOST_FAIL("no site " + code);
    return ProjectedSite{};
  };
  auto today = projection("2026-01-15");
  BOOST_TEST(site(today, "NORTH").projected_on_hand == dec("7"));
  BOOST_TEST(site(today, "NORTH").projected_available == dec("6"));  // reserved counts whatever its date

  auto shipped = projection("2026-01-16");
  BOOST_TEST(site(shipped, "NORTH").outgoing == dec("4"));
  BOOST_TEST(site(shipped, "NORTH").projected_on_hand == dec("3"));
  BOOST_TEST(site(shipped, "SOUTH").incoming == Decimal());  // not due yet
  BOOST_TEST(site(shipped, "SOUTH").projected_on_hand == dec("5"));

  auto arrived = projection("2026-01-18");
  BOOST_TEST(site(arrived, "SOUTH").incoming == dec("4"));
  BOOST_TEST(site(arrived, "SOUTH").projected_on_hand == dec("9"));
  BOOST_TEST(arrived.total.projected_on_hand == today.total.projected_on_hand);  // moved, not made
}

BOOST_AUTO_TEST_CASE(calendar_days_are_real_dates) {
  BOOST_TEST(parse_calendar_day("2026-02-28").has_value());
  BOOST_TEST(!parse_calendar_day("2026-02-30").has_value());
  BOOST_TEST(!parse_calendar_day("2026-1-05").has_value());
  BOOST_TEST(!parse_calendar_day("yesterday").has_value());
  BOOST_TEST(day_text(day("2024-02-29") + std::chrono::days{1}) == "2024-03-01");
}

BOOST_AUTO_TEST_SUITE_END()
