#pragma once
// The soci adapter's driver: the database port (downstream/ports/database.h) on
// SOCI 4.0 with SQLite and PostgreSQL. The plugin entry provides it to the host;
// host tests link downstream_soci_impl and call make_driver() directly.
//
// URLs:
//   sqlite3:/abs/path/file.db  sqlite3:relative/file.db  sqlite3:///abs/path.db  sqlite3::memory:
//   postgresql://host=db port=5432 dbname=erp user=app options='-c search_path=s'   (libpq keywords)
//   postgresql://app:secret@db:5432/erp?sslmode=require                              (libpq URI)
//
// SQLite sessions run with WAL, foreign_keys=ON, busy_timeout from the settings and
// synchronous NORMAL (or FULL); write units of work start with BEGIN IMMEDIATE.
// PostgreSQL write units of work run at READ COMMITTED; read units of work at
// REPEATABLE READ READ ONLY, so each sees one snapshot.
#include <memory>
#include <string>
#include <string_view>

#include <downstream/ports/database.h>

namespace downstream::soci_adapter {

// A driver serving the schemes "sqlite3" and "postgresql".
std::unique_ptr<db::Driver> make_driver();

// A parsed database URL (exposed for tests and messages).
struct DatabaseUrl {
  db::Dialect dialect = db::Dialect::sqlite;
  std::string target;    // SQLite: the file path (or ":memory:"); PostgreSQL: libpq conninfo or URI
  std::string redacted;  // the URL without any password, for logs and messages
};

// Throws db::DatabaseError naming the scheme (and the URL without password) when
// the URL is not one this adapter serves.
DatabaseUrl parse_database_url(const std::string& url);

// The URL or conninfo with passwords removed: "password=..." keywords, "user:pw@" in URIs
// and "password=" query parameters.
std::string redact_password(std::string_view url);

// Rewrites the port's positional `?` placeholders into SOCI named binds `:p1`, `:p2`...,
// leaving `?` in quotes alone and dropping comments; `count` receives the number found.
// Throws db::DatabaseError on a bare `:name` (named parameters are not part of the port).
// How `?` is written for the backend: SOCI's named binds (:p1) or libpq's ($1).
enum class PlaceholderStyle { soci, dollar };
std::string translate_placeholders(std::string_view sql, std::size_t& count,
                                   PlaceholderStyle style = PlaceholderStyle::soci);

}  // namespace downstream::soci_adapter
