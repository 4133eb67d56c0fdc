// Shipments from reserved to shipped, short picks and shipments moving the rest
// to a backorder shipment, and every cancellation rule. In-process over a real
// inventory ledger.
#define BOOST_TEST_MODULE sales_shipments
#include "sales_fixture.h"

using namespace downstream;
using namespace downstream::sales_module;
using namespace downstream::sales_module::testing;

namespace {

void expect_conflict(const std::function<void()>& action, const std::string& state) {
  try {
    action();
    BOOST_FAIL("expected a 409");
  } catch (const http::Problem& p) {
    BOOST_TEST(p.status() == 409);
    BOOST_TEST(p.detail().find("is " + state) != std::string::npos, p.detail());
  }
}

std::int64_t on_hand(SalesFixture& f, const std::string& site, const std::string& sku) {
  return f.db->read_value([&](db::Transaction& tx) {
    return f.stock->availability(tx, sku, {site}).at(0).stock.on_hand.raw();
  });
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(lifecycle, SalesFixture)

BOOST_AUTO_TEST_CASE(an_order_goes_from_draft_to_shipped_and_the_stock_leaves_with_the_events_recorded) {
  customer("C1", "retail");
  put_stock("NORTH", "CHAIR", "10");
  auto so = order("C1", "NORTH", {{"CHAIR", "4", "25.50"}});
  BOOST_TEST(so == "SO-NORTH-000001");
  BOOST_TEST(state(so) == "draft");
  confirm(so);
  auto sh = shipments(so).at(0).number;
  pick(sh);
  pack(sh);
  ship(sh);

  BOOST_TEST(state(so) == "shipped");
  auto l = line(so, 1);
  BOOST_TEST(l.shipped == raw("4"));
  BOOST_TEST(l.allocated == 0);
  BOOST_TEST(on_hand(*this, "NORTH", "CHAIR") == raw("6"));
  auto status = this->status(so);
  BOOST_TEST(status.at("shipments").as_array().at(0).as_object().at("tracking").as_string() == "TRACK-" + sh);
  BOOST_TEST(status.at("shipments").as_array().at(0).as_object().at("packages").as_array().size() == 1u);
  auto shipped = events.of_type("shipment.shipped");
  BOOST_TEST_REQUIRE(shipped.size() == 1u);
  auto payload = json::parse(shipped[0].payload_json).as_object();
  BOOST_TEST(payload.at("total").as_object().at("amount").as_string() == "102.00");
  BOOST_TEST(payload.at("lines").as_array().at(0).as_object().at("quantity").as_string() == "4");
  std::vector<std::string> types;
  for (const auto& e : status.at("events").as_array()) types.push_back(e.as_object().at("type").as_string());
  BOOST_TEST((types == std::vector<std::string>{"sales_order.confirmed", "shipment.shipped"}));
  expect_no_violations();
}

BOOST_AUTO_TEST_CASE(steps_out_of_order_are_409s_naming_the_state_and_change_nothing) {
  customer("C1", "retail");
  put_stock("NORTH", "CHAIR", "10");
  auto so = order("C1", "NORTH", {{"CHAIR", "4"}});
  confirm(so);
  auto sh = shipments(so).at(0).number;
  expect_conflict([&] { pack(sh); }, "reserved");
  expect_conflict([&] { ship(sh); }, "reserved");
  pick(sh);
  expect_conflict([&] { pick(sh); }, "picked");
  pack(sh);
  ship(sh);
  expect_conflict([&] { cancel_shipment(sh); }, "shipped");
  expect_conflict([&] { act(so, &cancel_order); }, "shipped");
  expect_conflict([&] { confirm(so); }, "shipped");
  BOOST_TEST(line(so, 1).shipped == raw("4"));
  expect_no_violations();
}

BOOST_AUTO_TEST_CASE(picking_less_than_reserved_moves_the_rest_to_a_backorder_shipment_at_the_same_site) {
  customer("C1", "retail");
  put_stock("NORTH", "CHAIR", "10");
  put_stock("NORTH", "TABLE", "2");
  auto so = order("C1", "NORTH", {{"CHAIR", "5"}, {"TABLE", "2"}});
  confirm(so);
  auto first = shipments(so).at(0);
  pick(first.number, {{1, raw("3")}});

  auto all = shipments(so);
  BOOST_TEST_REQUIRE(all.size() == 2u);
  BOOST_TEST(all[0].state == "picked");
  BOOST_TEST(all[0].lines.at(0).quantity == raw("3"));
  BOOST_TEST(all[0].lines.at(1).quantity == raw("2"));
  BOOST_TEST(all[1].state == "reserved");
  BOOST_TEST(all[1].site == "NORTH");
  BOOST_TEST(all[1].backorder_of.value_or(0) == all[0].id);
  BOOST_TEST(all[1].lines.size() == 1u);
  BOOST_TEST(all[1].lines.at(0).quantity == raw("2"));
  BOOST_TEST(reserved_for(all[0].id, 1) == Decimal::parse("3"));
  BOOST_TEST(reserved_for(all[1].id, 1) == Decimal::parse("2"));
  BOOST_TEST(line(so, 1).allocated == raw("5"));

  pack(all[0].number);
  ship(all[0].number);
  BOOST_TEST(state(so) == "partially_shipped");
  pick(all[1].number);
  pack(all[1].number);
  ship(all[1].number);
  BOOST_TEST(state(so) == "shipped");
  expect_no_violations();
}

BOOST_AUTO_TEST_CASE(shipping_less_than_packed_moves_the_rest_to_a_backorder_shipment) {
  customer("C1", "retail");
  put_stock("NORTH", "CHAIR", "10");
  auto so = order("C1", "NORTH", {{"CHAIR", "6"}});
  confirm(so);
  auto sh = shipments(so).at(0).number;
  pick(sh);
  pack(sh);
  ship(sh, {{1, raw("4")}});
  BOOST_TEST(state(so) == "partially_shipped");
  BOOST_TEST(line(so, 1).shipped == raw("4"));
  BOOST_TEST(line(so, 1).allocated == raw("2"));
  BOOST_TEST(on_hand(*this, "NORTH", "CHAIR") == raw("6"));
  auto all = shipments(so);
  BOOST_TEST_REQUIRE(all.size() == 2u);
  BOOST_TEST(all[1].state == "reserved");
  BOOST_TEST(reserved_for(all[1].id, 1) == Decimal::parse("2"));
  expect_no_violations();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(cancellation, SalesFixture)

BOOST_AUTO_TEST_CASE(cancelling_an_order_with_nothing_shipped_cancels_it_and_every_open_shipment_and_frees_the_stock) {
  policy("web", {PolicyKind::priority, {"NORTH", "SOUTH"}, true, false});
  customer("C1", "web");
  put_stock("NORTH", "CHAIR", "2");
  put_stock("SOUTH", "CHAIR", "2");
  auto so = order("C1", "NORTH", {{"CHAIR", "6"}});
  confirm(so);
  pick(shipments(so).at(0).number);
  act(so, &cancel_order);

  BOOST_TEST(state(so) == "cancelled");
  for (const auto& s : shipments(so)) BOOST_TEST(s.state == "cancelled");
  auto l = line(so, 1);
  BOOST_TEST(l.cancelled == raw("6"));
  BOOST_TEST(l.allocated == 0);
  BOOST_TEST(l.backordered == 0);
  BOOST_TEST(available("NORTH", "CHAIR") == Decimal::parse("2"));
  BOOST_TEST(available("SOUTH", "CHAIR") == Decimal::parse("2"));
  BOOST_TEST(events.of_type("sales_order.cancelled").size() == 1u);
  expect_conflict([&] { act(so, &cancel_order); }, "cancelled");
  expect_no_violations();
}

BOOST_AUTO_TEST_CASE(cancelling_a_partly_shipped_order_cancels_the_unshipped_rest_and_the_order_is_done) {
  policy("web", {PolicyKind::priority, {"NORTH", "SOUTH"}, true, false});
  customer("C1", "web");
  put_stock("NORTH", "CHAIR", "2");
  put_stock("SOUTH", "CHAIR", "2");
  auto so = order("C1", "NORTH", {{"CHAIR", "6"}, {"TABLE", "1"}});
  confirm(so);
  auto north = shipments(so).at(0).number;
  pick(north);
  pack(north);
  ship(north);
  BOOST_TEST(state(so) == "partially_shipped");
  act(so, &cancel_order);

  BOOST_TEST(state(so) == "shipped");
  auto l = line(so, 1);
  BOOST_TEST(l.shipped == raw("2"));
  BOOST_TEST(l.cancelled == raw("4"));
  BOOST_TEST(line(so, 2).cancelled == raw("1"));
  BOOST_TEST(available("SOUTH", "CHAIR") == Decimal::parse("2"));
  auto payload = json::parse(events.of_type("sales_order.cancelled").at(0).payload_json).as_object();
  BOOST_TEST(payload.at("order_state").as_string() == "shipped");
  expect_no_violations();
}

BOOST_AUTO_TEST_CASE(a_cancelled_shipment_gives_its_lines_back_as_unallocated_until_allocated_again) {
  customer("C1", "retail");
  put_stock("NORTH", "CHAIR", "5");
  auto so = order("C1", "NORTH", {{"CHAIR", "3"}});
  confirm(so);
  auto sh = shipments(so).at(0).number;
  cancel_shipment(sh);

  BOOST_TEST(shipments(so).at(0).state == "cancelled");
  BOOST_TEST(state(so) == "confirmed");
  BOOST_TEST(line(so, 1).unallocated() == raw("3"));
  BOOST_TEST(available("NORTH", "CHAIR") == Decimal::parse("5"));
  auto status = this->status(so);
  BOOST_TEST(status.at("needs_allocation").as_bool());
  BOOST_TEST(status.at("lines").as_array().at(0).as_object().at("unallocated").as_string() == "3");
  expect_no_violations();

  act(so, &allocate_order);
  BOOST_TEST(line(so, 1).allocated == raw("3"));
  BOOST_TEST(shipments(so).size() == 2u);
  BOOST_TEST(!this->status(so).at("needs_allocation").as_bool());
  expect_no_violations();
}

BOOST_AUTO_TEST_CASE(a_draft_can_be_cancelled_and_then_not_confirmed) {
  customer("C1", "retail");
  auto so = order("C1", "NORTH", {{"CHAIR", "3"}});
  act(so, &cancel_order);
  BOOST_TEST(state(so) == "cancelled");
  expect_conflict([&] { confirm(so); }, "cancelled");
  expect_no_violations();
}

BOOST_AUTO_TEST_SUITE_END()
