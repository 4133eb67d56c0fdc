// The stock ledger in-process, on SQLite and PostgreSQL: receiving, moving,
// reserving (FIFO and FEFO), releasing and shipping through InventoryService,
// every refusal changing nothing, and the ledger's invariants after each scenario.
#define BOOST_TEST_MODULE inventory_ledger
#include <boost/test/unit_test.hpp>

#include <downstream/error.h>
#include <downstream/json.h>
#include <downstream/problem.h>

#include "ledger_check.h"
#include "ledger_fixture.h"

namespace downstream {
// So that a failed comparison shows the quantities.
inline std::ostream& operator<<(std::ostream& os, Decimal d) { return os << d.to_string(); }
}  // namespace downstream

using namespace downstream;
using namespace downstream::inventory_module;
using downstream::inventory_module::testing::LedgerFixture;

namespace {

Decimal qty(const char* text) { return Decimal::parse(text); }

struct Stock : LedgerFixture {
  std::shared_ptr<inventory::InventoryService> service = make_inventory_service(ledger);

  Stock() {
    add_site("NORTH", {"storage", "input", "output", "scrap", "storage/A-01", "storage/A-02"});
    add_site("SOUTH");
    add_product("CHAIR");
    add_product("MILK", "each", "lot");
  }

  void receive(const std::string& site, const std::string& sku, const char* quantity,
               std::optional<std::string> location = std::nullopt, std::optional<std::string> lot = std::nullopt,
               std::optional<std::string> expiry = std::nullopt) {
    db->write([&](db::Transaction& tx) {
      service->receive(tx, {.site = site, .sku = sku, .quantity = qty(quantity), .document = {"receipt", "R-1", "1"},
                            .from = "supplier", .location = location, .lot = lot, .lot_expiry = expiry});
    });
  }
  void move(const std::string& sku, const char* quantity, const std::string& from, const std::string& to,
            std::optional<std::string> lot = std::nullopt) {
    db->write([&](db::Transaction& tx) {
      service->move(tx, {.sku = sku, .quantity = qty(quantity), .from = from, .to = to,
                         .document = {"manual", "", ""}, .lot = lot, .reason = "test"});
    });
  }
  inventory::Reservation reserve(const std::string& sku, const char* quantity, const std::string& doc,
                                 const std::string& site = "NORTH") {
    return db->write_value([&](db::Transaction& tx) {
      return service->reserve(tx, {.site = site, .sku = sku, .quantity = qty(quantity), .document = {"order", doc, "1"}});
    });
  }
  inventory::StockFigures figures(const std::string& sku, const std::string& site = "NORTH") {
    return db->read_value([&](db::Transaction& tx) { return service->availability(tx, sku, {site}).at(0).stock; });
  }
  Decimal on_hand_at(const std::string& label, const std::string& sku, std::int64_t lot = 0) {
    return db->read_value([&](db::Transaction& tx) {
      auto l = ledger.location(tx, label);
      return ledger.on_hand(tx, l.id, ledger.product(tx, sku).id, lot);
    });
  }
  std::int64_t move_count() {
    return db->read_value([&](db::Transaction& tx) { return tx.query_int("SELECT COUNT(*) FROM inv_move"); });
  }
  // Every invariant `downstream check` proves, asserted with its violations shown.
  void expect_consistent() {
    db->read([&](db::Transaction& tx) {
      for (const auto& c : ledger_invariants()) {
        auto found = c.run(tx);
        std::string text;
        for (const auto& v : found) text += "\n  " + v;
        BOOST_TEST(found.empty(), c.name << text);
      }
    });
  }
};

template <class F>
int problem_status(F&& f) {
  try {
    f();
  } catch (const http::Problem& p) {
    BOOST_TEST_MESSAGE(p.detail());
    return p.status();
  }
  return 0;
}

template <class F>
std::string invalid_value(F&& f) {
  try {
    f();
  } catch (const InvalidValue& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(ledger, Stock)

BOOST_AUTO_TEST_CASE(receiving_books_goods_into_storage_and_publishes_the_event) {
  receive("NORTH", "CHAIR", "10.5");
  BOOST_TEST(on_hand_at("NORTH/storage", "CHAIR") == qty("10.5"));
  BOOST_TEST(on_hand_at("supplier", "CHAIR") == qty("-10.5"));
  auto f = figures("CHAIR");
  BOOST_TEST(f.on_hand == qty("10.5"));
  BOOST_TEST(f.available == qty("10.5"));
  BOOST_TEST(figures("CHAIR", "SOUTH").on_hand.is_zero());
  auto events = this->events.of_type("inventory.received");
  BOOST_TEST_REQUIRE(events.size() == 1u);
  auto payload = json::parse(events[0].payload_json).as_object();
  BOOST_TEST(payload.at("site").as_string() == "NORTH");
  BOOST_TEST(payload.at("sku").as_string() == "CHAIR");
  BOOST_TEST(payload.at("quantity").as_string() == "10.5");
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(a_move_inside_a_site_changes_its_balances_but_not_its_figures) {
  receive("NORTH", "CHAIR", "8", "input");
  move("CHAIR", "5", "NORTH/input", "NORTH/storage/A-01");
  BOOST_TEST(on_hand_at("NORTH/input", "CHAIR") == qty("3"));
  BOOST_TEST(on_hand_at("NORTH/storage/A-01", "CHAIR") == qty("5"));
  BOOST_TEST(figures("CHAIR").on_hand == qty("8"));
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(reserving_takes_the_oldest_stock_first_for_products_without_lots) {
  receive("NORTH", "CHAIR", "5", "storage/A-02");  // older, in the bin with the higher id
  clock.set("2026-01-16T09:00:00Z");
  receive("NORTH", "CHAIR", "5", "storage/A-01");
  auto r = reserve("CHAIR", "7", "SO-1");
  BOOST_TEST(r.complete());
  BOOST_TEST_REQUIRE(r.pieces.size() == 2u);
  BOOST_TEST(r.pieces[0].location == "NORTH/storage/A-02");
  BOOST_TEST(r.pieces[0].quantity == qty("5"));
  BOOST_TEST(r.pieces[1].location == "NORTH/storage/A-01");
  BOOST_TEST(r.pieces[1].quantity == qty("2"));
  auto f = figures("CHAIR");
  BOOST_TEST(f.reserved == qty("7"));
  BOOST_TEST(f.available == qty("3"));
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(reserving_a_lot_tracked_product_takes_the_first_expiry_first_and_lots_without_expiry_last) {
  receive("NORTH", "MILK", "5", "storage/A-01", "L-NONE");
  clock.set("2026-01-16T09:00:00Z");
  receive("NORTH", "MILK", "5", "storage/A-01", "L-LATE", "2027-06-30");
  clock.set("2026-01-17T09:00:00Z");
  receive("NORTH", "MILK", "5", "storage/A-02", "L-SOON", "2026-03-31");
  auto r = reserve("MILK", "12", "SO-2");
  BOOST_TEST_REQUIRE(r.pieces.size() == 3u);
  BOOST_TEST(r.pieces[0].lot == "L-SOON");
  BOOST_TEST(r.pieces[1].lot == "L-LATE");
  BOOST_TEST(r.pieces[2].lot == "L-NONE");
  BOOST_TEST(r.pieces[2].quantity == qty("2"));
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(reserving_a_documents_lines_together_holds_what_reserving_them_in_turn_would) {
  receive("NORTH", "MILK", "5", "storage/A-01", "L-LATE", "2027-06-30");
  clock.set("2026-01-17T09:00:00Z");
  receive("NORTH", "MILK", "4", "storage/A-02", "L-SOON", "2026-03-31");
  receive("NORTH", "CHAIR", "3", "storage/A-01");
  // Two lines of one product share its lots: the first takes the soonest expiry,
  // the second what is left; the third line wants more chairs than there are.
  auto r = db->write_value([&](db::Transaction& tx) {
    return service->reserve_lines(
        tx, {{.site = "NORTH", .sku = "MILK", .quantity = qty("3"), .document = {"order", "SO-9", "1"}},
             {.site = "NORTH", .sku = "MILK", .quantity = qty("4"), .document = {"order", "SO-9", "2"}},
             {.site = "NORTH", .sku = "CHAIR", .quantity = qty("5"), .document = {"order", "SO-9", "3"}}});
  });
  BOOST_TEST_REQUIRE(r.size() == 3u);
  BOOST_TEST_REQUIRE(r[0].pieces.size() == 1u);
  BOOST_TEST(r[0].pieces[0].lot == "L-SOON");
  BOOST_TEST(r[0].pieces[0].quantity == qty("3"));
  BOOST_TEST_REQUIRE(r[1].pieces.size() == 2u);
  BOOST_TEST(r[1].pieces[0].lot == "L-SOON");
  BOOST_TEST(r[1].pieces[0].quantity == qty("1"));
  BOOST_TEST(r[1].pieces[1].lot == "L-LATE");
  BOOST_TEST(r[1].pieces[1].quantity == qty("3"));
  BOOST_TEST(r[2].reserved == qty("3"));
  BOOST_TEST(r[2].missing() == qty("2"));
  BOOST_TEST(r[1].pieces[1].reservation_id != r[1].pieces[0].reservation_id);
  BOOST_TEST(figures("MILK").reserved == qty("7"));
  BOOST_TEST(figures("MILK").available == qty("2"));
  BOOST_TEST(figures("CHAIR").available == qty("0"));
  // Each line ships what it holds, by its own document line.
  db->write([&](db::Transaction& tx) {
    auto shipped = service->ship_lines(tx, {{{"order", "SO-9", "1"}, std::nullopt}, {{"order", "SO-9", "2"}, qty("2")}});
    BOOST_TEST(shipped.at(0) == qty("3"));
    BOOST_TEST(shipped.at(1) == qty("2"));
  });
  BOOST_TEST(figures("MILK").on_hand == qty("4"));
  BOOST_TEST(figures("MILK").reserved == qty("2"));
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(reserving_lines_together_at_an_unknown_site_says_which_site) {
  receive("NORTH", "CHAIR", "3", "storage/A-01");
  auto what = invalid_value([&] {
    db->write([&](db::Transaction& tx) {
      service->reserve_lines(tx, {{.site = "WEST", .sku = "CHAIR", .quantity = qty("1"), .document = {"order", "SO-1", "1"}},
                                  {.site = "WEST", .sku = "CHAIR", .quantity = qty("1"), .document = {"order", "SO-1", "2"}}});
    });
  });
  BOOST_TEST(what.find("unknown site 'WEST'") != std::string::npos, what);
  BOOST_TEST(figures("CHAIR").reserved == qty("0"));
}

BOOST_AUTO_TEST_CASE(a_partial_reservation_is_reported_with_what_is_missing) {
  receive("NORTH", "CHAIR", "3", "storage");
  auto r = reserve("CHAIR", "5", "SO-3");
  BOOST_TEST(!r.complete());
  BOOST_TEST(r.reserved == qty("3"));
  BOOST_TEST(r.missing() == qty("2"));
  BOOST_TEST(figures("CHAIR").available.is_zero());
  auto none = reserve("CHAIR", "1", "SO-4");
  BOOST_TEST(none.reserved.is_zero());
  BOOST_TEST(none.pieces.empty());
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(stock_outside_storage_and_bins_is_on_hand_but_never_reserved) {
  receive("NORTH", "CHAIR", "4", "input");  // not put away yet
  BOOST_TEST(figures("CHAIR").on_hand == qty("4"));
  BOOST_TEST(reserve("CHAIR", "1", "SO-5").reserved.is_zero());
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(what_a_line_holds_is_listed_piece_by_piece_until_it_is_released) {
  receive("NORTH", "CHAIR", "2", "storage/A-01");
  receive("NORTH", "CHAIR", "5", "storage/A-02");
  reserve("CHAIR", "4", "SO-9");
  auto pieces = db->read_value([&](db::Transaction& tx) { return service->reserved_for(tx, {"order", "SO-9", "1"}); });
  BOOST_TEST_REQUIRE(pieces.size() == 2u);
  BOOST_TEST(pieces[0].location == "NORTH/storage/A-01");
  BOOST_TEST(pieces[0].quantity == qty("2"));
  BOOST_TEST(pieces[1].location == "NORTH/storage/A-02");
  BOOST_TEST(pieces[1].quantity == qty("2"));
  db->write([&](db::Transaction& tx) { service->release(tx, {"order", "SO-9", "1"}); });
  auto after = db->read_value([&](db::Transaction& tx) { return service->reserved_for(tx, {"order", "SO-9", "1"}); });
  BOOST_TEST(after.empty());
}

BOOST_AUTO_TEST_CASE(releasing_gives_back_what_the_line_still_holds_once) {
  receive("NORTH", "CHAIR", "6", "storage/A-01");
  reserve("CHAIR", "4", "SO-6");
  auto released = db->write_value([&](db::Transaction& tx) { return service->release(tx, {"order", "SO-6", "1"}); });
  BOOST_TEST(released == qty("4"));
  BOOST_TEST(figures("CHAIR").reserved.is_zero());
  auto again = db->write_value([&](db::Transaction& tx) { return service->release(tx, {"order", "SO-6", "1"}); });
  BOOST_TEST(again.is_zero());
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(shipping_part_of_a_reservation_moves_it_to_the_customer_and_keeps_the_rest_reserved) {
  receive("NORTH", "CHAIR", "3", "storage/A-01");
  receive("NORTH", "CHAIR", "3", "storage/A-02");
  reserve("CHAIR", "5", "SO-7");
  auto shipped = db->write_value([&](db::Transaction& tx) {
    return service->ship(tx, {"order", "SO-7", "1"}, qty("4"));
  });
  BOOST_TEST(shipped == qty("4"));
  auto f = figures("CHAIR");
  BOOST_TEST(f.on_hand == qty("2"));
  BOOST_TEST(f.reserved == qty("1"));
  BOOST_TEST(on_hand_at("customer", "CHAIR") == qty("4"));
  expect_consistent();

  auto rest = db->write_value([&](db::Transaction& tx) { return service->ship(tx, {"order", "SO-7", "1"}, {}); });
  BOOST_TEST(rest == qty("1"));
  BOOST_TEST(figures("CHAIR").reserved.is_zero());
  BOOST_TEST(figures("CHAIR").on_hand == qty("1"));
  auto moves_before = move_count();
  BOOST_TEST(problem_status([&] {
               db->write([&](db::Transaction& tx) { service->ship(tx, {"order", "SO-7", "1"}, {}); });
             }) == 409);
  BOOST_TEST(move_count() == moves_before);
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(shipping_more_than_is_reserved_is_refused_and_changes_nothing) {
  receive("NORTH", "CHAIR", "5", "storage");
  reserve("CHAIR", "2", "SO-8");
  BOOST_TEST(problem_status([&] {
               db->write([&](db::Transaction& tx) { service->ship(tx, {"order", "SO-8", "1"}, qty("3")); });
             }) == 409);
  BOOST_TEST(figures("CHAIR").reserved == qty("2"));
  BOOST_TEST(figures("CHAIR").on_hand == qty("5"));
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(a_move_that_would_take_a_physical_location_negative_is_refused_with_409_naming_it) {
  receive("NORTH", "CHAIR", "3", "storage/A-02");
  reserve("CHAIR", "1", "SO-9");
  auto moves_before = move_count();
  std::string detail;
  try {
    // A-02 has a higher id than output: the refusal must come before either balance is written.
    db->write([&](db::Transaction& tx) {
      service->move(tx, {.sku = "CHAIR", .quantity = qty("3"), .from = "NORTH/storage/A-02", .to = "NORTH/output",
                         .document = {"manual", "", ""}, .lot = {}, .reason = ""});
    });
  } catch (const http::Problem& p) {
    BOOST_TEST(p.status() == 409);
    detail = p.detail();
  }
  BOOST_TEST(detail.find("NORTH/storage/A-02") != std::string::npos, detail);
  BOOST_TEST(detail.find("CHAIR") != std::string::npos, detail);
  BOOST_TEST(detail.find("on hand 3") != std::string::npos, detail);
  BOOST_TEST(detail.find("reserved 1") != std::string::npos, detail);
  BOOST_TEST(move_count() == moves_before);
  BOOST_TEST(on_hand_at("NORTH/storage/A-02", "CHAIR") == qty("3"));
  BOOST_TEST(on_hand_at("NORTH/output", "CHAIR").is_zero());
  // The free part can move.
  move("CHAIR", "2", "NORTH/storage/A-02", "NORTH/output");
  BOOST_TEST(on_hand_at("NORTH/output", "CHAIR") == qty("2"));
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(a_refused_move_leaves_nothing_behind_for_a_caller_that_catches_it) {
  receive("NORTH", "CHAIR", "1", "storage/A-02");
  db->write([&](db::Transaction& tx) {
    BOOST_TEST(problem_status([&] {
                 service->move(tx, {.sku = "CHAIR", .quantity = qty("2"), .from = "NORTH/storage/A-02",
                                    .to = "NORTH/input", .document = {"manual", "", ""}, .lot = {}, .reason = ""});
               }) == 409);
  });
  BOOST_TEST(on_hand_at("NORTH/input", "CHAIR").is_zero());
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(zero_and_negative_quantities_are_refused_as_invalid) {
  receive("NORTH", "CHAIR", "3", "storage");
  auto moves_before = move_count();
  BOOST_TEST(!invalid_value([&] { move("CHAIR", "0", "NORTH/storage", "NORTH/output"); }).empty());
  BOOST_TEST(!invalid_value([&] { move("CHAIR", "-1", "NORTH/storage", "NORTH/output"); }).empty());
  BOOST_TEST(!invalid_value([&] { reserve("CHAIR", "0", "SO-10"); }).empty());
  BOOST_TEST(!invalid_value([&] { receive("NORTH", "CHAIR", "-2"); }).empty());
  BOOST_TEST(move_count() == moves_before);
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(a_move_to_the_same_location_is_refused) {
  receive("NORTH", "CHAIR", "3", "storage");
  auto why = invalid_value([&] { move("CHAIR", "1", "NORTH/storage", "NORTH/storage"); });
  BOOST_TEST(why.find("NORTH/storage") != std::string::npos, why);
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(a_lot_tracked_product_needs_a_known_lot_and_an_untracked_one_takes_none) {
  auto why = invalid_value([&] { receive("NORTH", "MILK", "2"); });
  BOOST_TEST(why.find("lot") != std::string::npos, why);
  receive("NORTH", "MILK", "2", "storage", "L-1");
  BOOST_TEST(!invalid_value([&] { move("MILK", "1", "NORTH/storage", "NORTH/output"); }).empty());
  BOOST_TEST(!invalid_value([&] { move("MILK", "1", "NORTH/storage", "NORTH/output", "L-UNKNOWN"); }).empty());
  BOOST_TEST(!invalid_value([&] { move("CHAIR", "1", "supplier", "NORTH/storage", "L-1"); }).empty());
  move("MILK", "1", "NORTH/storage", "NORTH/output", "L-1");
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(unknown_products_sites_and_locations_are_named) {
  BOOST_TEST(invalid_value([&] { receive("NORTH", "NOPE", "1"); }).find("NOPE") != std::string::npos);
  BOOST_TEST(invalid_value([&] { receive("EAST", "CHAIR", "1"); }).find("EAST") != std::string::npos);
  BOOST_TEST(invalid_value([&] { move("CHAIR", "1", "supplier", "NORTH/attic"); }).find("NORTH/attic") !=
             std::string::npos);
  BOOST_TEST(move_count() == 0);
}

BOOST_AUTO_TEST_CASE(planned_moves_count_as_incoming_and_outgoing_until_done_or_cancelled) {
  receive("NORTH", "CHAIR", "10", "storage");
  std::int64_t inbound = 0, outbound = 0;
  db->write([&](db::Transaction& tx) {
    auto p = ledger.product(tx, "CHAIR");
    inbound = ledger.plan_move(tx, p, 0, qty("6"), ledger.location(tx, "supplier"), ledger.location(tx, "SOUTH/input"),
                               {"purchase_order", "PO-1", "1"}, "2026-01-20T00:00:00Z");
    outbound = ledger.plan_move(tx, p, 0, qty("4"), ledger.location(tx, "NORTH/storage"),
                                ledger.location(tx, "SOUTH/input"), {"transfer", "TR-1", "1"}, "2026-02-10T00:00:00Z");
  });
  BOOST_TEST(figures("CHAIR", "SOUTH").incoming == qty("10"));
  BOOST_TEST(figures("CHAIR", "SOUTH").on_hand.is_zero());
  BOOST_TEST(figures("CHAIR").outgoing == qty("4"));
  expect_consistent();

  db->write([&](db::Transaction& tx) { ledger.complete_planned(tx, inbound); });
  BOOST_TEST(figures("CHAIR", "SOUTH").on_hand == qty("6"));
  BOOST_TEST(figures("CHAIR", "SOUTH").incoming == qty("4"));
  BOOST_TEST(problem_status([&] { db->write([&](db::Transaction& tx) { ledger.complete_planned(tx, inbound); }); }) ==
             409);
  db->write([&](db::Transaction& tx) { ledger.cancel_planned(tx, outbound); });
  BOOST_TEST(figures("CHAIR", "SOUTH").incoming.is_zero());
  BOOST_TEST(figures("CHAIR").outgoing.is_zero());
  BOOST_TEST(problem_status([&] { db->write([&](db::Transaction& tx) { ledger.cancel_planned(tx, outbound); }); }) ==
             409);
  expect_consistent();
}

BOOST_AUTO_TEST_CASE(availability_across_sites_lists_every_active_site) {
  receive("NORTH", "CHAIR", "2");
  receive("SOUTH", "CHAIR", "3");
  auto all = db->read_value([&](db::Transaction& tx) { return service->availability(tx, "CHAIR"); });
  BOOST_TEST_REQUIRE(all.size() == 2u);
  BOOST_TEST(all[0].site == "NORTH");
  BOOST_TEST(all[0].stock.on_hand == qty("2"));
  BOOST_TEST(all[1].site == "SOUTH");
  BOOST_TEST(all[1].stock.on_hand == qty("3"));
  BOOST_TEST(db->read_value([&](db::Transaction& tx) { return service->sites(tx); }) ==
             (std::vector<std::string>{"NORTH", "SOUTH"}));
}

BOOST_AUTO_TEST_CASE(quantities_convert_to_the_product_unit_within_one_category_only) {
  db->read([&](db::Transaction& tx) {
    BOOST_TEST(service->to_product_unit(tx, "CHAIR", Quantity(qty("2"), "box-12")) == qty("24"));
    BOOST_TEST(service->to_product_unit(tx, "CHAIR", Quantity(qty("3"), "each")) == qty("3"));
    BOOST_CHECK_THROW(service->to_product_unit(tx, "CHAIR", Quantity(qty("1"), "kg")), InvalidValue);
  });
}

BOOST_AUTO_TEST_CASE(document_numbers_count_per_site_and_kind) {
  db->write([&](db::Transaction& tx) {
    BOOST_TEST(ledger.next_number(tx, "NORTH", "transfer", "TR") == "TR-NORTH-000001");
    BOOST_TEST(ledger.next_number(tx, "NORTH", "transfer", "TR") == "TR-NORTH-000002");
    BOOST_TEST(ledger.next_number(tx, "SOUTH", "transfer", "TR") == "TR-SOUTH-000001");
    BOOST_TEST(ledger.next_number(tx, "NORTH", "count", "CNT") == "CNT-NORTH-000001");
  });
}

BOOST_AUTO_TEST_CASE(a_transit_location_between_two_sites_is_made_once) {
  auto ids = db->write_value([&](db::Transaction& tx) {
    auto a = ledger.transit(tx, "NORTH", "SOUTH");
    auto b = ledger.transit(tx, "NORTH", "SOUTH");
    BOOST_TEST(!a.physical);
    BOOST_TEST(a.label() == "transit/NORTH/SOUTH");
    return std::make_pair(a.id, b.id);
  });
  BOOST_TEST(ids.first == ids.second);
  move("CHAIR", "1", "supplier", "NORTH/storage");
  move("CHAIR", "1", "NORTH/storage", "transit/NORTH/SOUTH");
  BOOST_TEST(figures("CHAIR").on_hand.is_zero());
  expect_consistent();
}

BOOST_AUTO_TEST_SUITE_END()
