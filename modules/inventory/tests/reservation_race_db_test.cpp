// The last unit is reserved once: 16 concurrent attempts to reserve one unit
// when 5 are on hand succeed exactly 5 times — with threads in one process, and
// through two `downstream serve` processes on one database.
#define BOOST_TEST_MODULE inventory_reservation_race
#include <boost/test/unit_test.hpp>

#include <downstream/json.h>

#include <atomic>
#include <latch>
#include <mutex>
#include <thread>

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

constexpr int kAttempts = 16;

struct Race : LedgerFixture {
  std::shared_ptr<inventory::InventoryService> service = make_inventory_service(ledger);

  Race() {
    add_site("NORTH", {"storage", "input", "storage/A-01", "storage/A-02"});
    add_product("CHAIR");
  }

  void receive(const char* quantity, const std::string& location) {
    db->write([&](db::Transaction& tx) {
      service->receive(tx, {.site = "NORTH", .sku = "CHAIR", .quantity = Decimal::parse(quantity),
                            .document = {"receipt", "R-1", "1"}, .from = "supplier", .location = location,
                            .lot = {}, .lot_expiry = {}});
    });
  }

  // Each thread reserves one unit in a unit of work of its own; returns how many got it.
  int race() {
    std::atomic<int> won{0}, lost{0};
    std::mutex mutex;
    std::string failures;
    std::latch start(kAttempts);
    std::vector<std::thread> threads;
    for (int i = 0; i < kAttempts; ++i)
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        try {
          auto r = db->write_value([&](db::Transaction& tx) {
            return service->reserve(tx, {.site = "NORTH", .sku = "CHAIR", .quantity = Decimal::parse("1"),
                                         .document = {"order", "SO-" + std::to_string(i), "1"}, .lot = {}});
          });
          (r.complete() ? won : lost)++;
        } catch (const std::exception& e) {  // a constraint refusing an oversell is a failure too
          std::lock_guard lock(mutex);
          failures += std::string(e.what()) + "\n";
        }
      });
    for (auto& t : threads) t.join();
    BOOST_TEST(failures.empty(), failures);
    BOOST_TEST(won + lost == kAttempts);
    return won;
  }

  void expect_consistent_with(const char* reserved) {
    db->read([&](db::Transaction& tx) {
      for (const auto& c : ledger_invariants()) {
        auto found = c.run(tx);
        BOOST_TEST(found.empty(), c.name << (found.empty() ? "" : ": " + found.front()));
      }
      auto a = service->availability(tx, "CHAIR", {"NORTH"}).at(0).stock;
      BOOST_TEST(a.reserved.to_string() == reserved);
      BOOST_TEST(a.available.is_zero());
      BOOST_TEST(tx.query_int("SELECT COUNT(*) FROM inv_reservation WHERE state = 'open'") == std::stoll(reserved));
    });
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(threads, Race)

BOOST_AUTO_TEST_CASE(sixteen_threads_reserving_one_of_five_units_in_one_bin_succeed_exactly_five_times) {
  receive("5", "storage/A-01");
  BOOST_TEST(race() == 5);
  expect_consistent_with("5");
}

BOOST_AUTO_TEST_CASE(sixteen_threads_reserving_one_of_five_units_spread_over_two_bins_succeed_exactly_five_times) {
  receive("2", "storage/A-01");
  receive("3", "storage/A-02");
  BOOST_TEST(race() == 5);
  expect_consistent_with("5");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(two_host_processes)

BOOST_AUTO_TEST_CASE(sixteen_requests_through_two_hosts_for_one_of_five_units_succeed_exactly_five_times) {
  StockInstallation s;
  auto first = s.inst.serve();
  auto second = s.inst.serve();
  {
    HttpClient http(first->address());
    s.stock_product(http, "CHAIR-1", "5");
  }
  std::atomic<int> reserved{0}, refused{0}, other{0};
  std::string unexpected;
  std::mutex mutex;
  std::latch start(kAttempts);
  std::vector<std::thread> threads;
  for (int i = 0; i < kAttempts; ++i)
    threads.emplace_back([&, i] {
      HttpClient http((i % 2 ? first : second)->address());
      auto body = R"({"site":"NORTH","sku":"CHAIR-1","quantity":"1","document":{"type":"order","id":"SO-)" +
                  std::to_string(i) + R"(","line":"1"}})";
      start.arrive_and_wait();
      auto r = http.request("POST", "/api/v1/reservations", body, with_key(s.operator_));
      if (r.status == 201) reserved++;
      else if (r.status == 409) refused++;
      else {
        other++;
        std::lock_guard lock(mutex);
        unexpected += std::to_string(r.status) + " " + r.body + "\n";
      }
    });
  for (auto& t : threads) t.join();
  BOOST_TEST(reserved == 5);
  BOOST_TEST(refused == kAttempts - 5);
  BOOST_TEST(other == 0, unexpected);

  HttpClient http(second->address());
  auto a = http.get("/api/v1/availability?product=CHAIR-1&site=NORTH", with_key(s.operator_));
  BOOST_TEST_REQUIRE(a.status == 200, a.body);
  auto total = json::parse(a.body).as_object().at("total").as_object();
  BOOST_TEST(total.at("reserved").as_string() == "5");
  BOOST_TEST(total.at("available").as_string() == "0");
  first->stop();
  second->stop();
  auto check = s.inst.cli({"check"});
  BOOST_TEST(check.exit_code == 0, check.all());
}

BOOST_AUTO_TEST_SUITE_END()
