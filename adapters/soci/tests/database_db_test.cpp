// The soci adapter against a real database: each case runs on SQLite and on
// PostgreSQL (ctest sets DOWNSTREAM_TEST_BACKEND; see cmake/BoostTestDiscover.cmake).
#define BOOST_TEST_MODULE soci_database
#include <boost/test/unit_test.hpp>

#include <downstream/testing/temp_dir.h>
#include <downstream/testing/test_database.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <sstream>
#include <filesystem>
#include <future>
#include <limits>
#include <ostream>
#include <stdexcept>
#include <thread>

#include "soci_driver.h"

using namespace downstream;
using downstream::testing::TestDatabase;

namespace downstream::db {
// How Boost.Test prints a Value in a failed check.
std::ostream& boost_test_print_type(std::ostream& os, const Value& v) {
  if (v.is_null()) return os << "NULL";
  if (v.is_int()) return os << v.as_int();
  return os << '\'' << v.as_text() << '\'';
}
}  // namespace downstream::db

namespace {

struct Fixture {
  TestDatabase test_db;
  std::unique_ptr<db::Driver> driver = soci_adapter::make_driver();
  std::unique_ptr<db::Database> database = open();

  std::unique_ptr<db::Database> open(const std::function<void(db::DatabaseSettings&)>& tweak = {}) {
    db::DatabaseSettings settings;
    settings.url = test_db.url();
    if (tweak) tweak(settings);
    return driver->open(settings);
  }
  bool sqlite() const { return database->dialect() == db::Dialect::sqlite; }
  void script(const std::string& sql) {
    database->write([&](db::Transaction& tx) { tx.execute_script(sql); });
  }
  std::int64_t count(const std::string& table) {
    return database->read_value([&](db::Transaction& tx) { return tx.query_int("SELECT count(*) FROM " + table); });
  }
};

// Runs `f`, expecting a ConstraintViolation; returns the constraint it names.
template <class F>
std::string violated_constraint(F&& f) {
  try {
    f();
  } catch (const db::ConstraintViolation& e) {
    BOOST_TEST_MESSAGE(e.what());
    return e.constraint();
  }
  BOOST_FAIL("expected a ConstraintViolation");
  return {};
}

template <class F>
std::string error_text(F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  BOOST_FAIL("expected an exception");
  return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_FIXTURE_TEST_CASE(integers_text_and_null_round_trip_exactly_including_the_int64_extremes, Fixture) {
  script("CREATE TABLE vals (id BIGINT PRIMARY KEY, big BIGINT, small INTEGER, label TEXT, note TEXT)");
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  const std::int64_t min = std::numeric_limits<std::int64_t>::min();
  database->write([&](db::Transaction& tx) {
    BOOST_TEST(tx.execute("INSERT INTO vals (id, big, small, label, note) VALUES (?, ?, ?, ?, ?)",
                          {1, max, 7, "h\xC3\xA9llo 'quoted' ? :colon", std::nullopt}) == 1);
    tx.execute("INSERT INTO vals (id, big, small, label, note) VALUES (?, ?, ?, ?, ?)", {2, min, -7, "", "0123"});
    tx.execute("INSERT INTO vals (id, big, small, label, note) VALUES (?, ?, ?, ?, ?)",
               {3, db::Value(), 0, "123", std::optional<std::string>()});
  });
  auto rows = database->read_value(
      [](db::Transaction& tx) { return tx.query("SELECT id, big, small, label, note FROM vals ORDER BY id"); });
  BOOST_TEST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(rows[0].get_int(1) == max);
  BOOST_TEST(rows[0].at(1).is_int());
  BOOST_TEST(rows[0].get_int(2) == 7);
  BOOST_TEST(rows[0].get_text(3) == "h\xC3\xA9llo 'quoted' ? :colon");
  BOOST_TEST(rows[0].is_null(4));
  BOOST_TEST(rows[1].get_int(1) == min);
  BOOST_TEST(rows[1].get_int(2) == -7);
  BOOST_TEST(rows[1].at(3).is_text());  // empty text is not NULL
  BOOST_TEST(rows[1].get_text(3) == "");
  BOOST_TEST(rows[1].at(4) == db::Value("0123"));  // text that looks like a number stays text
  BOOST_TEST(rows[2].is_null(1));
  BOOST_TEST(rows[2].at(3) == db::Value("123"));
  BOOST_TEST(!rows[2].opt_int(1).has_value());

  database->read([&](db::Transaction& tx) {
    BOOST_TEST(tx.query_int("SELECT big FROM vals WHERE big = ?", {max}) == max);
    auto n = tx.query_one("SELECT count(*) FROM vals WHERE note IS NULL");
    BOOST_TEST_REQUIRE(n.has_value());
    BOOST_TEST(n->at(0).is_int());
    BOOST_TEST(n->get_int(0) == 2);
    // sum() of BIGINT is NUMERIC on PostgreSQL: it comes back exact and reads as an integer.
    BOOST_TEST(tx.query_int("SELECT sum(small) FROM vals") == 0);
    BOOST_TEST(!tx.query_one("SELECT id FROM vals WHERE id = ?", {99}).has_value());
  });
}

BOOST_FIXTURE_TEST_CASE(many_question_mark_parameters_bind_in_order_and_quoted_ones_are_left_alone, Fixture) {
  script("CREATE TABLE wide (k BIGINT NOT NULL, t TEXT)");
  std::string sql = "INSERT INTO wide (k, t) VALUES ";
  db::Params params;
  for (int i = 0; i < 60; ++i) {
    sql += i ? ", (?, ?)" : "(?, ?)";
    params.emplace_back(i * 1000003LL);
    params.emplace_back(i % 7 == 0 ? db::Value() : db::Value("t" + std::to_string(i)));
  }
  database->write([&](db::Transaction& tx) { BOOST_TEST(tx.execute(sql, params) == 60); });
  database->read([&](db::Transaction& tx) {
    auto rows = tx.query("SELECT k, t FROM wide ORDER BY k");
    BOOST_TEST_REQUIRE(rows.size() == 60u);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      BOOST_TEST(rows[i].get_int(0) == static_cast<std::int64_t>(i) * 1000003LL);
      if (i % 7 == 0)
        BOOST_TEST(rows[i].is_null(1));
      else
        BOOST_TEST(rows[i].get_text(1) == "t" + std::to_string(i));
    }
    // A ? inside quotes or a comment is not a parameter.
    BOOST_TEST(tx.query_int("SELECT count(*) FROM wide -- how many? : all\n"
                            "WHERE t <> '?' AND k >= ? /* a ? here too */",
                            {0}) == 51);
    BOOST_TEST(tx.query_one("SELECT '10:30 ?' AS label")->get_text(0) == "10:30 ?");
    // The same statement again with other values and other kinds of values (cached).
    BOOST_TEST(tx.query_int("SELECT count(*) FROM wide WHERE k >= ? AND t IS NOT NULL", {5000015}) == 47);
    BOOST_TEST(tx.query_int("SELECT count(*) FROM wide WHERE k >= ? AND t IS NOT NULL", {0}) == 51);
  });
}

BOOST_FIXTURE_TEST_CASE(a_statement_with_the_wrong_number_of_parameters_is_refused_naming_the_counts, Fixture) {
  script("CREATE TABLE one (id BIGINT)");
  auto what = error_text([&] {
    database->write([](db::Transaction& tx) { tx.execute("INSERT INTO one (id) VALUES (?)", {1, 2}); });
  });
  BOOST_TEST(contains(what, "1 ? placeholder(s) but 2 parameter(s)"), what);
  BOOST_TEST(count("one") == 0);
}

BOOST_FIXTURE_TEST_CASE(a_write_that_throws_rolls_back_everything, Fixture) {
  script("CREATE TABLE item (id BIGINT PRIMARY KEY, qty BIGINT NOT NULL)");
  database->write([](db::Transaction& tx) { tx.execute("INSERT INTO item (id, qty) VALUES (?, ?)", {1, 10}); });
  BOOST_CHECK_THROW(database->write([](db::Transaction& tx) {
    tx.execute("INSERT INTO item (id, qty) VALUES (?, ?)", {2, 20});
    tx.execute("UPDATE item SET qty = qty - 5 WHERE id = ?", {1});
    throw std::runtime_error("the work failed after two writes");
  }),
                    std::runtime_error);
  BOOST_TEST(count("item") == 1);
  BOOST_TEST(database->read_value([](db::Transaction& tx) { return tx.query_int("SELECT qty FROM item"); }) == 10);
  // The session went back to the pool clean: the next unit of work commits normally.
  database->write([](db::Transaction& tx) { tx.execute("INSERT INTO item (id, qty) VALUES (?, ?)", {3, 30}); });
  BOOST_TEST(count("item") == 2);
  BOOST_TEST(database->pool_stats().in_use == 0);
}

BOOST_FIXTURE_TEST_CASE(after_commit_hooks_run_only_once_the_unit_of_work_has_committed, Fixture) {
  script("CREATE TABLE event (id BIGINT PRIMARY KEY)");
  int ran = 0;
  std::int64_t seen = -1;
  database->write([&](db::Transaction& tx) {
    tx.execute("INSERT INTO event (id) VALUES (?)", {1});
    tx.after_commit([&] {
      ++ran;
      seen = count("event");  // committed, and the session is free again
    });
    BOOST_TEST(ran == 0);
  });
  BOOST_TEST(ran == 1);
  BOOST_TEST(seen == 1);

  BOOST_CHECK_THROW(database->write([&](db::Transaction& tx) {
    tx.execute("INSERT INTO event (id) VALUES (?)", {2});
    tx.after_commit([&] { ++ran; });
    throw std::runtime_error("rolled back");
  }),
                    std::runtime_error);
  BOOST_TEST(ran == 1);

  // A commit that fails (here: a retry that never succeeds) runs no hook either.
  auto once = open([](db::DatabaseSettings& s) { s.max_attempts = 2; });
  BOOST_CHECK_THROW(once->write([&](db::Transaction& tx) {
    tx.after_commit([&] { ++ran; });
    throw db::RetryableError("simulated deadlock");
  }),
                    db::BusyError);
  BOOST_TEST(ran == 1);
}

BOOST_FIXTURE_TEST_CASE(constraint_violations_are_translated_and_name_the_constraint, Fixture) {
  script(
      "CREATE TABLE warehouse (id BIGINT PRIMARY KEY);\n"
      "CREATE TABLE stock (id BIGINT PRIMARY KEY, sku TEXT NOT NULL, qty BIGINT NOT NULL,\n"
      "  warehouse BIGINT REFERENCES warehouse (id),\n"
      "  CONSTRAINT stock_qty_not_negative CHECK (qty >= 0));\n"
      "CREATE UNIQUE INDEX stock_sku_unique ON stock (sku);\n"
      "CREATE TABLE lot (code TEXT NOT NULL, site TEXT NOT NULL, UNIQUE (site, code));\n"
      "INSERT INTO warehouse (id) VALUES (1);\n"
      "INSERT INTO stock (id, sku, qty, warehouse) VALUES (1, 'A', 5, 1);\n"
      "INSERT INTO lot (code, site) VALUES ('L1', 'S1');\n");
  auto insert = [&](const db::Params& p) {
    return [&, p] {
      database->write([&](db::Transaction& tx) {
        tx.execute("INSERT INTO stock (id, sku, qty, warehouse) VALUES (?, ?, ?, ?)", p);
      });
    };
  };
  BOOST_TEST(violated_constraint(insert({2, "A", 1, 1})) == "stock_sku_unique");
  BOOST_TEST(violated_constraint(insert({2, "B", -1, 1})) == "stock_qty_not_negative");
  BOOST_TEST(violated_constraint(insert({1, "C", 1, 1})) == "stock_pkey");
  BOOST_TEST(violated_constraint(insert({2, std::nullopt, 1, 1})) == "stock.sku");
  // An unnamed UNIQUE constraint gets PostgreSQL's default name on both.
  BOOST_TEST(violated_constraint([&] {
               database->write([](db::Transaction& tx) {
                 tx.execute("INSERT INTO lot (code, site) VALUES (?, ?)", {"L1", "S1"});
               });
             }) == "lot_site_code_key");
  // SQLite does not say which foreign key failed; PostgreSQL does.
  auto fk = violated_constraint(insert({2, "D", 1, 99}));
  BOOST_TEST(fk == (sqlite() ? "" : "stock_warehouse_fkey"));
  BOOST_TEST(count("stock") == 1);
}

BOOST_FIXTURE_TEST_CASE(a_failed_statement_fails_the_whole_unit_of_work_even_when_the_work_catches_it, Fixture) {
  script("CREATE TABLE tag (name TEXT PRIMARY KEY)");
  database->write([](db::Transaction& tx) { tx.execute("INSERT INTO tag (name) VALUES (?)", {"a"}); });
  BOOST_CHECK_THROW(database->write([](db::Transaction& tx) {
    tx.execute("INSERT INTO tag (name) VALUES (?)", {"b"});
    try {
      tx.execute("INSERT INTO tag (name) VALUES (?)", {"a"});
    } catch (const db::ConstraintViolation&) {
      // PostgreSQL has aborted the transaction here; SQLite is made to agree.
    }
  }),
                    db::ConstraintViolation);
  BOOST_TEST(count("tag") == 1);
}

BOOST_FIXTURE_TEST_CASE(concurrent_read_modify_write_increments_never_lose_an_update, Fixture) {
  script("CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL); INSERT INTO counter VALUES (1, 0);");
  constexpr int kThreads = 3, kEach = 40;
  std::vector<std::exception_ptr> errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int i = 0; i < kEach; ++i) {
          database->write([](db::Transaction& tx) {
            std::string select = "SELECT n FROM counter WHERE id = ?";
            select += tx.for_update();
            const auto n = tx.query_int(select, {1});
            std::this_thread::yield();
            tx.execute("UPDATE counter SET n = ? WHERE id = ?", {n + 1, 1});
          });
        }
      } catch (...) {
        errors[static_cast<std::size_t>(t)] = std::current_exception();
      }
    });
  }
  for (auto& th : threads) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
  BOOST_TEST(database->read_value([](db::Transaction& tx) { return tx.query_int("SELECT n FROM counter"); }) ==
             kThreads * kEach);
  BOOST_TEST(database->pool_stats().units_of_work >= kThreads * kEach);
}

BOOST_FIXTURE_TEST_CASE(a_retryable_error_runs_the_whole_unit_of_work_again_then_answers_busy, Fixture) {
  script("CREATE TABLE attempt (id BIGINT PRIMARY KEY)");
  int runs = 0;
  database->write([&](db::Transaction& tx) {
    ++runs;
    tx.execute("INSERT INTO attempt (id) VALUES (?)", {1});  // the same key each time: earlier runs rolled back
    if (runs < 3) throw db::RetryableError("simulated serialisation failure");
  });
  BOOST_TEST(runs == 3);
  BOOST_TEST(count("attempt") == 1);
  BOOST_TEST(database->pool_stats().retries == 2);

  auto twice = open([](db::DatabaseSettings& s) { s.max_attempts = 2; });
  runs = 0;
  try {
    twice->write([&](db::Transaction&) {
      ++runs;
      throw db::RetryableError("simulated deadlock");
    });
    BOOST_FAIL("expected BusyError");
  } catch (const db::BusyError& e) {
    BOOST_TEST(e.attempts() == 2);
    BOOST_TEST(contains(e.what(), "simulated deadlock"), e.what());
  }
  BOOST_TEST(runs == 2);
}

BOOST_FIXTURE_TEST_CASE(a_writer_that_cannot_get_its_lock_in_time_answers_busy_after_its_attempts, Fixture) {
  script("CREATE TABLE balance (id BIGINT PRIMARY KEY, qty BIGINT NOT NULL); INSERT INTO balance VALUES (1, 0);");
  auto impatient = open([](db::DatabaseSettings& s) {
    s.busy_timeout = std::chrono::milliseconds(100);
    s.max_attempts = 2;
  });
  std::promise<void> locked, release;
  auto release_future = release.get_future().share();
  std::thread holder([&] {
    database->write([&](db::Transaction& tx) {
      tx.execute("UPDATE balance SET qty = qty + 1 WHERE id = ?", {1});
      locked.set_value();
      release_future.wait();
    });
  });
  locked.get_future().wait();
  int runs = 0;
  try {
    impatient->write([&](db::Transaction& tx) {
      ++runs;
      // SQLite waits busy_timeout for the write lock (BEGIN IMMEDIATE); PostgreSQL
      // waits lock_timeout for the row, and reports 55P03.
      if (tx.dialect() == db::Dialect::postgresql) tx.execute("SET LOCAL lock_timeout = '100ms'");
      tx.execute("UPDATE balance SET qty = qty + 10 WHERE id = ?", {1});
    });
    BOOST_FAIL("expected BusyError");
  } catch (const db::BusyError& e) {
    BOOST_TEST_MESSAGE(e.what());
    BOOST_TEST(e.attempts() == 2);
  }
  release.set_value();
  holder.join();
  BOOST_TEST(runs == (sqlite() ? 0 : 2));  // on SQLite the lock is taken before the work runs
  BOOST_TEST(impatient->pool_stats().retries == 1);
  // Once the lock is free the same writer succeeds.
  impatient->write([](db::Transaction& tx) { tx.execute("UPDATE balance SET qty = qty + 10 WHERE id = ?", {1}); });
  BOOST_TEST(database->read_value([](db::Transaction& tx) { return tx.query_int("SELECT qty FROM balance"); }) == 11);
}

BOOST_FIXTURE_TEST_CASE(execute_script_runs_every_statement_of_a_multi_statement_script, Fixture) {
  database->write([](db::Transaction& tx) {
    tx.execute_script(
        "CREATE TABLE a (id BIGINT); -- first\n"
        "CREATE TABLE b (id BIGINT, note TEXT);\n"
        "INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);\n"
        "INSERT INTO b VALUES (3, 'semi; colon');\n");
  });
  BOOST_TEST(count("a") == 2);
  BOOST_TEST(count("b") == 1);
  // A script that fails part way leaves nothing of itself.
  BOOST_CHECK_THROW(database->write([](db::Transaction& tx) {
    tx.execute_script("CREATE TABLE c (id BIGINT); INSERT INTO a VALUES (3); INSERT INTO no_such_table VALUES (1);");
  }),
                    db::DatabaseError);
  BOOST_TEST(count("a") == 2);
  const auto tables = database->read_value([&](db::Transaction& tx) {
    return sqlite() ? tx.query_int("SELECT count(*) FROM sqlite_master WHERE name = 'c'")
                    : tx.query_int("SELECT count(*) FROM information_schema.tables "
                                   "WHERE table_name = 'c' AND table_schema = current_schema()");
  });
  BOOST_TEST(tables == 0);
}

BOOST_FIXTURE_TEST_CASE(cached_statements_see_a_table_changed_by_a_later_migration, Fixture) {
  script("CREATE TABLE product (id BIGINT PRIMARY KEY); INSERT INTO product VALUES (1);");
  auto select_all = [&] {
    return database->read_value([](db::Transaction& tx) { return tx.query("SELECT * FROM product"); });
  };
  BOOST_TEST(select_all().at(0).size() == 1u);
  script("ALTER TABLE product ADD COLUMN name TEXT; UPDATE product SET name = 'bolt';");
  auto rows = select_all();
  BOOST_TEST_REQUIRE(rows.at(0).size() == 2u);
  BOOST_TEST(rows[0].get_text(1) == "bolt");
}

BOOST_FIXTURE_TEST_CASE(pool_stats_count_sessions_in_use_units_of_work_and_the_pool_size, Fixture) {
  auto pooled = open([](db::DatabaseSettings& s) { s.pool_size = 3; });
  BOOST_TEST(pooled->pool_stats().size == 3);
  BOOST_TEST(pooled->pool_stats().in_use == 0);
  const auto before = pooled->pool_stats().units_of_work;
  pooled->write([&](db::Transaction&) {
    BOOST_TEST(pooled->pool_stats().in_use == 1);
    // A second unit of work on another thread takes a second session.
    std::thread([&] { pooled->read([&](db::Transaction&) { BOOST_TEST(pooled->pool_stats().in_use == 2); }); }).join();
  });
  BOOST_TEST(pooled->pool_stats().in_use == 0);
  BOOST_TEST(pooled->pool_stats().units_of_work == before + 2);
}

BOOST_FIXTURE_TEST_CASE(a_read_unit_of_work_cannot_write, Fixture) {
  script("CREATE TABLE note (id BIGINT)");
  database->read([](db::Transaction& tx) { BOOST_TEST(!tx.writable()); });
  database->write([](db::Transaction& tx) { BOOST_TEST(tx.writable()); });
  auto what = error_text([&] {
    database->read([](db::Transaction& tx) { tx.execute("INSERT INTO note (id) VALUES (?)", {1}); });
  });
  BOOST_TEST(contains(what, "use Database::write"), what);
  BOOST_TEST(count("note") == 0);
  // The session is writable again for the next write.
  database->write([](db::Transaction& tx) { tx.execute("INSERT INTO note (id) VALUES (?)", {1}); });
  BOOST_TEST(count("note") == 1);
}

BOOST_FIXTURE_TEST_CASE(a_unit_of_work_started_inside_another_joins_it, Fixture) {
  script("CREATE TABLE line (id BIGINT PRIMARY KEY)");
  int hooks = 0;
  BOOST_CHECK_THROW(database->write([&](db::Transaction& outer) {
    outer.execute("INSERT INTO line (id) VALUES (?)", {1});
    database->write([&](db::Transaction& inner) {
      BOOST_TEST(&inner == &outer);
      inner.execute("INSERT INTO line (id) VALUES (?)", {2});
      inner.after_commit([&] { ++hooks; });
    });
    BOOST_TEST(database->read_value([](db::Transaction& tx) { return tx.query_int("SELECT count(*) FROM line"); }) == 2);
    throw std::runtime_error("the outer unit of work fails");
  }),
                    std::runtime_error);
  BOOST_TEST(count("line") == 0);
  BOOST_TEST(hooks == 0);
  auto what = error_text([&] { database->read([&](db::Transaction&) { database->write([](db::Transaction&) {}); }); });
  BOOST_TEST(contains(what, "inside a read unit of work"), what);
}

BOOST_FIXTURE_TEST_CASE(the_upsert_and_for_update_helpers_work_on_this_dialect, Fixture) {
  script("CREATE TABLE kv (k TEXT PRIMARY KEY, v BIGINT NOT NULL)");
  const auto sql = db::Transaction::upsert("kv", {"k", "v"}, {"k"}, {"v"});
  database->write([&](db::Transaction& tx) {
    tx.execute(sql, {"a", 1});
    tx.execute(sql, {"a", 2});
    tx.execute(db::Transaction::upsert("kv", {"k", "v"}, {"k"}, {}), {"a", 3});
    std::string select = "SELECT v FROM kv WHERE k = ?";
    select += tx.for_update();
    BOOST_TEST(tx.query_int(select, {"a"}) == 2);
  });
  BOOST_TEST(count("kv") == 1);
}

BOOST_AUTO_TEST_CASE(an_unknown_url_scheme_is_refused_naming_the_scheme_and_hiding_the_password) {
  auto driver = soci_adapter::make_driver();
  BOOST_TEST((driver->schemes() == std::vector<std::string>{"sqlite3", "postgresql"}));
  db::DatabaseSettings s;
  s.url = "mysql://app:secret@db.example/erp";
  auto what = error_text([&] { driver->open(s); });
  BOOST_TEST(contains(what, "scheme 'mysql'"), what);
  BOOST_TEST(contains(what, "sqlite3 and postgresql"), what);
  BOOST_TEST(!contains(what, "secret"), what);
  BOOST_CHECK_THROW(driver->open(s), db::DatabaseError);

  s.url = "var/downstream.db";
  BOOST_TEST(contains(error_text([&] { driver->open(s); }), "has no scheme"));
  s.url = "sqlite3:";
  BOOST_TEST(contains(error_text([&] { driver->open(s); }), "names no file"));
}

BOOST_AUTO_TEST_CASE(a_database_that_cannot_be_opened_is_named_without_its_password) {
  auto driver = soci_adapter::make_driver();
  db::DatabaseSettings s;
  s.url = "postgresql://host=127.0.0.1 port=1 dbname=nowhere user=nobody password=hunter2 connect_timeout=2";
  auto what = error_text([&] { driver->open(s); });
  BOOST_TEST(contains(what, "cannot open database 'postgresql://host=127.0.0.1 port=1"), what);
  BOOST_TEST(!contains(what, "hunter2"), what);
  s.url = "sqlite3:/proc/no/such/dir/x.db";
  what = error_text([&] { driver->open(s); });
  BOOST_TEST(contains(what, "cannot open database 'sqlite3:/proc/no/such/dir/x.db'"), what);
}

BOOST_AUTO_TEST_CASE(passwords_are_removed_from_urls_in_every_form) {
  using soci_adapter::redact_password;
  BOOST_TEST(redact_password("postgresql://host=h password=secret user=u") == "postgresql://host=h user=u");
  BOOST_TEST(redact_password("postgresql://password='a b' host=h") == "postgresql://host=h");
  BOOST_TEST(redact_password("postgresql://u:secret@h:5432/db?sslmode=require&password=x") ==
             "postgresql://u@h:5432/db?sslmode=require");
  BOOST_TEST(redact_password("sqlite3:/var/lib/x.db") == "sqlite3:/var/lib/x.db");
}

BOOST_AUTO_TEST_CASE(urls_name_the_backend_and_what_to_hand_it) {
  using soci_adapter::parse_database_url;
  auto a = parse_database_url("sqlite3:/tmp/x.db");
  BOOST_TEST((a.dialect == db::Dialect::sqlite && a.target == "/tmp/x.db"));
  BOOST_TEST(parse_database_url("sqlite3:///tmp/x.db").target == "/tmp/x.db");
  BOOST_TEST(parse_database_url("sqlite3:var/d.db").target == "var/d.db");
  auto b = parse_database_url("postgresql://host=h dbname=d options='-c search_path=s'");
  BOOST_TEST((b.dialect == db::Dialect::postgresql && b.target == "host=h dbname=d options='-c search_path=s'"));
  BOOST_TEST(parse_database_url("postgresql://u@h:5432/d").target == "user=u host=h port=5432 dbname=d");
  BOOST_TEST(parse_database_url("postgresql://u:p%40ss@[::1]:6432/my%20db?sslmode=require").target ==
             "user=u password=p@ss host=::1 port=6432 dbname='my db' sslmode=require");
  BOOST_TEST(parse_database_url("postgres://h/d").target == "host=h dbname=d");
}

// The URI form the README shows (postgresql://user@host:port/db) reaches a real server.
BOOST_AUTO_TEST_CASE(a_database_named_by_a_uri_opens_like_one_named_by_keywords) {
  std::string url;
  if (downstream::testing::test_backend() == downstream::testing::Backend::sqlite) {
    downstream::testing::TempDir dir;
    url = "sqlite3://" + (dir.path() / "uri.db").string();
    db::DatabaseSettings s;
    s.url = url;
    auto database = soci_adapter::make_driver()->open(s);
    BOOST_TEST(database->read_value([](db::Transaction& tx) { return tx.query_int("SELECT 1"); }) == 1);
    return;
  }
  // DOWNSTREAM_TEST_PG is "host=H port=P dbname=D user=U": say the same as a URI.
  std::map<std::string, std::string> kv;
  std::istringstream in(std::getenv("DOWNSTREAM_TEST_PG"));
  std::string pair;
  while (in >> pair)
    if (auto eq = pair.find('='); eq != std::string::npos) kv[pair.substr(0, eq)] = pair.substr(eq + 1);
  url = "postgresql://" + kv["user"] + "@" + kv["host"] + ":" + kv["port"] + "/" + kv["dbname"];
  std::string query;
  for (const auto& [k, v] : kv)
    if (k != "user" && k != "host" && k != "port" && k != "dbname") query += (query.empty() ? "?" : "&") + k + "=" + v;
  url += query;  // gssencmode=disable and the like, as the test server asks
  db::DatabaseSettings s;
  s.url = url;
  auto database = soci_adapter::make_driver()->open(s);
  BOOST_TEST(database->read_value([](db::Transaction& tx) { return tx.query_int("SELECT 1"); }) == 1);
  BOOST_TEST(database->describe().find(kv["dbname"]) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(placeholders_become_numbered_binds_outside_quotes_and_comments) {
  std::size_t n = 0;
  BOOST_TEST(soci_adapter::translate_placeholders("SELECT ? , '?', \"?\" FROM t WHERE a = ?::text", n) ==
             "SELECT :p1 , '?', \"?\" FROM t WHERE a = :p2::text");
  BOOST_TEST(n == 2u);
  BOOST_CHECK_THROW(soci_adapter::translate_placeholders("SELECT :name", n), db::DatabaseError);
}

BOOST_FIXTURE_TEST_CASE(describe_names_the_backend_and_its_durability_settings, Fixture) {
  const auto d = database->describe();
  BOOST_TEST_MESSAGE(d);
  if (sqlite()) {
    BOOST_TEST(contains(d, "sqlite3:"), d);
    BOOST_TEST(contains(d, "journal_mode=wal"), d);
    BOOST_TEST(contains(d, "synchronous=NORMAL"), d);
  } else {
    BOOST_TEST(contains(d, "postgresql://"), d);
    BOOST_TEST(contains(d, "synchronous_commit="), d);
    BOOST_TEST(contains(d, "isolation=read committed"), d);
  }
  BOOST_TEST(contains(d, "pool 4"), d);
}

BOOST_AUTO_TEST_CASE(an_in_memory_sqlite_database_works_with_a_single_session) {
  auto driver = soci_adapter::make_driver();
  db::DatabaseSettings s;
  s.url = "sqlite3::memory:";
  auto database = driver->open(s);
  database->write([](db::Transaction& tx) {
    tx.execute_script("CREATE TABLE m (id BIGINT)");
    tx.execute("INSERT INTO m VALUES (?)", {1});
  });
  BOOST_TEST(database->read_value([](db::Transaction& tx) { return tx.query_int("SELECT count(*) FROM m"); }) == 1);
  BOOST_TEST(database->pool_stats().size == 1);
}

// SQLite's WAL is checkpointed by the adapter's own thread, not inside a commit;
// writers faster than that thread checkpoint in their commits past a bound. A
// long run of commits leaves a WAL reused from its start, far smaller than one
// that was never checkpointed.
BOOST_FIXTURE_TEST_CASE(a_long_run_of_commits_keeps_the_sqlite_wal_checkpointed, Fixture) {
  if (!sqlite()) return;  // PostgreSQL checkpoints on its own
  script("CREATE TABLE wal_t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  const std::string body(3000, 'x');  // about one page a row
  const int commits = 8000;
  for (int i = 0; i < commits; ++i)
    database->write([&](db::Transaction& tx) { tx.execute("INSERT INTO wal_t (body) VALUES (?)", {body}); });
  auto file = test_db.url().substr(std::string("sqlite3:").size());
  auto wal_bytes = std::filesystem::file_size(file + "-wal");
  // Every commit appended at least one 4 kB page (about three here); never
  // checkpointed, the WAL would hold them all.
  BOOST_TEST(wal_bytes < static_cast<std::uintmax_t>(commits) * 4096, "WAL is " << wal_bytes << " bytes");
  BOOST_TEST(count("wal_t") == commits);
}
