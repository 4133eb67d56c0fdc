// Numbered SQL migrations on a real database, on SQLite and on PostgreSQL
// (DOWNSTREAM_TEST_BACKEND chooses; ctest runs both).
#define BOOST_TEST_MODULE migrator
#include <boost/test/unit_test.hpp>

#include <downstream/clock.h>
#include <downstream/testing/test_database.h>

#include "crypto/signature.h"
#include "migrations/migrator.h"
#include "soci_driver.h"

// The host's own migrations, embedded by the build (cmake/EmbedMigrations.cmake).
extern const downstream_migration downstream_embedded_migrations[];
extern const std::uint32_t downstream_embedded_migration_count;

using namespace downstream;
using namespace downstream::host;
using downstream::testing::TestDatabase;

namespace {

// A fresh database of this run's backend, opened through the soci adapter.
struct Fixture {
  TestDatabase test_db;
  std::unique_ptr<db::Driver> driver = soci_adapter::make_driver();
  std::unique_ptr<db::Database> database;
  Fixture() {
    db::DatabaseSettings settings;
    settings.url = test_db.url();
    database = driver->open(settings);
  }

  bool table_exists(const std::string& name) {
    return database->read_value([&](db::Transaction& tx) {
      if (tx.dialect() == db::Dialect::sqlite)
        return tx.query_int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", {name}) > 0;
      return tx.query_int("SELECT count(*) FROM information_schema.tables "
                          "WHERE table_name = ? AND table_schema = current_schema()",
                          {name}) > 0;
    });
  }

  // "owner number file_name" of every record, in order.
  std::vector<std::string> records() {
    return database->read_value([&](db::Transaction& tx) {
      std::vector<std::string> out;
      for (const auto& row :
           tx.query("SELECT owner, number, file_name FROM downstream_migrations ORDER BY owner, number"))
        out.push_back(row.get_text(0) + " " + std::to_string(row.get_int(1)) + " " + row.get_text(2));
      return out;
    });
  }

  std::string dialect() const { return database->dialect() == db::Dialect::sqlite ? "sqlite" : "postgresql"; }
};

const std::vector<MigrationFile> kTwo = {
    {"0001_create_widgets.sql", "CREATE TABLE widgets (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"},
    {"0002_seed_widgets.sql",
     "CREATE TABLE widget_tags (widget BIGINT NOT NULL, tag TEXT NOT NULL);\n"
     "INSERT INTO widgets (id, name) VALUES (1, 'first');\n"
     "INSERT INTO widget_tags (widget, tag) VALUES (1, 'new');\n"},
};

std::vector<std::string> names(const std::vector<PlannedMigration>& planned) {
  std::vector<std::string> out;
  for (const auto& m : planned) out.push_back(m.owner + "/" + m.file_name);
  return out;
}

// Runs `f`, expecting a MigrationError whose message holds every fragment.
template <class F>
void expect_migration_error(F&& f, const std::vector<std::string>& fragments) {
  try {
    f();
    BOOST_FAIL("expected a MigrationError");
  } catch (const MigrationError& e) {
    const std::string what = e.what();
    BOOST_TEST_INFO(what);
    for (const auto& fragment : fragments) BOOST_TEST(what.find(fragment) != std::string::npos, fragment);
  }
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(pending_migrations_are_applied_in_order_and_recorded_with_their_checksums, Fixture) {
  Migrator migrator(*database);
  migrator.prepare();
  // Given out of order: they still run by number.
  auto ran = migrator.apply("widgets", {kTwo[1], kTwo[0]});
  BOOST_TEST(names(ran) == (std::vector<std::string>{"widgets/0001_create_widgets.sql", "widgets/0002_seed_widgets.sql"}),
             boost::test_tools::per_element());
  BOOST_TEST(ran[0].number == 1);
  BOOST_TEST(ran[1].checksum == crypto::sha256_hex(kTwo[1].sql));
  BOOST_TEST(records() == (std::vector<std::string>{"widgets 1 0001_create_widgets.sql", "widgets 2 0002_seed_widgets.sql"}),
             boost::test_tools::per_element());
  database->read([&](db::Transaction& tx) {
    BOOST_TEST(tx.query_int("SELECT count(*) FROM widget_tags") == 1);
    auto row = tx.query_one("SELECT checksum, applied_at FROM downstream_migrations WHERE owner = ? AND number = ?",
                            {"widgets", 1});
    BOOST_TEST_REQUIRE(row.has_value());
    BOOST_TEST(row->get_text(0) == crypto::sha256_hex(kTwo[0].sql));
    BOOST_CHECK_NO_THROW(parse_timestamp(row->get_text(1)));
  });
}

BOOST_FIXTURE_TEST_CASE(running_again_applies_nothing_and_prepare_may_run_twice, Fixture) {
  Migrator migrator(*database);
  migrator.prepare();
  migrator.apply("widgets", kTwo);
  migrator.prepare();
  BOOST_TEST(migrator.plan("widgets", kTwo).empty());
  BOOST_TEST(migrator.apply("widgets", kTwo).empty());
  BOOST_TEST(records().size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(a_new_file_after_applied_ones_is_the_only_one_that_runs, Fixture) {
  Migrator migrator(*database);
  migrator.prepare();
  migrator.apply("widgets", {kTwo[0]});
  auto ran = migrator.apply("widgets", kTwo);
  BOOST_TEST(names(ran) == (std::vector<std::string>{"widgets/0002_seed_widgets.sql"}), boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(each_owner_has_its_own_numbers, Fixture) {
  Migrator migrator(*database);
  migrator.prepare();
  migrator.apply("widgets", {kTwo[0]});
  auto ran = migrator.apply("gadgets", {{"0001_create_gadgets.sql", "CREATE TABLE gadgets (id BIGINT);"}});
  BOOST_TEST(ran.size() == 1u);
  BOOST_TEST(records() == (std::vector<std::string>{"gadgets 1 0001_create_gadgets.sql", "widgets 1 0001_create_widgets.sql"}),
             boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_file_changed_after_it_was_applied_is_refused_naming_the_file, Fixture) {
  Migrator migrator(*database);
  migrator.prepare();
  migrator.apply("widgets", kTwo);
  auto changed = kTwo;
  changed[0].sql += "\n-- an innocent comment\n";
  const auto recorded = crypto::sha256_hex(kTwo[0].sql).substr(0, 12);
  const auto now = crypto::sha256_hex(changed[0].sql).substr(0, 12);
  expect_migration_error([&] { migrator.plan("widgets", changed); },
                         {"migration widgets/0001_create_widgets.sql was changed after it was applied",
                          "recorded checksum " + recorded, "file now " + now,
                          "restore the original file and put the change in a new numbered migration"});
  expect_migration_error([&] { migrator.apply("widgets", changed); }, {"0001_create_widgets.sql"});
}

BOOST_FIXTURE_TEST_CASE(a_database_migrated_by_a_newer_version_is_refused, Fixture) {
  Migrator migrator(*database);
  migrator.prepare();
  migrator.apply("widgets", kTwo);
  expect_migration_error([&] { migrator.apply("widgets", {kTwo[0]}); },
                         {"the database has widgets migration 2 (0002_seed_widgets.sql) but this build only knows up to 1",
                          "migrated by a newer version; run that version, or restore a backup"});
}

BOOST_FIXTURE_TEST_CASE(a_removed_file_below_the_latest_is_refused, Fixture) {
  Migrator migrator(*database);
  migrator.prepare();
  migrator.apply("widgets", kTwo);
  expect_migration_error([&] { migrator.plan("widgets", {kTwo[1]}); },
                         {"widgets migration 1 (0001_create_widgets.sql)", "restore the file"});
}

BOOST_FIXTURE_TEST_CASE(a_file_numbered_below_the_latest_applied_one_is_refused, Fixture) {
  Migrator migrator(*database);
  migrator.prepare();
  migrator.apply("widgets", {{"0001_a.sql", "CREATE TABLE a (id BIGINT);"}, {"0003_c.sql", "CREATE TABLE c (id BIGINT);"}});
  expect_migration_error(
      [&] {
        migrator.plan("widgets", {{"0001_a.sql", "CREATE TABLE a (id BIGINT);"},
                                  {"0002_b.sql", "CREATE TABLE b (id BIGINT);"},
                                  {"0003_c.sql", "CREATE TABLE c (id BIGINT);"}});
      },
      {"widgets/0002_b.sql is numbered below", "0003_c.sql", "next free number after 3"});
}

BOOST_FIXTURE_TEST_CASE(a_failing_migration_leaves_neither_its_changes_nor_its_record, Fixture) {
  Migrator migrator(*database);
  migrator.prepare();
  std::vector<MigrationFile> files = {
      kTwo[0],
      {"0002_half_done.sql",
       "CREATE TABLE half_done (id BIGINT);\n"
       "INSERT INTO widgets (id, name) VALUES (7, 'seven');\n"
       "INSERT INTO no_such_table (id) VALUES (1);\n"},
  };
  expect_migration_error([&] { migrator.apply("widgets", files); },
                         {"migration widgets/0002_half_done.sql failed, and nothing of it was applied"});
  // The first file ran in its own unit of work and stays.
  BOOST_TEST(records() == (std::vector<std::string>{"widgets 1 0001_create_widgets.sql"}), boost::test_tools::per_element());
  BOOST_TEST(table_exists("widgets"));
  BOOST_TEST(!table_exists("half_done"));
  BOOST_TEST(database->read_value([](db::Transaction& tx) { return tx.query_int("SELECT count(*) FROM widgets"); }) == 0);

  // Never recorded, so it may be fixed and run.
  files[1].sql = "CREATE TABLE half_done (id BIGINT);\nINSERT INTO widgets (id, name) VALUES (7, 'seven');\n";
  BOOST_TEST(migrator.apply("widgets", files).size() == 1u);
  BOOST_TEST(table_exists("half_done"));
}

BOOST_FIXTURE_TEST_CASE(a_dialect_specific_file_wins_over_the_plain_one, Fixture) {
  Migrator migrator(*database);
  migrator.prepare();
  std::vector<MigrationFile> files = {
      {"0001_pick.sql", "CREATE TABLE picked (source TEXT); INSERT INTO picked VALUES ('plain');"},
      {"0001_pick.sqlite.sql", "CREATE TABLE picked (source TEXT); INSERT INTO picked VALUES ('sqlite');"},
      {"0001_pick.postgresql.sql", "CREATE TABLE picked (source TEXT); INSERT INTO picked VALUES ('postgresql');"},
      {"0002_plain_only.sql", "CREATE TABLE plain_only (id BIGINT);"},
  };
  auto ran = migrator.apply("picker", files);
  BOOST_TEST(names(ran) == (std::vector<std::string>{"picker/0001_pick." + dialect() + ".sql", "picker/0002_plain_only.sql"}),
             boost::test_tools::per_element());
  auto source = database->read_value([](db::Transaction& tx) { return tx.query_one("SELECT source FROM picked")->get_text(0); });
  BOOST_TEST(source == dialect());
  BOOST_TEST(migrator.plan("picker", files).empty());
}

BOOST_FIXTURE_TEST_CASE(plan_lists_what_would_run_without_running_it, Fixture) {
  Migrator migrator(*database);
  // Before prepare(): a dry run on an empty database creates nothing.
  auto before = migrator.plan("widgets", kTwo);
  BOOST_TEST(names(before) == (std::vector<std::string>{"widgets/0001_create_widgets.sql", "widgets/0002_seed_widgets.sql"}),
             boost::test_tools::per_element());
  BOOST_TEST(!table_exists("downstream_migrations"));

  migrator.prepare();
  auto planned = migrator.plan("widgets", kTwo);
  BOOST_TEST_REQUIRE(planned.size() == 2u);
  BOOST_TEST(planned[1].owner == "widgets");
  BOOST_TEST(planned[1].number == 2);
  BOOST_TEST(planned[1].checksum == crypto::sha256_hex(kTwo[1].sql));
  BOOST_TEST(!table_exists("widgets"));
  BOOST_TEST(records().empty());
}

BOOST_FIXTURE_TEST_CASE(the_hosts_own_migrations_apply_on_this_database, Fixture) {
  Migrator migrator(*database);
  migrator.prepare();
  auto ran = migrator.apply("host", migrations_of(downstream_embedded_migrations, downstream_embedded_migration_count));
  BOOST_TEST(!ran.empty());
  BOOST_TEST(table_exists("downstream_outbox"));
}

BOOST_AUTO_TEST_CASE(a_malformed_file_name_is_refused_naming_the_file_and_the_pattern) {
  for (const char* bad : {"1_short.sql", "0001.sql", "0001_.sql", "0001_Upper.sql", "0001_x.mysql.sql", "0001_x.txt",
                          "x_0001.sql", "0000_zero.sql"}) {
    BOOST_TEST_CONTEXT(bad) {
      expect_migration_error([&] { select_migrations("sales", {{bad, "SELECT 1;"}}, db::Dialect::sqlite); },
                             {std::string("sales/") + bad, "NNNN_description.sql", "rename it"});
    }
  }
}

BOOST_AUTO_TEST_CASE(two_files_with_one_number_for_one_dialect_are_refused) {
  expect_migration_error(
      [] { select_migrations("sales", {{"0001_a.sql", ""}, {"0001_b.sql", ""}}, db::Dialect::sqlite); },
      {"sales/0001_a.sql and sales/0001_b.sql have the same number"});
  // Checked for the other dialect too, so the mistake shows before production.
  expect_migration_error(
      [] {
        select_migrations("sales", {{"0001_a.postgresql.sql", ""}, {"0001_b.postgresql.sql", ""}}, db::Dialect::sqlite);
      },
      {"have the same number for postgresql"});
  auto fine = select_migrations("sales", {{"0001_a.sql", ""}, {"0001_a.postgresql.sql", ""}, {"0003_gap.sql", ""}},
                                db::Dialect::postgresql);
  BOOST_TEST_REQUIRE(fine.size() == 2u);
  BOOST_TEST(fine[0].file_name == "0001_a.postgresql.sql");
  BOOST_TEST(fine[1].number == 3);
}

BOOST_AUTO_TEST_CASE(a_descriptor_list_converts_to_files_and_an_empty_one_to_none) {
  const downstream_migration list[] = {{"0001_a.sql", "SELECT 1;"}, {"0002_b.sql", nullptr}};
  auto files = migrations_of(list, 2);
  BOOST_TEST_REQUIRE(files.size() == 2u);
  BOOST_TEST(files[0].file_name == "0001_a.sql");
  BOOST_TEST(files[0].sql == "SELECT 1;");
  BOOST_TEST(files[1].sql == "");
  const downstream_migration empty[] = {{nullptr, nullptr}};
  BOOST_TEST(migrations_of(empty, 0).empty());
  BOOST_TEST(migrations_of(nullptr, 0).empty());
}
