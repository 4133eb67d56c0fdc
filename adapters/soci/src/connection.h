#pragma once
// One database session of the pool: the SOCI session, its native handle (for
// scripts, transaction verbs and error details) and its prepared-statement cache.
#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <downstream/ports/database.h>

#include "soci_driver.h"

namespace soci {
class session;
class statement;
}  // namespace soci
namespace sqlite_api {
struct sqlite3;  // SOCI includes <sqlite3.h> inside this namespace
}
struct pg_conn;

namespace downstream::soci_adapter {

struct CachedStatement;
class WalCheckpointer;

class Connection {
public:
  // Opens a session; `first` sets the file-wide SQLite settings (WAL).
  Connection(const DatabaseUrl& url, const db::DatabaseSettings& settings, bool first);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  db::Dialect dialect() const { return dialect_; }

  // Runs one statement with `?` parameters through SOCI; appends any rows it
  // returns to `rows` (if given) and returns the number of rows it changed.
  // Errors are thrown translated (RetryableError, ConstraintViolation, DatabaseError).
  std::int64_t run(std::string_view sql, const db::Params& params, db::Rows* rows);
  // Runs queries that do not depend on each other (PostgreSQL: in one round
  // trip with whatever is queued); one Rows per statement, in order.
  std::vector<db::Rows> run_all(const std::vector<db::Statement>& statements);

  // Runs SQL text (several statements allowed) on the native handle.
  void exec_native(std::string_view sql);

  // A statement whose result nobody reads (Transaction::queue). SQLite runs it
  // now; PostgreSQL holds it and sends it with the next statement or the COMMIT,
  // in one round trip (libpq's pipeline mode).
  void enqueue(std::string_view sql, const db::Params& params);
  // Starts a transaction: PostgreSQL sends `begin` with the first statement.
  void begin(std::string_view begin);
  // Commits, with whatever is still queued.
  void commit();
  // Where to count PostgreSQL round trips (the pool's figure).
  void count_round_trips_in(std::atomic<std::int64_t>& counter) { round_trips_ = &counter; }

  // One value of a setting: SQLite "PRAGMA name", PostgreSQL "SHOW name".
  std::string setting(const std::string& name);

  bool in_transaction() const;
  // Rolls back an open transaction; never throws.
  void rollback_quietly() noexcept;

  // Statements whose result shape may have changed (after DDL) are dropped once
  // the transaction has ended.
  void invalidate_statements() { clear_cache_ = true; }
  // Called whenever the session returns to the pool: tidies the cache and
  // reconnects a broken PostgreSQL session. Never throws.
  void after_transaction() noexcept;
  // False when the session is unusable (lost connection that could not be re-made).
  bool healthy() const;

  // SQLite file databases: report every commit to `checkpointer` instead of
  // checkpointing inside the commit (SQLite's own automatic checkpoint is off then).
  void report_commits_to(WalCheckpointer& checkpointer);

private:
  // PostgreSQL: statements go out through libpq's pipeline mode, prepared once
  // per session; SOCI keeps the session itself.
  struct PendingStatement {
    std::string sql;  // $n placeholders, or a plain command when `plain`
    std::vector<std::optional<std::string>> params;
    bool plain = false;
    std::string shown;  // as the module wrote it, for error messages
    db::Rows* rows = nullptr;          // where its rows go, if wanted
    std::int64_t* changed = nullptr;   // where its changed-row count goes, if wanted
  };
  PendingStatement pending_of(std::string_view sql, const db::Params& params);
  // Sends everything queued, then `wanted`, in one round trip; results go where
  // each statement says.
  void pg_round_trip(std::vector<PendingStatement> wanted = {});
  std::vector<PendingStatement> pending_;
  std::unordered_map<std::string, std::string> pg_names_;  // SQL -> prepared statement name
  std::int64_t pg_names_made_ = 0;
  std::atomic<std::int64_t>* round_trips_ = nullptr;

  CachedStatement& statement_for(const std::string& translated, const std::string& signature,
                                 std::size_t param_count);
  void prepare(CachedStatement& cs, const std::string& translated, const std::string& signature);
  [[noreturn]] void throw_translated(std::string_view sql, CachedStatement* cs);
  void configure_sqlite(const db::DatabaseSettings& settings, bool first);

  db::Dialect dialect_;
  std::string redacted_url_;
  std::unique_ptr<soci::session> session_;
  sqlite_api::sqlite3* sqlite_ = nullptr;
  ::pg_conn* pg_ = nullptr;

  // LRU cache of prepared statements, keyed by translated SQL and parameter kinds.
  using Lru = std::list<std::string>;
  Lru lru_;
  std::unordered_map<std::string, std::pair<std::unique_ptr<CachedStatement>, Lru::iterator>> cache_;
  std::vector<std::unique_ptr<CachedStatement>> retired_;  // destroyed outside transactions
  bool clear_cache_ = false;
  static constexpr std::size_t kCacheCapacity = 128;
};

}  // namespace downstream::soci_adapter
