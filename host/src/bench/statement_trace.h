#pragma once
// What a request asks of the database, statement by statement. The bench puts
// a TracingDatabase in the runtime's database's place to count the statements
// of each request, and for the floor (--form floor) to capture a request's
// statements in a unit of work that is rolled back, then run exactly those
// statements again through the port, with no module logic, and time only that.
#include <downstream/ports/database.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace downstream::host::bench {

struct TracedStatement {
  enum class Kind { execute, query, queued, script } kind;
  std::string sql;
  db::Params params;
  int together = 0;  // queries sent together by one query_all() share a number (0: alone)
};

// The statements of one unit of work, in the order they ran.
using UnitOfWorkTrace = std::vector<TracedStatement>;

// Not for concurrent use: one client stream at a time (the floor and the
// statement count are single-stream measures).
class TracingDatabase final : public db::Database {
public:
  explicit TracingDatabase(std::unique_ptr<db::Database> inner);
  ~TracingDatabase() override;

  // capture = false: units of work pass through and are counted.
  // capture = true: a write unit of work runs and is recorded, then rolled back
  // (the caller sees it succeed); PostgreSQL sequences are set back, so running
  // the trace again hands out the same ids the rolled-back run saw.
  void set_capture(bool capture) { capture_ = capture; }

  // Statements of the last unit of work (write or read) and of the last captured one.
  std::int64_t last_statements() const { return last_statements_; }
  const UnitOfWorkTrace& captured() const { return captured_; }

  // Runs `trace` as one write unit of work on the database underneath; returns
  // how long it took, commit included.
  std::chrono::nanoseconds replay(const UnitOfWorkTrace& trace);

  db::Dialect dialect() const override { return inner_->dialect(); }
  void write(const std::function<void(db::Transaction&)>& work) override;
  void read(const std::function<void(db::Transaction&)>& work) override;
  db::PoolStats pool_stats() const override { return inner_->pool_stats(); }
  std::string describe() const override { return inner_->describe(); }

private:
  struct Sequence {
    std::string name;
    std::optional<std::int64_t> last_value;
    std::int64_t start_value = 1;
  };
  std::vector<Sequence> sequences();
  void set_back(const std::vector<Sequence>& before);

  std::unique_ptr<db::Database> inner_;
  bool capture_ = false;
  std::int64_t last_statements_ = 0;
  UnitOfWorkTrace captured_;
};

}  // namespace downstream::host::bench
