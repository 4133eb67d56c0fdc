// Transfers between sites: planned moves while draft, stock to transit on
// shipping, received in parts, a shortfall written off as a loss with a reason;
// the company's stock changes only by the loss and the ledger stays balanced.
#define BOOST_TEST_MODULE inventory_transfers
#include <boost/test/unit_test.hpp>

#include "documents_fixture.h"
#include "transfers.h"

using namespace downstream;
using namespace downstream::inventory_module;
using namespace downstream::inventory_module::testing;

namespace {

struct TransferFixture : DocumentsFixture {
  TransferFixture() {
    add_site("NORTH");
    add_site("SOUTH");
    add_product("CHAIR");
    add_product("LAMP");
    receive("CHAIR", "10", "NORTH/storage");
  }

  Transfer create(const std::vector<TransferLineInput>& lines) {
    return db->write_value(
        [&](db::Transaction& tx) { return create_transfer(tx, ledger, {"NORTH", "SOUTH", lines, {}, {}}); });
  }
  Transfer ship(const std::string& number) {
    return db->write_value([&](db::Transaction& tx) { return ship_transfer(tx, ledger, number); });
  }
  Transfer receive_lines(const std::string& number, const std::vector<ReceiptLine>& lines) {
    return db->write_value([&](db::Transaction& tx) { return receive_transfer(tx, ledger, number, lines); });
  }
  // What the company holds: physical stock plus stock in transit between its sites.
  Decimal owned(const std::string& sku) {
    return total(sku, true) + on_hand("transit/NORTH/SOUTH", sku);
  }
};

TransferLineInput chairs(const std::string& quantity) { return {"CHAIR", Decimal::parse(quantity), std::nullopt}; }
Decimal dec(const char* text) { return Decimal::parse(text); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(transfers, TransferFixture)

BOOST_AUTO_TEST_CASE(ship_then_partial_receipt_then_the_rest_with_a_loss_keeps_the_global_total_and_loses_only_the_loss) {
  auto before = total("CHAIR", true);  // nothing in transit yet
  auto t = create({chairs("6")});
  BOOST_TEST(t.number == "TR-NORTH-000001");
  BOOST_TEST(t.state == "draft");

  t = ship(t.number);
  BOOST_TEST(t.state == "shipped");
  BOOST_TEST(on_hand("NORTH/storage", "CHAIR") == dec("4"));
  BOOST_TEST(on_hand("transit/NORTH/SOUTH", "CHAIR") == dec("6"));
  BOOST_TEST(owned("CHAIR") == before);
  BOOST_TEST(total("CHAIR", false) == Decimal());
  check_invariants();

  t = receive_lines(t.number, {{1, dec("4"), Decimal(), ""}});
  BOOST_TEST(t.state == "partially_received");
  BOOST_TEST(t.lines.at(0).in_transit() == dec("2"));
  BOOST_TEST(t.lines.at(0).to_location == "SOUTH/input");
  BOOST_TEST(on_hand("SOUTH/input", "CHAIR") == dec("4"));
  BOOST_TEST(owned("CHAIR") == before);
  BOOST_TEST(total("CHAIR", false) == Decimal());
  check_invariants();

  t = receive_lines(t.number, {{1, dec("1.5"), dec("0.5"), "one chair broken in the lorry"}});
  BOOST_TEST(t.state == "received");
  BOOST_TEST(t.closed_at.has_value());
  BOOST_TEST(t.lines.at(0).received == dec("5.5"));
  BOOST_TEST(t.lines.at(0).lost == dec("0.5"));
  BOOST_TEST(t.lines.at(0).loss_reason == "one chair broken in the lorry");
  BOOST_TEST(on_hand("SOUTH/input", "CHAIR") == dec("5.5"));
  BOOST_TEST(on_hand("transit/NORTH/SOUTH", "CHAIR") == Decimal());
  BOOST_TEST(on_hand("adjustment", "CHAIR") == dec("0.5"));
  BOOST_TEST(owned("CHAIR") == before - dec("0.5"));
  BOOST_TEST(total("CHAIR", false) == Decimal());
  BOOST_TEST(count_rows("SELECT COUNT(*) FROM inv_move m JOIN inv_location l ON l.id = m.to_location "
                        "WHERE m.doc_id = ? AND l.code = 'adjustment' AND m.reason LIKE ?",
                        {t.number, "%broken in the lorry%"}) == 1);
  BOOST_TEST(site_figure("SOUTH", "CHAIR", "incoming") == Decimal());
  check_invariants();
  BOOST_TEST(events.of_type("inventory.transfer.shipped").size() == 1);
  BOOST_TEST(events.of_type("inventory.transfer.received").size() == 1);
}

BOOST_AUTO_TEST_CASE(a_draft_shows_as_outgoing_at_the_source_and_incoming_at_the_destination_until_it_moves) {
  auto t = create({chairs("6")});
  BOOST_TEST(site_figure("NORTH", "CHAIR", "outgoing") == dec("6"));
  BOOST_TEST(site_figure("SOUTH", "CHAIR", "incoming") == dec("6"));
  BOOST_TEST(site_figure("NORTH", "CHAIR", "on_hand") == dec("10"));  // planned, not moved
  check_invariants();

  ship(t.number);
  BOOST_TEST(site_figure("NORTH", "CHAIR", "outgoing") == Decimal());
  BOOST_TEST(site_figure("SOUTH", "CHAIR", "incoming") == dec("6"));  // still on its way
  receive_lines(t.number, {{1, dec("4"), Decimal(), ""}});
  BOOST_TEST(site_figure("SOUTH", "CHAIR", "incoming") == dec("2"));
  BOOST_TEST(site_figure("SOUTH", "CHAIR", "on_hand") == dec("4"));
  check_invariants();
}

BOOST_AUTO_TEST_CASE(cancelling_a_draft_takes_back_its_planned_moves) {
  auto t = create({chairs("6")});
  auto cancelled = db->write_value([&](db::Transaction& tx) { return cancel_transfer(tx, ledger, t.number); });
  BOOST_TEST(cancelled.state == "cancelled");
  BOOST_TEST(site_figure("NORTH", "CHAIR", "outgoing") == Decimal());
  BOOST_TEST(site_figure("SOUTH", "CHAIR", "incoming") == Decimal());
  BOOST_TEST(on_hand("NORTH/storage", "CHAIR") == dec("10"));
  auto ship_refused = refusal([&](db::Transaction& tx) { ship_transfer(tx, ledger, t.number); });
  BOOST_TEST_REQUIRE(ship_refused.has_value());
  BOOST_TEST(mentions(*ship_refused, "is cancelled"));
  check_invariants();
}

BOOST_AUTO_TEST_CASE(cancelling_after_shipping_is_a_409_naming_shipped_and_changes_nothing) {
  auto t = ship(create({chairs("6")}).number);
  auto moves = count_rows("SELECT COUNT(*) FROM inv_move WHERE state = 'cancelled'");
  auto refused = refusal([&](db::Transaction& tx) { cancel_transfer(tx, ledger, t.number); });
  BOOST_TEST_REQUIRE(refused.has_value());
  BOOST_TEST(refused->status() == 409);
  BOOST_TEST(mentions(*refused, "is shipped"));
  BOOST_TEST(count_rows("SELECT COUNT(*) FROM inv_move WHERE state = 'cancelled'") == moves);
  BOOST_TEST(site_figure("SOUTH", "CHAIR", "incoming") == dec("6"));
  BOOST_TEST(db->read_value([&](db::Transaction& tx) { return load_transfer(tx, t.number).state; }) == "shipped");
}

BOOST_AUTO_TEST_CASE(shipping_more_than_on_hand_is_a_409_naming_line_and_location_and_nothing_ships) {
  receive("LAMP", "2", "NORTH/storage");
  auto t = create({chairs("6"), {"LAMP", dec("5"), std::nullopt}});
  auto refused = refusal([&](db::Transaction& tx) { ship_transfer(tx, ledger, t.number); });
  BOOST_TEST_REQUIRE(refused.has_value());
  BOOST_TEST(refused->status() == 409);
  BOOST_TEST(mentions(*refused, "line 2"));
  BOOST_TEST(mentions(*refused, "NORTH/storage"));
  BOOST_TEST(!mentions(*refused, "line 1"));
  BOOST_TEST(on_hand("NORTH/storage", "CHAIR") == dec("10"));  // the line that could ship did not
  BOOST_TEST(on_hand("NORTH/storage", "LAMP") == dec("2"));
  BOOST_TEST(count_rows("SELECT COUNT(*) FROM inv_move WHERE doc_type = 'transfer' AND state = 'done'") == 0);
  BOOST_TEST(db->read_value([&](db::Transaction& tx) { return load_transfer(tx, t.number).state; }) == "draft");
  check_invariants();
}

BOOST_AUTO_TEST_CASE(reserved_stock_is_not_shipped_by_a_transfer) {
  db->write([&](db::Transaction& tx) {
    ledger.reserve(tx, "NORTH", ledger.product(tx, "CHAIR"), dec("8"), {"sales_order", "SO-1", "1"});
  });
  auto t = create({chairs("6")});
  auto refused = refusal([&](db::Transaction& tx) { ship_transfer(tx, ledger, t.number); });
  BOOST_TEST_REQUIRE(refused.has_value());
  BOOST_TEST(refused->status() == 409);
  BOOST_TEST(mentions(*refused, "8 reserved"));
  check_invariants();
}

BOOST_AUTO_TEST_CASE(receiving_is_refused_before_shipping_and_beyond_what_is_in_transit) {
  auto t = create({chairs("6")});
  auto early = refusal([&](db::Transaction& tx) { receive_transfer(tx, ledger, t.number, std::nullopt); });
  BOOST_TEST_REQUIRE(early.has_value());
  BOOST_TEST(early->status() == 409);
  BOOST_TEST(mentions(*early, "is draft"));

  ship(t.number);
  auto bad = refusal([&](db::Transaction& tx) {
    receive_transfer(tx, ledger, t.number,
                     std::vector<ReceiptLine>{{1, dec("5"), dec("2"), "dropped"}, {2, dec("1"), Decimal(), ""},
                                              {1, Decimal(), dec("1"), ""}});
  });
  BOOST_TEST_REQUIRE(bad.has_value());
  BOOST_TEST(bad->status() == 422);
  BOOST_TEST(names_field(*bad, "lines[0].quantity"));  // 5 + 2 lost > 6 in transit
  BOOST_TEST(names_field(*bad, "lines[1].line"));      // no line 2
  BOOST_TEST(names_field(*bad, "lines[2].line"));      // line 1 twice
  auto no_reason = refusal([&](db::Transaction& tx) {
    receive_transfer(tx, ledger, t.number, std::vector<ReceiptLine>{{1, dec("5"), dec("1"), ""}});
  });
  BOOST_TEST_REQUIRE(no_reason.has_value());
  BOOST_TEST(names_field(*no_reason, "lines[0].loss_reason"));
  BOOST_TEST(on_hand("transit/NORTH/SOUTH", "CHAIR") == dec("6"));

  auto all = db->write_value([&](db::Transaction& tx) { return receive_transfer(tx, ledger, t.number, std::nullopt); });
  BOOST_TEST(all.state == "received");
  BOOST_TEST(on_hand("SOUTH/input", "CHAIR") == dec("6"));
  auto again = refusal([&](db::Transaction& tx) { receive_transfer(tx, ledger, t.number, std::nullopt); });
  BOOST_TEST_REQUIRE(again.has_value());
  BOOST_TEST(mentions(*again, "is received"));
  check_invariants();
}

BOOST_AUTO_TEST_CASE(invalid_transfers_are_a_422_listing_every_field_and_take_no_number) {
  auto same = refusal([&](db::Transaction& tx) { create_transfer(tx, ledger, {"NORTH", "NORTH", {chairs("1")}, {}, {}}); });
  BOOST_TEST_REQUIRE(same.has_value());
  BOOST_TEST(names_field(*same, "to_site"));
  auto bad = refusal([&](db::Transaction& tx) {
    create_transfer(tx, ledger, {"NORTH", "WEST", {{"NO-SUCH", dec("1"), std::nullopt}, {"CHAIR", dec("1"), "L1"}}, {}, {}});
  });
  BOOST_TEST_REQUIRE(bad.has_value());
  BOOST_TEST(bad->status() == 422);
  BOOST_TEST(names_field(*bad, "to_site"));
  BOOST_TEST(names_field(*bad, "lines[0].sku"));
  BOOST_TEST(names_field(*bad, "lines[1].lot"));
  BOOST_TEST(count_rows("SELECT COUNT(*) FROM inv_transfer") == 0);
  BOOST_TEST(create({chairs("1")}).number == "TR-NORTH-000001");
  BOOST_TEST(create({chairs("1")}).number == "TR-NORTH-000002");
}

BOOST_AUTO_TEST_CASE(goods_go_to_storage_at_a_site_without_an_input_location) {
  add_site("EAST", {"storage"});
  auto t = db->write_value([&](db::Transaction& tx) { return create_transfer(tx, ledger, {"NORTH", "EAST", {chairs("3")}, {}, {}}); });
  ship(t.number);
  db->write([&](db::Transaction& tx) { receive_transfer(tx, ledger, t.number, std::nullopt); });
  BOOST_TEST(on_hand("EAST/storage", "CHAIR") == dec("3"));
  check_invariants();
}

BOOST_AUTO_TEST_SUITE_END()
