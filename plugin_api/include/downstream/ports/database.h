#pragma once
// The database port: units of work over pooled sessions, with typed parameters
// and typed rows. Modules write portable SQL (SQLite and PostgreSQL) against it;
// where the dialects differ the port says how (for_update(), upsert(), RETURNING
// works on both). The `soci` adapter implements it; another database adapter
// provides its own Driver.
//
// Parameters are positional `?` placeholders:
//   tx.execute("update balance set qty = qty + ? where id = ?", {delta, id});
// Integers are 64-bit; money and quantities travel as their integer minor units.
// There is no floating point here on purpose.
#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <downstream/error.h>
#include <downstream/export.h>

namespace downstream::db {

enum class Dialect { sqlite, postgresql };

// A parameter or column value: NULL, a 64-bit integer, or text.
class DOWNSTREAM_API Value {
public:
  Value() = default;
  Value(std::nullopt_t) {}
  Value(int v) : v_(static_cast<std::int64_t>(v)) {}
  Value(long v) : v_(static_cast<std::int64_t>(v)) {}       // std::int64_t is one of these two
  Value(long long v) : v_(static_cast<std::int64_t>(v)) {}
  Value(bool v) : v_(static_cast<std::int64_t>(v ? 1 : 0)) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(std::string_view v) : v_(std::string(v)) {}
  Value(const char* v) : v_(std::string(v)) {}
  template <class T>
  Value(const std::optional<T>& v) {
    if (v) *this = Value(*v);
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  bool is_int() const { return std::holds_alternative<std::int64_t>(v_); }
  bool is_text() const { return std::holds_alternative<std::string>(v_); }
  // Throw InvalidValue when the value is NULL or not of that type (an integer
  // column read as text is formatted; text read as an integer must parse exactly).
  std::int64_t as_int() const;
  std::string as_text() const;

  bool operator==(const Value&) const = default;

private:
  std::variant<std::monostate, std::int64_t, std::string> v_;
};

using Params = std::vector<Value>;

// One result row; columns by position, in the order of the SELECT list.
class DOWNSTREAM_API Row {
public:
  Row() = default;
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  const Value& at(std::size_t column) const;  // throws InvalidValue past the end
  bool is_null(std::size_t column) const { return at(column).is_null(); }
  std::int64_t get_int(std::size_t column) const { return at(column).as_int(); }
  std::string get_text(std::size_t column) const { return at(column).as_text(); }
  std::optional<std::int64_t> opt_int(std::size_t column) const;
  std::optional<std::string> opt_text(std::size_t column) const;

private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

// Errors from the database, translated by the adapter so modules can act on them.
class DOWNSTREAM_API DatabaseError : public Error {
public:
  using Error::Error;
  ~DatabaseError() override;
};
// Busy (SQLite), serialisation failure or deadlock (PostgreSQL): the whole unit
// of work may succeed if run again. Database::write retries these itself.
class DOWNSTREAM_API RetryableError : public DatabaseError {
public:
  using DatabaseError::DatabaseError;
  ~RetryableError() override;
};
// A unit of work still failed with RetryableError after every attempt: answer 503.
class DOWNSTREAM_API BusyError : public DatabaseError {
public:
  BusyError(const std::string& what, int attempts) : DatabaseError(what), attempts_(attempts) {}
  ~BusyError() override;
  int attempts() const { return attempts_; }

private:
  int attempts_;
};
// A constraint (check, unique, foreign key, not null) refused the write.
// constraint() is its name where the database reports one, else empty.
class DOWNSTREAM_API ConstraintViolation : public DatabaseError {
public:
  ConstraintViolation(const std::string& what, std::string constraint)
      : DatabaseError(what), constraint_(std::move(constraint)) {}
  ~ConstraintViolation() override;
  const std::string& constraint() const { return constraint_; }

private:
  std::string constraint_;
};

// A statement with its parameters, for Transaction::query_all().
struct Statement {
  std::string sql;
  Params params;
};

// A unit of work in progress: everything done through it commits together or not at all.
class DOWNSTREAM_API Transaction {
public:
  virtual ~Transaction();
  virtual Dialect dialect() const = 0;
  // True inside Database::write: the SQLite write lock is held from the start.
  virtual bool writable() const = 0;
  // Runs a statement; returns the number of rows it changed.
  virtual std::int64_t execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs a query and returns every row.
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  // Runs queries that do not depend on each other's results and returns each
  // one's rows, in order: reads a request needs together. An adapter may send
  // them at once: on PostgreSQL they take one round trip (with whatever is
  // queued). The default runs them in turn.
  virtual std::vector<Rows> query_all(const std::vector<Statement>& statements);
  // Runs a statement whose result the caller does not need (no rows, no count),
  // at the latest before the next statement of this unit of work or at its
  // commit. An adapter may send queued statements together: on PostgreSQL they
  // travel with the next statement or the COMMIT, in one round trip. An error
  // surfaces there and fails the unit of work. The default runs it at once.
  virtual void queue(std::string_view sql, const Params& params = {});
  // Runs a statement that needs no parameters and may hold several statements (DDL).
  virtual void execute_script(std::string_view sql) = 0;
  // Runs `hook` after this unit of work commits (never if it rolls back).
  virtual void after_commit(std::function<void()> hook) = 0;

  // At most one row; throws DatabaseError if the query returns more.
  std::optional<Row> query_one(std::string_view sql, const Params& params = {});
  // Exactly one integer; throws DatabaseError if there is no row or it is NULL.
  std::int64_t query_int(std::string_view sql, const Params& params = {});

  // Dialect helpers.
  // " FOR UPDATE" on PostgreSQL (lock the selected rows, wait, never skip); "" on
  // SQLite, where a write unit of work already holds the database's write lock.
  std::string_view for_update() const;
  // "INSERT INTO table (cols) VALUES (?,..) ON CONFLICT (keys) DO UPDATE SET c = excluded.c, ..."
  // (both dialects); with no update columns, "... DO NOTHING".
  static std::string upsert(std::string_view table, const std::vector<std::string>& columns,
                            const std::vector<std::string>& conflict_columns,
                            const std::vector<std::string>& update_columns);
};

// How the host asks a driver for a database.
struct DatabaseSettings {
  std::string url;                 // "sqlite3:var/downstream.db" or "postgresql://user@host:5432/db"
  int pool_size = 4;               // sessions kept open
  std::chrono::milliseconds busy_timeout{5000};  // SQLite busy wait; pool lease wait
  int max_attempts = 5;            // tries of one unit of work on RetryableError
  std::string sqlite_synchronous = "NORMAL";     // NORMAL or FULL
};

// Figures for /metrics and the benchmark report.
struct PoolStats {
  int size = 0;
  int in_use = 0;
  std::int64_t units_of_work = 0;
  std::int64_t retries = 0;
  std::int64_t round_trips = 0;  // client-server round trips so far (0 for an embedded database)
};

// A database: a pool of sessions and units of work on them.
class DOWNSTREAM_API Database {
public:
  virtual ~Database();
  virtual Dialect dialect() const = 0;
  // Runs `work` in a write unit of work and commits it; rolls back if it throws.
  // SQLite takes the write lock up front (BEGIN IMMEDIATE). On RetryableError the
  // whole of `work` runs again, up to max_attempts, then BusyError. `work` must
  // therefore have no effect outside the transaction.
  virtual void write(const std::function<void(Transaction&)>& work) = 0;
  // Runs `work` in a read-only unit of work (one consistent snapshot).
  virtual void read(const std::function<void(Transaction&)>& work) = 0;
  virtual PoolStats pool_stats() const = 0;
  // The URL with any password removed, for logs and messages.
  virtual std::string describe() const = 0;

  // Convenience: write/read returning the value `work` returns.
  template <class F>
  auto write_value(F&& work) -> std::invoke_result_t<F, Transaction&> {
    std::optional<std::invoke_result_t<F, Transaction&>> out;
    write([&](Transaction& tx) { out = work(tx); });
    return std::move(*out);
  }
  template <class F>
  auto read_value(F&& work) -> std::invoke_result_t<F, Transaction&> {
    std::optional<std::invoke_result_t<F, Transaction&>> out;
    read([&](Transaction& tx) { out = work(tx); });
    return std::move(*out);
  }
};

// The database port: an adapter provides a Driver for the URL schemes it serves.
class DOWNSTREAM_API Driver {
public:
  static constexpr std::string_view kServiceName = "downstream.port.database";
  virtual ~Driver();
  virtual std::vector<std::string> schemes() const = 0;  // {"sqlite3", "postgresql"}
  // Opens a pool; throws DatabaseError naming the URL (without password) on failure.
  virtual std::unique_ptr<Database> open(const DatabaseSettings& settings) = 0;
};

}  // namespace downstream::db
