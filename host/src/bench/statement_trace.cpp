#include "bench/statement_trace.h"

#include <chrono>

namespace downstream::host::bench {

namespace {

// The transaction handed to the work: forwards every call, and counts or records it.
class TracingTransaction final : public db::Transaction {
public:
  TracingTransaction(db::Transaction& inner, std::int64_t& count, UnitOfWorkTrace* record)
      : inner_(inner), count_(count), record_(record) {}
  db::Dialect dialect() const override { return inner_.dialect(); }
  bool writable() const override { return inner_.writable(); }
  std::int64_t execute(std::string_view sql, const db::Params& params) override {
    note(TracedStatement::Kind::execute, sql, params);
    return inner_.execute(sql, params);
  }
  db::Rows query(std::string_view sql, const db::Params& params) override {
    note(TracedStatement::Kind::query, sql, params);
    return inner_.query(sql, params);
  }
  std::vector<db::Rows> query_all(const std::vector<db::Statement>& statements) override {
    ++groups_;
    for (const auto& s : statements) {
      note(TracedStatement::Kind::query, s.sql, s.params);
      if (record_) record_->back().together = groups_;
    }
    return inner_.query_all(statements);
  }
  void queue(std::string_view sql, const db::Params& params) override {
    note(TracedStatement::Kind::queued, sql, params);
    inner_.queue(sql, params);
  }
  void execute_script(std::string_view sql) override {
    note(TracedStatement::Kind::script, sql, {});
    inner_.execute_script(sql);
  }
  void after_commit(std::function<void()> hook) override { inner_.after_commit(std::move(hook)); }

private:
  void note(TracedStatement::Kind kind, std::string_view sql, const db::Params& params) {
    ++count_;
    if (record_) record_->push_back({kind, std::string(sql), params});
  }
  db::Transaction& inner_;
  std::int64_t& count_;
  UnitOfWorkTrace* record_;
  int groups_ = 0;
};

// Thrown through the inner unit of work to roll a captured request back.
struct RollBackCapture {};

}  // namespace

TracingDatabase::TracingDatabase(std::unique_ptr<db::Database> inner) : inner_(std::move(inner)) {}
TracingDatabase::~TracingDatabase() = default;

void TracingDatabase::write(const std::function<void(db::Transaction&)>& work) {
  if (!capture_) {
    inner_->write([&](db::Transaction& tx) {
      last_statements_ = 0;
      TracingTransaction traced(tx, last_statements_, nullptr);
      work(traced);
    });
    return;
  }
  auto before = sequences();
  try {
    inner_->write([&](db::Transaction& tx) {
      last_statements_ = 0;
      captured_.clear();
      TracingTransaction traced(tx, last_statements_, &captured_);
      work(traced);
      throw RollBackCapture{};
    });
  } catch (const RollBackCapture&) {
    set_back(before);
    return;
  }
  set_back(before);
}

void TracingDatabase::read(const std::function<void(db::Transaction&)>& work) {
  inner_->read([&](db::Transaction& tx) {
    last_statements_ = 0;
    TracingTransaction traced(tx, last_statements_, nullptr);
    work(traced);
  });
}

std::chrono::nanoseconds TracingDatabase::replay(const UnitOfWorkTrace& trace) {
  auto t0 = std::chrono::steady_clock::now();
  inner_->write([&](db::Transaction& tx) {
    for (std::size_t i = 0; i < trace.size(); ++i) {
      const auto& s = trace[i];
      if (s.together != 0) {  // sent together, as the modules sent them
        std::vector<db::Statement> group;
        for (; i < trace.size() && trace[i].together == s.together; ++i) group.push_back({trace[i].sql, trace[i].params});
        --i;
        tx.query_all(group);
        continue;
      }
      switch (s.kind) {
        case TracedStatement::Kind::execute: tx.execute(s.sql, s.params); break;
        case TracedStatement::Kind::query: tx.query(s.sql, s.params); break;
        case TracedStatement::Kind::queued: tx.queue(s.sql, s.params); break;
        case TracedStatement::Kind::script: tx.execute_script(s.sql); break;
      }
    }
  });
  return std::chrono::steady_clock::now() - t0;
}

// PostgreSQL sequences do not roll back; SQLite's rowids do, so it has nothing to set back.
std::vector<TracingDatabase::Sequence> TracingDatabase::sequences() {
  std::vector<Sequence> out;
  if (inner_->dialect() != db::Dialect::postgresql) return out;
  inner_->read([&](db::Transaction& tx) {
    // Only the schemas on the search path: other schemas' sequences are none of
    // this database's business, and one dropped meanwhile would fail the read.
    for (const auto& r : tx.query("SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), "
                                  "last_value, start_value FROM pg_sequences "
                                  "WHERE schemaname = ANY (current_schemas(false))"))
      out.push_back({r.get_text(0), r.opt_int(1), r.get_int(2)});
  });
  return out;
}

void TracingDatabase::set_back(const std::vector<Sequence>& before) {
  if (before.empty()) return;
  auto now = sequences();
  inner_->write([&](db::Transaction& tx) {
    for (const auto& b : before) {
      for (const auto& n : now) {
        if (n.name != b.name || n.last_value == b.last_value) continue;
        if (b.last_value)
          tx.query("SELECT setval(CAST(? AS regclass), ?, true)", {b.name, *b.last_value});
        else
          tx.query("SELECT setval(CAST(? AS regclass), ?, false)", {b.name, b.start_value});
      }
    }
  });
}

}  // namespace downstream::host::bench
