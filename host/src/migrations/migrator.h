#pragma once
// Applies numbered SQL migrations per owner (the host, then each plugin in
// dependency order), each file in its own transaction, recorded in
// downstream_migrations with a SHA-256 checksum.
//
// File names: NNNN_description.sql, or NNNN_description.<dialect>.sql
// (sqlite|postgresql) where one dialect needs its own text; the dialect file wins
// for that number. An applied file whose checksum changed, or a database holding
// a migration number newer than the owner knows, stops the start with a message
// naming the file and what to do.
#include <downstream/plugin.h>
#include <downstream/ports/database.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace downstream::host {

struct MigrationFile {
  std::string file_name;  // "0001_create_moves.sql"
  std::string sql;
};

struct PlannedMigration {
  std::string owner;
  int number = 0;
  std::string file_name;
  std::string checksum;
};

class MigrationError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// One migration file chosen for a database's dialect.
struct SelectedMigration {
  int number = 0;
  std::string file_name;
  std::string sql;
};

// Reads the owner's file names and picks, for each number, the file for `dialect`
// (NNNN_x.<dialect>.sql) or else the plain one (NNNN_x.sql), in number order.
// Numbers may have gaps. Throws MigrationError on a malformed name, or on two
// plain files, or two files of one dialect, with the same number.
std::vector<SelectedMigration> select_migrations(const std::string& owner, const std::vector<MigrationFile>& files,
                                                 db::Dialect dialect);

class Migrator {
public:
  explicit Migrator(db::Database& database);
  // Creates downstream_migrations if missing.
  void prepare();
  // What apply() would run for this owner, in order; throws MigrationError on a
  // changed checksum, a newer database, or malformed/duplicate numbers.
  std::vector<PlannedMigration> plan(const std::string& owner, const std::vector<MigrationFile>& files);
  // Applies what plan() lists; returns what ran.
  std::vector<PlannedMigration> apply(const std::string& owner, const std::vector<MigrationFile>& files);

private:
  db::Database& db_;
};

// The migrations compiled into a plugin's descriptor (or the host).
std::vector<MigrationFile> migrations_of(const downstream_migration* list, std::uint32_t count);

}  // namespace downstream::host
