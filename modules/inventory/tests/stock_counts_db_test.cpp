// Stock counts: posting makes the books agree with the shelves through
// adjustment moves, and a count whose shelves saw stock move since it started is
// refused (the module's decision: recount, never guess).
#define BOOST_TEST_MODULE inventory_stock_counts
#include <boost/test/unit_test.hpp>

#include "documents_fixture.h"
#include "stock_counts.h"

using namespace downstream;
using namespace downstream::inventory_module;
using namespace downstream::inventory_module::testing;

namespace {

struct CountFixture : DocumentsFixture {
  CountFixture() {
    add_site("NORTH", {"storage", "storage/A-01", "input", "output"});
    add_product("CHAIR");
    add_product("LAMP");
  }

  StockCount create(const std::vector<CountLineInput>& lines) {
    return db->write_value([&](db::Transaction& tx) { return create_count(tx, ledger, "NORTH", lines); });
  }
  StockCount post(const std::string& number) {
    return db->write_value([&](db::Transaction& tx) { return post_count(tx, ledger, number); });
  }
  std::string state_of(const std::string& number) {
    return db->read_value([&](db::Transaction& tx) { return load_count(tx, number).state; });
  }
  std::int64_t count_moves() { return count_rows("SELECT COUNT(*) FROM inv_move WHERE doc_type = 'stock_count'"); }
};

CountLineInput line(const std::string& location, const std::string& sku, const std::string& counted) {
  return {location, sku, std::nullopt, Decimal::parse(counted)};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(stock_counts, CountFixture)

BOOST_AUTO_TEST_CASE(posting_a_count_writes_adjustments_so_the_balances_equal_what_was_counted) {
  receive("CHAIR", "10", "NORTH/storage");
  receive("LAMP", "3", "NORTH/storage/A-01");
  auto count = create({line("storage", "CHAIR", "7"), line("storage/A-01", "LAMP", "5.5")});
  BOOST_TEST(count.number == "CNT-NORTH-000001");
  BOOST_TEST(count.state == "draft");
  BOOST_TEST(count.lines.at(0).difference == Decimal::parse("-3"));  // the draft previews what posting writes
  BOOST_TEST(count.lines.at(1).difference == Decimal::parse("2.5"));
  BOOST_TEST(count_moves() == 0);

  auto posted = post(count.number);
  BOOST_TEST(posted.state == "posted");
  BOOST_TEST(posted.posted_at.has_value());
  BOOST_TEST(on_hand("NORTH/storage", "CHAIR") == Decimal::parse("7"));
  BOOST_TEST(on_hand("NORTH/storage/A-01", "LAMP") == Decimal::parse("5.5"));
  BOOST_TEST(on_hand("adjustment", "CHAIR") == Decimal::parse("3"));
  BOOST_TEST(on_hand("adjustment", "LAMP") == Decimal::parse("-2.5"));
  BOOST_TEST(count_rows("SELECT COUNT(*) FROM inv_move WHERE doc_type = 'stock_count' AND doc_id = ? AND reason = ?",
                        {count.number, "count " + count.number}) == 2);
  // After posting, the count still tells what it changed.
  BOOST_TEST(posted.lines.at(0).on_hand == Decimal::parse("10"));
  BOOST_TEST(posted.lines.at(0).difference == Decimal::parse("-3"));
  BOOST_TEST(site_figure("NORTH", "CHAIR", "on_hand") == Decimal::parse("7"));
  check_invariants();
}

BOOST_AUTO_TEST_CASE(a_line_that_agrees_with_the_books_writes_no_move) {
  receive("CHAIR", "4", "NORTH/storage");
  auto count = create({line("storage", "CHAIR", "4"), line("input", "LAMP", "0")});
  post(count.number);
  BOOST_TEST(count_moves() == 0);
  BOOST_TEST(state_of(count.number) == "posted");
  check_invariants();
}

BOOST_AUTO_TEST_CASE(counting_a_location_that_has_no_balance_creates_one) {
  BOOST_TEST(count_rows("SELECT COUNT(*) FROM inv_balance") == 0);
  auto count = create({line("input", "LAMP", "4")});
  post(count.number);
  BOOST_TEST(on_hand("NORTH/input", "LAMP") == Decimal::parse("4"));
  BOOST_TEST(count_rows("SELECT COUNT(*) FROM inv_balance b JOIN inv_location l ON l.id = b.location_id "
                        "WHERE l.site = 'NORTH' AND l.code = 'input'") == 1);
  BOOST_TEST(site_figure("NORTH", "LAMP", "on_hand") == Decimal::parse("4"));
  check_invariants();
}

BOOST_AUTO_TEST_CASE(a_move_in_a_counted_location_after_the_count_started_makes_posting_refused_and_nothing_written) {
  receive("CHAIR", "10", "NORTH/storage");
  auto count = create({line("storage", "CHAIR", "7")});
  move("CHAIR", "2", "NORTH/storage", "NORTH/output");
  auto moves_before = count_rows("SELECT COUNT(*) FROM inv_move");

  auto refused = refusal([&](db::Transaction& tx) { post_count(tx, ledger, count.number); });
  BOOST_TEST_REQUIRE(refused.has_value());
  BOOST_TEST(refused->status() == 409);
  BOOST_TEST(mentions(*refused, "stock moved in NORTH/storage since the count"));
  BOOST_TEST(mentions(*refused, "recount"));
  BOOST_TEST(count_rows("SELECT COUNT(*) FROM inv_move") == moves_before);
  BOOST_TEST(on_hand("NORTH/storage", "CHAIR") == Decimal::parse("8"));
  BOOST_TEST(state_of(count.number) == "draft");
  check_invariants();
}

BOOST_AUTO_TEST_CASE(a_planned_move_completed_after_the_count_started_also_makes_posting_refused) {
  receive("CHAIR", "10", "NORTH/storage");
  auto planned = db->write_value([&](db::Transaction& tx) {
    return ledger.plan_move(tx, ledger.product(tx, "CHAIR"), 0, Decimal::parse("1"), ledger.location(tx, "NORTH/storage"),
                            ledger.location(tx, "customer"), {"test", "SO-1", "1"}, "2026-01-15T09:00:00Z");
  });
  auto count = create({line("storage", "CHAIR", "10")});  // planned before, so its id is older than the count
  clock.set("2026-01-15T09:30:00Z");
  db->write([&](db::Transaction& tx) { ledger.complete_planned(tx, planned); });

  auto refused = refusal([&](db::Transaction& tx) { post_count(tx, ledger, count.number); });
  BOOST_TEST_REQUIRE(refused.has_value());
  BOOST_TEST(refused->status() == 409);
  BOOST_TEST(mentions(*refused, "NORTH/storage"));
  BOOST_TEST(count_moves() == 0);
}

BOOST_AUTO_TEST_CASE(a_move_in_a_location_the_count_does_not_cover_does_not_stop_it) {
  receive("CHAIR", "10", "NORTH/storage");
  receive("LAMP", "2", "NORTH/input");
  auto count = create({line("storage", "CHAIR", "9")});
  move("LAMP", "2", "NORTH/input", "NORTH/output");
  post(count.number);
  BOOST_TEST(on_hand("NORTH/storage", "CHAIR") == Decimal::parse("9"));
  check_invariants();
}

BOOST_AUTO_TEST_CASE(posting_twice_is_a_409_naming_posted_and_writes_nothing_more) {
  receive("CHAIR", "10", "NORTH/storage");
  auto count = create({line("storage", "CHAIR", "6")});
  post(count.number);
  auto moves = count_rows("SELECT COUNT(*) FROM inv_move");
  auto again = refusal([&](db::Transaction& tx) { post_count(tx, ledger, count.number); });
  BOOST_TEST_REQUIRE(again.has_value());
  BOOST_TEST(again->status() == 409);
  BOOST_TEST(mentions(*again, "is posted"));
  auto cancel = refusal([&](db::Transaction& tx) { cancel_count(tx, count.number); });
  BOOST_TEST_REQUIRE(cancel.has_value());
  BOOST_TEST(cancel->status() == 409);
  BOOST_TEST(mentions(*cancel, "is posted"));
  BOOST_TEST(count_rows("SELECT COUNT(*) FROM inv_move") == moves);
  BOOST_TEST(on_hand("NORTH/storage", "CHAIR") == Decimal::parse("6"));
}

BOOST_AUTO_TEST_CASE(a_cancelled_count_cannot_be_posted_and_changes_no_stock) {
  receive("CHAIR", "10", "NORTH/storage");
  auto count = create({line("storage", "CHAIR", "1")});
  auto cancelled = db->write_value([&](db::Transaction& tx) { return cancel_count(tx, count.number); });
  BOOST_TEST(cancelled.state == "cancelled");
  auto refused = refusal([&](db::Transaction& tx) { post_count(tx, ledger, count.number); });
  BOOST_TEST_REQUIRE(refused.has_value());
  BOOST_TEST(mentions(*refused, "is cancelled"));
  BOOST_TEST(on_hand("NORTH/storage", "CHAIR") == Decimal::parse("10"));
  BOOST_TEST(count_moves() == 0);
}

BOOST_AUTO_TEST_CASE(counting_less_than_is_reserved_is_refused_naming_the_reservation) {
  receive("CHAIR", "10", "NORTH/storage");
  db->write([&](db::Transaction& tx) {
    ledger.reserve(tx, "NORTH", ledger.product(tx, "CHAIR"), Decimal::parse("5"), {"sales_order", "SO-1", "1"});
  });
  auto count = create({line("storage", "CHAIR", "3")});
  auto refused = refusal([&](db::Transaction& tx) { post_count(tx, ledger, count.number); });
  BOOST_TEST_REQUIRE(refused.has_value());
  BOOST_TEST(refused->status() == 409);
  BOOST_TEST(mentions(*refused, "reserved in NORTH/storage"));
  BOOST_TEST(on_hand("NORTH/storage", "CHAIR") == Decimal::parse("10"));
  check_invariants();
}

BOOST_AUTO_TEST_CASE(invalid_lines_are_a_422_listing_every_field_and_no_count_or_number_is_taken) {
  add_product("WINE", "each", "lot");
  auto refused = refusal([&](db::Transaction& tx) {
    create_count(tx, ledger, "NORTH",
                 {line("storage", "NO-SUCH", "1"), line("attic", "CHAIR", "1"), line("storage", "WINE", "2"),
                  {"storage", "CHAIR", std::string("L1"), Decimal::parse("1")}, line("input", "LAMP", "1"),
                  line("input", "LAMP", "2")});
  });
  BOOST_TEST_REQUIRE(refused.has_value());
  BOOST_TEST(refused->status() == 422);
  BOOST_TEST(names_field(*refused, "lines[0].sku"));
  BOOST_TEST(names_field(*refused, "lines[1].location"));
  BOOST_TEST(names_field(*refused, "lines[2].lot"));  // lot-tracked without a lot
  BOOST_TEST(names_field(*refused, "lines[3].lot"));  // a lot for a product without lots
  BOOST_TEST(names_field(*refused, "lines[5]"));      // the same location, product and lot twice
  BOOST_TEST(!names_field(*refused, "lines[4]"));
  auto unknown_site = refusal([&](db::Transaction& tx) { create_count(tx, ledger, "WEST", {line("storage", "CHAIR", "1")}); });
  BOOST_TEST_REQUIRE(unknown_site.has_value());
  BOOST_TEST(names_field(*unknown_site, "site"));
  BOOST_TEST(count_rows("SELECT COUNT(*) FROM inv_count") == 0);
  BOOST_TEST(create({line("storage", "CHAIR", "1")}).number == "CNT-NORTH-000001");
}

BOOST_AUTO_TEST_CASE(counts_are_numbered_per_site) {
  add_site("SOUTH");
  auto a = create({line("storage", "CHAIR", "1")});
  auto b = create({line("storage", "CHAIR", "2")});
  auto c = db->write_value([&](db::Transaction& tx) { return create_count(tx, ledger, "SOUTH", {line("storage", "CHAIR", "1")}); });
  BOOST_TEST(a.number == "CNT-NORTH-000001");
  BOOST_TEST(b.number == "CNT-NORTH-000002");
  BOOST_TEST(c.number == "CNT-SOUTH-000001");
}

BOOST_AUTO_TEST_SUITE_END()
