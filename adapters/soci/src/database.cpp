// The database port on SOCI: a pool of sessions, units of work with bounded
// retries, after-commit hooks, and the Driver the plugin provides.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "connection.h"
#include "wal_checkpointer.h"
#include "soci_driver.h"

namespace downstream::soci_adapter {

namespace {

// ---- Pool ---------------------------------------------------------------

class Pool {
public:
  Pool(DatabaseUrl url, const db::DatabaseSettings& settings) : url_(std::move(url)), settings_(settings) {
    // A private in-memory SQLite database exists per connection: share one.
    size_ = url_.dialect == db::Dialect::sqlite && url_.target == ":memory:" ? 1 : settings.pool_size;
    // Open one session now, so a wrong URL fails at start, not at the first request.
    idle_.push_back(std::make_unique<Connection>(url_, settings_, true));
    idle_.back()->count_round_trips_in(round_trips_);
    open_ = 1;
    if (url_.dialect == db::Dialect::sqlite && url_.target != ":memory:" &&
        idle_.back()->setting("journal_mode") == "wal") {
      checkpointer_ = std::make_unique<WalCheckpointer>(url_, settings_);
      idle_.back()->report_commits_to(*checkpointer_);
    }
  }

  class Lease {
  public:
    Lease(Pool& pool, std::unique_ptr<Connection> c) : pool_(&pool), conn_(std::move(c)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_->give_back(std::move(conn_)); }
    Connection& operator*() const { return *conn_; }

  private:
    Pool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  std::unique_ptr<Lease> lease() {
    std::unique_lock lock(m_);
    const bool free = cv_.wait_for(lock, settings_.busy_timeout, [&] { return !idle_.empty() || open_ < size_; });
    if (!free)
      throw db::BusyError("no database session became free within " + std::to_string(settings_.busy_timeout.count()) +
                              " ms: all " + std::to_string(size_) + " sessions of the pool are in use",
                          1);
    ++in_use_;
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return std::make_unique<Lease>(*this, std::move(c));
    }
    ++open_;
    lock.unlock();
    try {
      auto c = std::make_unique<Connection>(url_, settings_, false);
      c->count_round_trips_in(round_trips_);
      if (checkpointer_) c->report_commits_to(*checkpointer_);
      return std::make_unique<Lease>(*this, std::move(c));
    } catch (...) {
      lock.lock();
      --open_;
      --in_use_;
      cv_.notify_one();
      throw;
    }
  }

  int size() const { return size_; }
  std::int64_t round_trips() const { return round_trips_.load(); }
  int in_use() const {
    std::lock_guard lock(m_);
    return in_use_;
  }
  std::string setting(const std::string& name) {
    auto l = lease();
    return (**l).setting(name);
  }

private:
  void give_back(std::unique_ptr<Connection> c) noexcept {
    if (c) {
      c->rollback_quietly();
      c->after_transaction();
    }
    std::lock_guard lock(m_);
    --in_use_;
    if (c && c->healthy())
      idle_.push_back(std::move(c));
    else
      --open_;  // a lost session: the next lease opens a new one
    cv_.notify_one();
  }

  DatabaseUrl url_;
  db::DatabaseSettings settings_;
  int size_ = 1;
  std::atomic<std::int64_t> round_trips_{0};  // before the sessions that count into it
  mutable std::mutex m_;
  std::condition_variable cv_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // before idle_: outlives the sessions that report to it
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  int in_use_ = 0;
};

// ---- Transaction ----------------------------------------------------------

class TransactionImpl final : public db::Transaction {
public:
  TransactionImpl(Connection& c, bool writable) : conn_(c), writable_(writable) {}

  db::Dialect dialect() const override { return conn_.dialect(); }
  bool writable() const override { return writable_; }

  std::int64_t execute(std::string_view sql, const db::Params& params) override {
    usable();
    try {
      return conn_.run(sql, params, nullptr);
    } catch (...) {
      failure_ = std::current_exception();
      throw;
    }
  }

  db::Rows query(std::string_view sql, const db::Params& params) override {
    usable();
    db::Rows rows;
    try {
      conn_.run(sql, params, &rows);
    } catch (...) {
      failure_ = std::current_exception();
      throw;
    }
    return rows;
  }

  std::vector<db::Rows> query_all(const std::vector<db::Statement>& statements) override {
    usable();
    try {
      return conn_.run_all(statements);
    } catch (...) {
      failure_ = std::current_exception();
      throw;
    }
  }

  void queue(std::string_view sql, const db::Params& params) override {
    usable();
    try {
      conn_.enqueue(sql, params);
    } catch (...) {
      failure_ = std::current_exception();
      throw;
    }
  }

  void execute_script(std::string_view sql) override {
    usable();
    try {
      conn_.exec_native(sql);
      conn_.invalidate_statements();  // DDL may change what cached statements return
    } catch (...) {
      failure_ = std::current_exception();
      throw;
    }
  }

  void after_commit(std::function<void()> hook) override { hooks_.push_back(std::move(hook)); }

  // A statement failed earlier: PostgreSQL has aborted the transaction already, and
  // SQLite behaves the same way here so that code tested on one works on the other.
  void usable() const {
    if (failure_) std::rethrow_exception(failure_);
  }
  std::vector<std::function<void()>> take_hooks() { return std::move(hooks_); }

private:
  Connection& conn_;
  bool writable_;
  std::exception_ptr failure_;
  std::vector<std::function<void()>> hooks_;
};

// ---- Database -------------------------------------------------------------


class SociDatabase final : public db::Database {
public:
  SociDatabase(DatabaseUrl url, const db::DatabaseSettings& settings)
      : dialect_(url.dialect), redacted_(url.redacted), settings_(settings), pool_(url, settings) {
    describe_ = redacted_ + " (" + describe_settings() + ", pool " + std::to_string(pool_.size()) + ")";
  }

  db::Dialect dialect() const override { return dialect_; }
  void write(const std::function<void(db::Transaction&)>& work) override { unit_of_work(work, true); }
  void read(const std::function<void(db::Transaction&)>& work) override { unit_of_work(work, false); }

  db::PoolStats pool_stats() const override {
    db::PoolStats s;
    s.size = pool_.size();
    s.in_use = pool_.in_use();
    s.units_of_work = units_.load();
    s.retries = retries_.load();
    s.round_trips = pool_.round_trips();
    return s;
  }

  std::string describe() const override { return describe_; }

private:
  std::string describe_settings() {
    if (dialect_ == db::Dialect::sqlite) {
      static const char* const names[] = {"OFF", "NORMAL", "FULL", "EXTRA"};
      auto sync = pool_.setting("synchronous");
      if (sync.size() == 1 && sync[0] >= '0' && sync[0] <= '3') sync = names[sync[0] - '0'];
      return "journal_mode=" + pool_.setting("journal_mode") + ", synchronous=" + sync +
             ", busy_timeout=" + std::to_string(settings_.busy_timeout.count()) + "ms";
    }
    return "PostgreSQL " + pool_.setting("server_version") + ", synchronous_commit=" +
           pool_.setting("synchronous_commit") + ", isolation=" + pool_.setting("default_transaction_isolation");
  }

  void begin(Connection& c, bool writable) {
    if (dialect_ == db::Dialect::sqlite)
      c.begin(writable ? "BEGIN IMMEDIATE" : "PRAGMA query_only = ON; BEGIN");
    else
      c.begin(writable ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  }

  void commit(Connection& c, bool writable) {
    c.commit();
    if (dialect_ == db::Dialect::sqlite && !writable) c.exec_native("PRAGMA query_only = OFF");
  }

  void end_quietly(Connection& c, bool writable) noexcept {
    c.rollback_quietly();
    if (dialect_ == db::Dialect::sqlite && !writable) {
      try {
        c.exec_native("PRAGMA query_only = OFF");
      } catch (...) {
      }
    }
  }

  void backoff(int attempt) {
    const int cap = std::min(200, 5 << std::min(attempt, 6));
    std::uniform_int_distribution<int> pick(1, cap);
    int ms;
    {
      std::lock_guard lock(active_mutex_);
      ms = pick(jitter_);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  }

  // The units of work each thread is inside, innermost last (nested calls join
  // them). Kept here rather than in thread_local storage: this code is loaded with
  // dlopen, and LeakSanitizer (GCC 12 with glibc 2.36) crashes at exit scanning a
  // loaded library's dynamic TLS.
  TransactionImpl* active_on_this_thread() {
    std::lock_guard lock(active_mutex_);
    auto it = active_.find(std::this_thread::get_id());
    return it == active_.end() || it->second.empty() ? nullptr : it->second.back();
  }
  void enter(TransactionImpl* tx) {
    std::lock_guard lock(active_mutex_);
    active_[std::this_thread::get_id()].push_back(tx);
  }
  void leave() {
    std::lock_guard lock(active_mutex_);
    auto it = active_.find(std::this_thread::get_id());
    it->second.pop_back();
    if (it->second.empty()) active_.erase(it);
  }

  void unit_of_work(const std::function<void(db::Transaction&)>& work, bool writable) {
    // Nested in a unit of work of this database on this thread: join it, so that
    // everything commits together (one request, one unit of work).
    if (auto* outer = active_on_this_thread()) {
      if (writable && !outer->writable())
        throw db::DatabaseError(
            "Database::write was called inside a read unit of work; start the outer unit of work with write()");
      work(*outer);
      return;
    }

    ++units_;
    const int max_attempts = std::max(1, settings_.max_attempts);
    for (int attempt = 1;; ++attempt) {
      std::vector<std::function<void()>> hooks;
      try {
        auto lease = pool_.lease();
        Connection& c = **lease;
        TransactionImpl tx(c, writable);
        enter(&tx);
        try {
          begin(c, writable);
          work(tx);
          tx.usable();  // a failure the work caught still fails the unit of work
          commit(c, writable);
        } catch (...) {
          leave();
          end_quietly(c, writable);
          throw;
        }
        leave();
        hooks = tx.take_hooks();
      } catch (const db::RetryableError& e) {
        if (attempt >= max_attempts)
          throw db::BusyError("the database stayed busy through " + std::to_string(attempt) +
                                  " attempt(s) of the unit of work; try again later. Last error: " + e.what(),
                              attempt);
        ++retries_;
        backoff(attempt);
        continue;
      }
      run_hooks(hooks);
      return;
    }
  }

  // After the commit, with the session back in the pool: every hook runs; the first
  // exception (if any) is rethrown afterwards. The unit of work stays committed.
  static void run_hooks(std::vector<std::function<void()>>& hooks) {
    std::exception_ptr first;
    for (auto& h : hooks) {
      try {
        h();
      } catch (...) {
        if (!first) first = std::current_exception();
      }
    }
    if (first) std::rethrow_exception(first);
  }

  db::Dialect dialect_;
  std::string redacted_;
  db::DatabaseSettings settings_;
  Pool pool_;
  std::string describe_;
  std::atomic<std::int64_t> units_{0};
  std::atomic<std::int64_t> retries_{0};
  std::mutex active_mutex_;  // guards active_ and jitter_
  std::map<std::thread::id, std::vector<TransactionImpl*>> active_;
  std::mt19937 jitter_{std::random_device{}()};
};

// ---- Driver ---------------------------------------------------------------

class SociDriver final : public db::Driver {
public:
  std::vector<std::string> schemes() const override { return {"sqlite3", "postgresql"}; }

  std::unique_ptr<db::Database> open(const db::DatabaseSettings& settings) override {
    auto url = parse_database_url(settings.url);
    if (settings.pool_size < 1)
      throw db::DatabaseError("database pool_size " + std::to_string(settings.pool_size) + " for '" + url.redacted +
                              "' must be at least 1");
    if (settings.max_attempts < 1)
      throw db::DatabaseError("database max_attempts " + std::to_string(settings.max_attempts) + " for '" +
                              url.redacted + "' must be at least 1");
    if (settings.busy_timeout.count() < 0)
      throw db::DatabaseError("database busy_timeout for '" + url.redacted + "' must not be negative");
    return std::make_unique<SociDatabase>(std::move(url), settings);
  }
};

}  // namespace

std::unique_ptr<db::Driver> make_driver() { return std::make_unique<SociDriver>(); }

}  // namespace downstream::soci_adapter
