// Confirming allocates: per channel policy, across sites with or without
// splitting, backordering or refusing shortages, and backorders allocated
// again when stock arrives. In-process over a real inventory ledger.
#define BOOST_TEST_MODULE sales_allocation
#include "sales_fixture.h"

using namespace downstream;
using namespace downstream::sales_module;
using namespace downstream::sales_module::testing;

namespace {

ChannelPolicy priority(bool split, bool refuse = false) {
  return {PolicyKind::priority, {"NORTH", "SOUTH"}, split, refuse};
}

std::int64_t count(SalesFixture& f, const std::string& table) {
  return f.db->read_value([&](db::Transaction& tx) { return tx.query_int("SELECT COUNT(*) FROM " + table); });
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(confirm, SalesFixture)

BOOST_AUTO_TEST_CASE(single_site_reserves_at_the_orders_site_and_backorders_what_it_lacks_even_when_another_site_has_it) {
  policy("retail", {PolicyKind::single_site, {}, false, false});
  customer("C1", "retail");
  put_stock("NORTH", "CHAIR", "3");
  put_stock("SOUTH", "CHAIR", "10");
  auto so = order("C1", "NORTH", {{"CHAIR", "5"}});
  confirm(so);

  auto l = line(so, 1);
  BOOST_TEST(l.allocated == raw("3"));
  BOOST_TEST(l.backordered == raw("2"));
  BOOST_TEST(state(so) == "confirmed");
  auto s = shipments(so);
  BOOST_TEST_REQUIRE(s.size() == 1u);
  BOOST_TEST(s[0].site == "NORTH");
  BOOST_TEST(s[0].number == "SH-NORTH-000001");
  BOOST_TEST(reserved_for(s[0].id, 1) == Decimal::parse("3"));
  BOOST_TEST(available("SOUTH", "CHAIR") == Decimal::parse("10"));
  BOOST_TEST(events.of_type("sales_order.confirmed").size() == 1u);
  BOOST_TEST(events.of_type("sales_order.backordered").size() == 1u);
  expect_no_violations();
}

BOOST_AUTO_TEST_CASE(priority_with_split_takes_a_line_from_two_sites_in_order_into_one_shipment_each) {
  policy("web", priority(true));
  customer("C1", "web");
  put_stock("NORTH", "CHAIR", "4");
  put_stock("SOUTH", "CHAIR", "10");
  auto so = order("C1", "NORTH", {{"CHAIR", "7"}, {"TABLE", "1"}});
  put_stock("SOUTH", "TABLE", "1");
  confirm(so);

  auto s = shipments(so);
  BOOST_TEST_REQUIRE(s.size() == 2u);
  BOOST_TEST(s[0].site == "NORTH");
  BOOST_TEST(s[1].site == "SOUTH");
  BOOST_TEST(reserved_for(s[0].id, 1) == Decimal::parse("4"));
  BOOST_TEST(reserved_for(s[1].id, 1) == Decimal::parse("3"));
  BOOST_TEST(reserved_for(s[1].id, 2) == Decimal::parse("1"));
  BOOST_TEST(line(so, 1).allocated == raw("7"));
  BOOST_TEST(line(so, 1).backordered == 0);
  BOOST_TEST(available("NORTH", "CHAIR") == Decimal());
  BOOST_TEST(available("SOUTH", "CHAIR") == Decimal::parse("7"));
  BOOST_TEST(events.of_type("sales_order.backordered").empty());
  expect_no_violations();
}

BOOST_AUTO_TEST_CASE(priority_without_split_takes_the_whole_line_from_the_first_site_that_covers_it) {
  policy("web", priority(false));
  customer("C1", "web");
  put_stock("NORTH", "CHAIR", "4");
  put_stock("SOUTH", "CHAIR", "10");
  auto so = order("C1", "NORTH", {{"CHAIR", "7"}});
  confirm(so);
  auto s = shipments(so);
  BOOST_TEST_REQUIRE(s.size() == 1u);
  BOOST_TEST(s[0].site == "SOUTH");
  BOOST_TEST(reserved_for(s[0].id, 1) == Decimal::parse("7"));
  BOOST_TEST(available("NORTH", "CHAIR") == Decimal::parse("4"));
}

BOOST_AUTO_TEST_CASE(priority_without_split_reserves_what_the_first_stocked_site_has_and_backorders_the_rest_there) {
  policy("web", priority(false));
  customer("C1", "web");
  put_stock("SOUTH", "CHAIR", "2");
  put_stock("NORTH", "CHAIR", "1");
  auto so = order("C1", "NORTH", {{"CHAIR", "5"}});
  confirm(so);
  auto s = shipments(so);
  BOOST_TEST_REQUIRE(s.size() == 1u);
  BOOST_TEST(s[0].site == "NORTH");
  BOOST_TEST(line(so, 1).allocated == raw("1"));
  BOOST_TEST(line(so, 1).backordered == raw("4"));
  // The backorder stays with the line's site: SOUTH's stock is not taken.
  std::int64_t got = -1;
  write([&](db::Transaction& tx) {
    auto o = lock_order(tx, so);
    got = allocate_order_backorders(office, tx, o, nullptr);
  });
  BOOST_TEST(got == 0);
  BOOST_TEST(available("SOUTH", "CHAIR") == Decimal::parse("2"));
}

BOOST_AUTO_TEST_CASE(region_policy_reserves_at_the_sites_of_the_customers_region) {
  policy("wholesale", {PolicyKind::region, {}, false, false});
  office.policies.set_region("ES", {"SOUTH"});
  customer("C1", "wholesale", "ES");
  customer("C2", "wholesale", "NOWHERE");
  put_stock("NORTH", "CHAIR", "10");
  put_stock("SOUTH", "CHAIR", "10");
  auto spanish = order("C1", "NORTH", {{"CHAIR", "2"}});
  auto elsewhere = order("C2", "SOUTH", {{"CHAIR", "3"}});
  confirm(spanish);
  confirm(elsewhere);
  BOOST_TEST(shipments(spanish).at(0).site == "SOUTH");
  BOOST_TEST(shipments(elsewhere).at(0).site == "SOUTH");  // unknown region: the order's site
  BOOST_TEST(available("NORTH", "CHAIR") == Decimal::parse("10"));
  BOOST_TEST(available("SOUTH", "CHAIR") == Decimal::parse("5"));
}

BOOST_AUTO_TEST_CASE(a_refusing_channel_answers_409_naming_each_short_line_and_changes_nothing) {
  policy("marketplace", priority(true, true));
  customer("C1", "marketplace");
  put_stock("NORTH", "CHAIR", "2");
  put_stock("SOUTH", "TABLE", "5");
  auto so = order("C1", "NORTH", {{"TABLE", "1"}, {"CHAIR", "3"}, {"LAMP", "1"}});
  auto shipments_before = count(*this, "sal_shipment");
  try {
    confirm(so);
    BOOST_FAIL("confirm should have been refused");
  } catch (const http::Problem& p) {
    BOOST_TEST(p.status() == 409);
    BOOST_TEST(p.detail().find("line 2 (CHAIR) needs 3, only 2") != std::string::npos, p.detail());
    BOOST_TEST(p.detail().find("line 3 (LAMP) needs 1, only 0") != std::string::npos, p.detail());
    BOOST_TEST_REQUIRE(p.errors().size() == 2u);
    BOOST_TEST(p.errors()[0].field == "lines[1].quantity");
  }
  BOOST_TEST(state(so) == "draft");
  BOOST_TEST(count(*this, "sal_shipment") == shipments_before);
  BOOST_TEST(count(*this, "sal_order_event") == 0);
  BOOST_TEST(available("NORTH", "CHAIR") == Decimal::parse("2"));
  BOOST_TEST(available("SOUTH", "TABLE") == Decimal::parse("5"));
  BOOST_TEST(events.of_type("sales_order.confirmed").empty());
}

BOOST_AUTO_TEST_CASE(confirming_twice_is_a_409_naming_the_state) {
  customer("C1", "retail");
  put_stock("NORTH", "CHAIR", "2");
  auto so = order("C1", "NORTH", {{"CHAIR", "1"}});
  confirm(so);
  try {
    confirm(so);
    BOOST_FAIL("second confirm should fail");
  } catch (const http::Problem& p) {
    BOOST_TEST(p.status() == 409);
    BOOST_TEST(p.detail().find("is confirmed") != std::string::npos, p.detail());
  }
  BOOST_TEST(available("NORTH", "CHAIR") == Decimal::parse("1"));
}

BOOST_AUTO_TEST_CASE(an_expired_quote_cannot_be_confirmed_and_a_valid_one_can) {
  customer("C1", "retail");
  put_stock("NORTH", "CHAIR", "2");
  clock.set("2026-03-01T10:00:00Z");
  auto expired = order("C1", "NORTH", {{"CHAIR", "1"}}, "2026-02-28");
  auto valid = order("C1", "NORTH", {{"CHAIR", "1"}}, "2026-03-01");
  BOOST_CHECK_THROW(confirm(expired), http::Problem);
  BOOST_TEST(state(expired) == "draft");
  confirm(valid);
  BOOST_TEST(state(valid) == "confirmed");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(backorders, SalesFixture)

BOOST_AUTO_TEST_CASE(a_receipt_at_an_eligible_site_allocates_backorders_oldest_order_first_in_its_unit_of_work) {
  policy("web", priority(true));
  customer("C1", "web");
  auto first = order("C1", "NORTH", {{"CHAIR", "3"}});
  auto second = order("C1", "NORTH", {{"CHAIR", "3"}});
  confirm(first);
  confirm(second);
  BOOST_TEST(line(first, 1).backordered == raw("3"));
  BOOST_TEST(shipments(first).empty());

  receive("SOUTH", "CHAIR", "4");
  BOOST_TEST(line(first, 1).backordered == 0);
  BOOST_TEST(line(first, 1).allocated == raw("3"));
  BOOST_TEST(line(second, 1).allocated == raw("1"));
  BOOST_TEST(line(second, 1).backordered == raw("2"));
  BOOST_TEST(shipments(first).at(0).site == "SOUTH");
  BOOST_TEST(available("SOUTH", "CHAIR") == Decimal());
  BOOST_TEST(events.of_type("sales_order.backorder_allocated").size() == 2u);
  expect_no_violations();
}

BOOST_AUTO_TEST_CASE(a_receipt_at_a_site_outside_the_policy_leaves_the_backorder) {
  policy("retail", {PolicyKind::single_site, {}, false, false});
  customer("C1", "retail");
  auto so = order("C1", "NORTH", {{"CHAIR", "2"}});
  confirm(so);
  receive("SOUTH", "CHAIR", "5");
  BOOST_TEST(line(so, 1).backordered == raw("2"));
  BOOST_TEST(available("SOUTH", "CHAIR") == Decimal::parse("5"));
  receive("NORTH", "CHAIR", "5");
  BOOST_TEST(line(so, 1).backordered == 0);
  BOOST_TEST(line(so, 1).allocated == raw("2"));
}

BOOST_AUTO_TEST_CASE(allocating_an_orders_backorders_takes_stock_put_away_since) {
  policy("web", priority(true));
  customer("C1", "web");
  auto so = order("C1", "NORTH", {{"CHAIR", "5"}});
  confirm(so);
  put_stock("NORTH", "CHAIR", "2");  // a move, not a receipt: no event
  BOOST_TEST(line(so, 1).backordered == raw("5"));
  put_stock("SOUTH", "CHAIR", "2");
  std::int64_t got = 0;
  write([&](db::Transaction& tx) {
    auto o = lock_order(tx, so);
    got = allocate_order_backorders(office, tx, o, nullptr);
  });
  BOOST_TEST(got == raw("4"));
  BOOST_TEST(line(so, 1).backordered == raw("1"));
  BOOST_TEST(shipments(so).size() == 2u);
  expect_no_violations();
}

BOOST_AUTO_TEST_SUITE_END()
