// Applies an owner's pending migrations, one unit of work per file, and records
// each with its checksum so a later edit of an applied file is caught.
#include <downstream/clock.h>

#include <chrono>
#include <map>

#include "crypto/signature.h"
#include "migrations/migrator.h"

namespace downstream::host {

namespace {

struct Recorded {
  int number = 0;
  std::string file_name;
  std::string checksum;
};

std::string short_sum(const std::string& checksum) { return checksum.substr(0, 12) + "…"; }

bool table_exists(db::Transaction& tx) {
  if (tx.dialect() == db::Dialect::sqlite)
    return tx.query_int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'downstream_migrations'") > 0;
  return tx.query_int("SELECT count(*) FROM information_schema.tables "
                      "WHERE table_name = 'downstream_migrations' AND table_schema = current_schema()") > 0;
}

std::map<int, Recorded> recorded_of(db::Transaction& tx, const std::string& owner) {
  std::map<int, Recorded> out;
  // plan() is a dry run: before prepare() has ever run, nothing is recorded.
  if (!table_exists(tx)) return out;
  for (const auto& row : tx.query("SELECT number, file_name, checksum FROM downstream_migrations WHERE owner = ?",
                                  {owner})) {
    auto number = static_cast<int>(row.get_int(0));
    out[number] = {number, row.get_text(1), row.get_text(2)};
  }
  return out;
}

std::string now_text() {
  return format_timestamp(std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
}

}  // namespace

Migrator::Migrator(db::Database& database) : db_(database) {}

void Migrator::prepare() {
  db_.write([](db::Transaction& tx) {
    tx.execute_script(
        "CREATE TABLE IF NOT EXISTS downstream_migrations ("
        " owner TEXT NOT NULL,"
        " number BIGINT NOT NULL,"
        " file_name TEXT NOT NULL,"
        " checksum TEXT NOT NULL,"
        " applied_at TEXT NOT NULL,"
        " PRIMARY KEY (owner, number))");
  });
}

std::vector<PlannedMigration> Migrator::plan(const std::string& owner, const std::vector<MigrationFile>& files) {
  const auto selected = select_migrations(owner, files, db_.dialect());
  const auto recorded = db_.read_value([&](db::Transaction& tx) { return recorded_of(tx, owner); });

  std::map<int, const SelectedMigration*> known;
  for (const auto& m : selected) known[m.number] = &m;
  const int latest_known = selected.empty() ? 0 : selected.back().number;

  int latest_applied = 0;
  std::string latest_applied_file;
  for (const auto& [number, rec] : recorded) {
    auto it = known.find(number);
    if (it == known.end()) {
      if (number > latest_known)
        throw MigrationError("the database has " + owner + " migration " + std::to_string(number) + " (" +
                             rec.file_name + ") but this build only knows up to " + std::to_string(latest_known) +
                             ": this database was migrated by a newer version; run that version, or restore a backup");
      throw MigrationError("the database has " + owner + " migration " + std::to_string(number) + " (" + rec.file_name +
                           ") but this build has no file with that number: restore the file; applied migrations "
                           "are never removed, a change goes in a new numbered migration");
    }
    const auto sum = crypto::sha256_hex(it->second->sql);
    if (sum != rec.checksum) {
      std::string renamed = rec.file_name == it->second->file_name ? "" : ", applied as " + rec.file_name;
      throw MigrationError("migration " + owner + "/" + it->second->file_name +
                           " was changed after it was applied (recorded checksum " + short_sum(rec.checksum) +
                           ", file now " + short_sum(sum) + renamed +
                           "): restore the original file and put the change in a new numbered migration");
    }
    latest_applied = number;
    latest_applied_file = rec.file_name;
  }

  std::vector<PlannedMigration> pending;
  for (const auto& m : selected) {
    if (recorded.count(m.number)) continue;
    // Running an old number after newer ones would apply changes out of the order they were written in.
    if (m.number < latest_applied)
      throw MigrationError("migration " + owner + "/" + m.file_name + " is numbered below " + owner +
                           "'s latest applied migration " + latest_applied_file +
                           ": give it the next free number after " + std::to_string(latest_applied));
    pending.push_back({owner, m.number, m.file_name, crypto::sha256_hex(m.sql)});
  }
  return pending;
}

std::vector<PlannedMigration> Migrator::apply(const std::string& owner, const std::vector<MigrationFile>& files) {
  const auto pending = plan(owner, files);
  std::map<int, std::string> sql_of;
  for (const auto& m : select_migrations(owner, files, db_.dialect())) sql_of[m.number] = m.sql;

  std::vector<PlannedMigration> ran;
  for (const auto& m : pending) {
    bool applied_here = false;
    try {
      db_.write([&](db::Transaction& tx) {
        applied_here = false;
        // Several hosts may start on one PostgreSQL at once: the first takes the
        // lock and migrates, the others wait and then find the record. (SQLite's
        // write unit of work already holds the database's write lock.)
        if (tx.dialect() == db::Dialect::postgresql)
          tx.execute("LOCK TABLE downstream_migrations IN SHARE ROW EXCLUSIVE MODE");
        auto done = tx.query_one("SELECT checksum FROM downstream_migrations WHERE owner = ? AND number = ?",
                                 {owner, static_cast<std::int64_t>(m.number)});
        if (done) {
          if (done->get_text(0) != m.checksum)
            throw MigrationError("migration " + owner + "/" + m.file_name +
                                 " was applied meanwhile by another host with different text (recorded checksum " +
                                 short_sum(done->get_text(0)) + ", file now " + short_sum(m.checksum) +
                                 "): run one version of Downstream against this database");
          return;
        }
        tx.execute_script(sql_of.at(m.number));
        tx.execute("INSERT INTO downstream_migrations (owner, number, file_name, checksum, applied_at) "
                   "VALUES (?, ?, ?, ?, ?)",
                   {owner, static_cast<std::int64_t>(m.number), m.file_name, m.checksum, now_text()});
        applied_here = true;
      });
    } catch (const db::BusyError&) {
      throw;
    } catch (const db::DatabaseError& e) {
      throw MigrationError("migration " + owner + "/" + m.file_name + " failed, and nothing of it was applied: " +
                           e.what() + ": fix the file (it was never recorded, so it may still change) and start again");
    }
    if (applied_here) ran.push_back(m);
  }
  return ran;
}

}  // namespace downstream::host
