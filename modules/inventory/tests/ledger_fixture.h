#pragma once
// An in-process inventory for the module's tests: a fresh database on the test's
// backend (SQLite file or PostgreSQL schema), the module's migrations applied from
// the source tree, units seeded, a clock the test sets, and the events published.
#include <boost/test/unit_test.hpp>

#include <downstream/clock.h>
#include <downstream/events.h>
#include <downstream/testing/build_paths.h>
#include <downstream/testing/temp_dir.h>
#include <downstream/testing/test_database.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "module_parts.h"
#include "soci_driver.h"
#include "stock_ledger.h"

namespace downstream::inventory_module::testing {

class TestClock final : public Clock {
public:
  TimePoint now() const override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void set(std::string_view timestamp) {
    std::lock_guard lock(mutex_);
    now_ = parse_timestamp(timestamp);
  }

private:
  mutable std::mutex mutex_;
  TimePoint now_ = parse_timestamp("2026-01-15T09:00:00Z");
};

// Keeps what was published; runs no subscribers (other modules are not here).
class RecordedEvents final : public EventBus {
public:
  void publish(db::Transaction&, const Event& e) override {
    std::lock_guard lock(mutex_);
    events.push_back(e);
  }
  void subscribe(std::string, EventHandler) override {}
  std::vector<Event> of_type(const std::string& type) const {
    std::lock_guard lock(mutex_);
    std::vector<Event> out;
    for (const auto& e : events)
      if (e.type == type) out.push_back(e);
    return out;
  }
  std::vector<Event> events;

private:
  mutable std::mutex mutex_;
};

struct LedgerFixture {
  downstream::testing::TestDatabase test_db;
  std::unique_ptr<db::Database> db;
  TestClock clock;
  RecordedEvents events;
  StockLedger ledger{clock, events};

  LedgerFixture() {
    db::DatabaseSettings s;
    s.url = test_db.url();
    s.pool_size = 6;
    db = soci_adapter::make_driver()->open(s);
    auto dialect = db->dialect() == db::Dialect::sqlite ? ".sqlite.sql" : ".postgresql.sql";
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(downstream::testing::source_dir() / "modules" /
                                                             "inventory" / "migrations")) {
      auto name = e.path().filename().string();
      if (name.ends_with(dialect) || (name.ends_with(".sql") && name.find('.') == name.size() - 4))
        files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    db->write([&](db::Transaction& tx) {
      for (const auto& f : files) tx.execute_script(downstream::testing::read_file(f));
      seed_units(tx);
    });
  }

  // A site with locations (site-local codes; kinds by the first path segment:
  // "storage/A-01" is a bin under storage).
  void add_site(const std::string& code, const std::vector<std::string>& locations = {"storage", "input", "output"}) {
    db->write([&](db::Transaction& tx) {
      tx.execute("INSERT INTO inv_site (code, name, kind, timezone) VALUES (?, ?, 'warehouse', 'UTC')",
                 {code, code + " warehouse"});
      for (const auto& loc : locations) {
        auto slash = loc.find('/');
        auto kind = slash == std::string::npos ? loc : std::string("bin");
        std::optional<std::int64_t> parent;
        if (slash != std::string::npos)
          parent = tx.query_int("SELECT id FROM inv_location WHERE site = ? AND code = ?", {code, loc.substr(0, slash)});
        tx.execute("INSERT INTO inv_location (site, code, name, kind, parent_id, physical) VALUES (?, ?, ?, ?, ?, 1)",
                   {code, loc, loc, kind, parent});
      }
    });
  }

  void add_product(const std::string& sku, const std::string& unit = "each", const std::string& tracking = "none") {
    db->write([&](db::Transaction& tx) {
      tx.execute("INSERT INTO inv_product (sku, name, unit, tracking, updated_at) VALUES (?, ?, ?, ?, ?)",
                 {sku, sku + " (test)", unit, tracking, format_timestamp(clock.now())});
    });
  }
};

}  // namespace downstream::inventory_module::testing
