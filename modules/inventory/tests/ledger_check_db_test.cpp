// `downstream check` and GET /api/v1/inventory/check prove the ledger from its
// moves and reservations: they pass after ordinary work and catch a row
// altered by hand in SQL, naming it.
#define BOOST_TEST_MODULE inventory_ledger_check
#include <boost/test/unit_test.hpp>

#include <downstream/json.h>

#include "ledger_check.h"
#include "ledger_fixture.h"
#include "stock_installation.h"

using namespace downstream;
using namespace downstream::inventory_module;
using downstream::inventory_module::testing::LedgerFixture;
using downstream::inventory_module::testing::StockInstallation;
using downstream::testing::HttpClient;
using downstream::testing::with_key;

namespace {

struct Worked : LedgerFixture {
  std::shared_ptr<inventory::InventoryService> service = make_inventory_service(ledger);

  Worked() {
    add_site("NORTH", {"storage", "input", "output", "storage/A-01"});
    add_product("CHAIR");
    db->write([&](db::Transaction& tx) {
      service->receive(tx, {.site = "NORTH", .sku = "CHAIR", .quantity = Decimal::parse("10"),
                            .document = {"receipt", "R-1", "1"}, .from = "supplier", .location = "storage/A-01",
                            .lot = {}, .lot_expiry = {}});
      service->reserve(tx, {.site = "NORTH", .sku = "CHAIR", .quantity = Decimal::parse("4"),
                            .document = {"order", "SO-1", "1"}, .lot = {}});
      service->ship(tx, {"order", "SO-1", "1"}, Decimal::parse("1"));
      auto p = ledger.product(tx, "CHAIR");
      ledger.plan_move(tx, p, 0, Decimal::parse("2"), ledger.location(tx, "supplier"),
                       ledger.location(tx, "NORTH/input"), {"purchase_order", "PO-1", "1"}, "2026-02-01T00:00:00Z");
    });
  }

  // Every violation, as `downstream check` would print them.
  std::vector<std::string> violations() {
    std::vector<std::string> all;
    db->read([&](db::Transaction& tx) {
      for (const auto& c : ledger_invariants())
        for (auto& v : c.run(tx)) all.push_back(std::move(v));
    });
    return all;
  }

  bool reported(const std::vector<std::string>& found, const std::vector<std::string>& words) {
    for (const auto& v : found) {
      bool all = true;
      for (const auto& w : words) all = all && v.find(w) != std::string::npos;
      if (all) return true;
    }
    return false;
  }

  std::string a01_balance() {
    return "location_id = (SELECT id FROM inv_location WHERE site = 'NORTH' AND code = 'storage/A-01')";
  }
};

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "\n  " + l;
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(in_process, Worked)

BOOST_AUTO_TEST_CASE(the_checks_pass_after_receiving_reserving_shipping_and_planning) {
  auto found = violations();
  BOOST_TEST(found.empty(), joined(found));
}

BOOST_AUTO_TEST_CASE(an_on_hand_altered_by_hand_is_caught_naming_the_balance_and_both_figures) {
  test_db.exec_raw("UPDATE inv_balance SET on_hand = on_hand + 1000000 WHERE " + a01_balance());
  auto found = violations();
  BOOST_TEST(reported(found, {"NORTH/storage/A-01", "CHAIR", "on hand 10", "done moves give 9"}), joined(found));
  BOOST_TEST(reported(found, {"CHAIR", "sum to 1", "expected 0"}), joined(found));
  BOOST_TEST(reported(found, {"NORTH", "CHAIR", "inv_stock on hand is 9", "balances give 10"}), joined(found));
}

BOOST_AUTO_TEST_CASE(a_reserved_figure_altered_by_hand_is_caught_against_the_open_reservations) {
  test_db.exec_raw("UPDATE inv_balance SET reserved = reserved + 2000000 WHERE " + a01_balance());
  auto found = violations();
  BOOST_TEST(reported(found, {"NORTH/storage/A-01", "CHAIR", "reserved 5", "open reservations sum to 3"}),
             joined(found));
}

BOOST_AUTO_TEST_CASE(a_reservation_closed_by_hand_is_caught) {
  test_db.exec_raw("UPDATE inv_reservation SET state = 'released' WHERE state = 'open'");
  auto found = violations();
  BOOST_TEST(reported(found, {"NORTH/storage/A-01", "reserved 3", "open reservations sum to 0"}), joined(found));
}

BOOST_AUTO_TEST_CASE(a_site_summary_altered_by_hand_is_caught_for_each_figure) {
  test_db.exec_raw("UPDATE inv_stock SET incoming = 0, reserved = 0 WHERE site = 'NORTH'");
  auto found = violations();
  BOOST_TEST(reported(found, {"NORTH CHAIR", "inv_stock incoming is 0", "planned moves give 2"}), joined(found));
  BOOST_TEST(reported(found, {"NORTH CHAIR", "inv_stock reserved is 0", "balances give 3"}), joined(found));
}

BOOST_AUTO_TEST_CASE(a_move_deleted_by_hand_is_caught_against_the_balances) {
  test_db.exec_raw("DELETE FROM inv_move WHERE doc_type = 'order'");
  auto found = violations();
  BOOST_TEST(reported(found, {"customer CHAIR", "on hand 1", "done moves give 0"}), joined(found));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(black_box)

BOOST_AUTO_TEST_CASE(downstream_check_passes_then_exits_non_zero_naming_a_balance_altered_by_hand) {
  StockInstallation s;
  {
    auto host = s.inst.serve();
    HttpClient http(host->address());
    s.stock_product(http, "CHAIR-1", "5");
    auto ok = http.get("/api/v1/inventory/check", with_key(s.admin));
    BOOST_TEST(ok.status == 200, ok.body);
    BOOST_TEST(json::parse(ok.body).as_object().at("ok").as_bool());
  }
  auto passed = s.inst.cli({"check"});
  BOOST_TEST(passed.exit_code == 0, passed.all());

  s.inst.db().exec_raw("UPDATE inv_balance SET on_hand = 7000000 WHERE location_id = "
                       "(SELECT id FROM inv_location WHERE site = 'NORTH' AND code = 'storage/a-01')");
  auto failed = s.inst.cli({"check"});
  BOOST_TEST(failed.exit_code != 0, failed.all());
  BOOST_TEST(failed.out.find("NORTH/storage/a-01 CHAIR-1: on hand 7 in inv_balance but done moves give 5") !=
                 std::string::npos,
             failed.all());

  auto host = s.inst.serve();
  HttpClient http(host->address());
  auto refused = http.get("/api/v1/inventory/check", with_key(s.admin));
  BOOST_TEST(refused.status == 409, refused.body);
  BOOST_TEST(refused.header("content-type") == "application/problem+json");
  auto body = json::parse(refused.body).as_object();
  bool named = false;
  for (const auto& v : body.at("violations").as_array())
    named = named || v.as_string().find("NORTH/storage/a-01 CHAIR-1") != std::string::npos;
  BOOST_TEST(named, refused.body);
  BOOST_TEST(http.get("/api/v1/inventory/check", with_key(s.operator_)).status == 403);
}

BOOST_AUTO_TEST_SUITE_END()
