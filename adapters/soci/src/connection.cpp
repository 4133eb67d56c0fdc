// A pooled session. SQLite: SOCI statements with `?` rewritten to named binds,
// values held in the cached statement object (never temporaries), rows read as
// exact text and typed from the native handle. PostgreSQL: SOCI opens the
// session; statements go through libpq's pipeline mode (pg_round_trip()).
// Errors are translated into the port's classes.
#include "connection.h"
#include "wal_checkpointer.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <limits>
#include <regex>

// soci-sqlite3.h includes <sqlite3.h> inside namespace sqlite_api.
using namespace sqlite_api;

namespace downstream::soci_adapter {

enum class ColumnKind { dynamic, integer, boolean, text };

// A prepared statement and every value it binds: SOCI keeps pointers to these
// holders, so they live exactly as long as the statement.
struct CachedStatement {
  std::vector<long long> ints;
  std::vector<std::string> texts;
  std::vector<soci::indicator> in_inds;
  std::vector<std::string> out;
  std::vector<soci::indicator> out_inds;
  std::vector<ColumnKind> kinds;
  std::unique_ptr<soci::statement> st;  // last: destroyed first, while the holders still exist

  ~CachedStatement() = default;
};

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string shorten(std::string_view sql) {
  std::string s = trim(std::string(sql));
  for (auto& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (s.size() > 240) s = s.substr(0, 240) + "...";
  return s;
}

// The first keyword of a statement, upper case.
std::string first_keyword(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size() && !std::isalpha(static_cast<unsigned char>(sql[i]))) ++i;
  std::string w;
  while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])))
    w += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
  return w;
}

bool is_ddl(std::string_view sql) {
  const auto k = first_keyword(sql);
  return k == "CREATE" || k == "ALTER" || k == "DROP" || k == "TRUNCATE";
}

std::optional<std::int64_t> parse_int(const std::string& s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && p == s.data() + s.size() && !s.empty()) return v;
  return std::nullopt;
}

std::string where(std::string_view sql) { return sql.empty() ? std::string() : " (in: " + shorten(sql) + ")"; }

[[noreturn]] void throw_constraint(const std::string& message, const std::string& constraint, std::string_view sql) {
  throw db::ConstraintViolation(
      (constraint.empty() ? std::string("a constraint") : "constraint " + constraint) + " refused the write: " +
          message + where(sql),
      constraint);
}

// ---- SQLite -------------------------------------------------------------

std::vector<std::vector<std::string>> sqlite_rows(sqlite_api::sqlite3* conn, const std::string& sql,
                                                  const std::string& param = {}) {
  std::vector<std::vector<std::string>> out;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(conn, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    sqlite3_finalize(st);
    return out;
  }
  if (sqlite3_bind_parameter_count(st) > 0)
    sqlite3_bind_text(st, 1, param.c_str(), static_cast<int>(param.size()), SQLITE_TRANSIENT);
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const auto* t = sqlite3_column_text(st, i);
      row.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
    }
    out.push_back(std::move(row));
  }
  sqlite3_finalize(st);
  return out;
}

std::string quote_ident(const std::string& name) {
  std::string q = "\"";
  for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string normalise_columns(std::string cols) {
  std::string out;
  for (char c : cols)
    if (!std::isspace(static_cast<unsigned char>(c)) && c != '"' && c != '`' && c != '[' && c != ']')
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// SQLite names a UNIQUE or PRIMARY KEY failure by "table.col, table.col". Find the
// constraint's name: an explicit unique index, a named table constraint, else the
// name PostgreSQL gives an unnamed one (table_pkey, table_col_key), so both agree.
std::string sqlite_unique_name(sqlite_api::sqlite3* conn, const std::string& detail, bool primary_key) {
  std::string table;
  std::vector<std::string> cols;
  std::size_t pos = 0;
  while (pos < detail.size()) {
    auto comma = detail.find(',', pos);
    if (comma == std::string::npos) comma = detail.size();
    auto item = trim(detail.substr(pos, comma - pos));
    auto dot = item.find('.');
    if (dot != std::string::npos) {
      table = item.substr(0, dot);
      cols.push_back(item.substr(dot + 1));
    }
    pos = comma + 1;
  }
  if (table.empty() || cols.empty()) return {};
  std::string wanted;
  for (std::size_t i = 0; i < cols.size(); ++i) wanted += (i ? "," : "") + lower(cols[i]);

  bool is_pk = primary_key;
  for (const auto& idx : sqlite_rows(conn, "PRAGMA index_list(" + quote_ident(table) + ")")) {
    if (idx.size() < 4 || idx[2] != "1") continue;
    std::string have;
    for (const auto& c : sqlite_rows(conn, "PRAGMA index_info(" + quote_ident(idx[1]) + ")"))
      if (c.size() >= 3) have += (have.empty() ? "" : ",") + lower(c[2]);
    if (have != wanted) continue;
    if (idx[3] == "c") return idx[1];
    if (idx[3] == "pk") is_pk = true;
    break;
  }
  auto sql_rows = sqlite_rows(conn, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table);
  if (!sql_rows.empty() && !sql_rows[0].empty()) {
    static const std::regex named(R"(CONSTRAINT\s+["`]?(\w+)["`]?\s+(UNIQUE|PRIMARY\s+KEY)\s*\(([^)]*)\))",
                                  std::regex::icase);
    const std::string& create = sql_rows[0][0];
    for (auto it = std::sregex_iterator(create.begin(), create.end(), named); it != std::sregex_iterator(); ++it)
      if (normalise_columns((*it)[3]) == wanted) return (*it)[1];
  }
  if (is_pk) return table + "_pkey";
  std::string name = table;
  for (const auto& c : cols) name += "_" + c;
  return name + "_key";
}

[[noreturn]] void throw_sqlite(sqlite_api::sqlite3* conn, int code, const std::string& message, std::string_view sql) {
  const int primary = code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    throw db::RetryableError("the SQLite database is busy (another unit of work holds its lock): " + message +
                             where(sql));
  if (primary == SQLITE_CONSTRAINT) {
    auto after_colon = [&](const std::string& m) {
      auto c = m.find(": ");
      return c == std::string::npos ? std::string() : trim(m.substr(c + 2));
    };
    std::string name;
    switch (code) {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY:
        name = sqlite_unique_name(conn, after_colon(message), code == SQLITE_CONSTRAINT_PRIMARYKEY);
        break;
      case SQLITE_CONSTRAINT_CHECK:
      case SQLITE_CONSTRAINT_NOTNULL:  // "table.column", as for PostgreSQL below
        name = after_colon(message);
        break;
      default:
        break;  // foreign keys: SQLite does not say which
    }
    throw_constraint(message, name, sql);
  }
  if (primary == SQLITE_READONLY)
    throw db::DatabaseError("SQLite refused a write: " + message +
                            " (a read unit of work cannot write; use Database::write)" + where(sql));
  throw db::DatabaseError("SQLite error " + std::to_string(code) + ": " + message + where(sql));
}

// ---- PostgreSQL ---------------------------------------------------------

struct PgDiag {
  std::string sqlstate, message, detail, constraint, table, column;
};

PgDiag pg_diag(const PGresult* r) {
  auto field = [&](int code) {
    const char* v = PQresultErrorField(r, code);
    return v ? std::string(v) : std::string();
  };
  PgDiag d{field(PG_DIAG_SQLSTATE), field(PG_DIAG_MESSAGE_PRIMARY), field(PG_DIAG_MESSAGE_DETAIL),
           field(PG_DIAG_CONSTRAINT_NAME), field(PG_DIAG_TABLE_NAME), field(PG_DIAG_COLUMN_NAME)};
  return d;
}

[[noreturn]] void throw_pg(const PgDiag& d, std::string_view sql) {
  std::string message = d.message + (d.detail.empty() ? "" : " (" + d.detail + ")");
  if (d.sqlstate == "40001" || d.sqlstate == "40P01" || d.sqlstate == "55P03")
    throw db::RetryableError("PostgreSQL could not complete the unit of work now (SQLSTATE " + d.sqlstate + "): " +
                             message + where(sql));
  if (d.sqlstate.rfind("23", 0) == 0) {
    std::string name = d.constraint;
    if (name.empty() && d.sqlstate == "23502" && !d.table.empty()) name = d.table + "." + d.column;
    throw_constraint(message, name, sql);
  }
  if (d.sqlstate == "25006")
    throw db::DatabaseError("PostgreSQL refused a write: " + message +
                            " (a read unit of work cannot write; use Database::write)" + where(sql));
  throw db::DatabaseError("PostgreSQL error" + (d.sqlstate.empty() ? std::string() : " " + d.sqlstate) + ": " +
                          message + where(sql));
}

std::string strip_soci_prefix(const std::string& what) {
  std::string s = trim(what);
  // SOCI prefixes messages with its own context ("Cannot execute query. ERROR: ...").
  auto e = s.find("ERROR:");
  if (e != std::string::npos) s = trim(s.substr(e + 6));
  return s;
}

}  // namespace

// ---- Connection ---------------------------------------------------------

Connection::Connection(const DatabaseUrl& url, const db::DatabaseSettings& settings, bool first)
    : dialect_(url.dialect), redacted_url_(url.redacted) {
  try {
    if (dialect_ == db::Dialect::sqlite) {
      const std::string& path = url.target;
      if (path.find('"') != std::string::npos)
        throw db::DatabaseError("database URL '" + redacted_url_ + "': the file name must not contain '\"'");
      if (path != ":memory:") {
        std::error_code ec;
        auto parent = std::filesystem::path(path).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent, ec);  // opening reports any failure
      }
      const std::string conn = path.find(' ') == std::string::npos ? "db=" + path : "db=\"" + path + "\"";
      session_ = std::make_unique<soci::session>(*soci::factory_sqlite3(), conn);
      sqlite_ = static_cast<soci::sqlite3_session_backend*>(session_->get_backend())->conn_;
      configure_sqlite(settings, first);
    } else {
      session_ = std::make_unique<soci::session>(*soci::factory_postgresql(), url.target);
      pg_ = static_cast<soci::postgresql_session_backend*>(session_->get_backend())->conn_;
      // NOTICEs ("table does not exist, skipping") are not errors: keep them off stderr.
      PQsetNoticeProcessor(pg_, [](void*, const char*) {}, nullptr);
    }
  } catch (const db::DatabaseError& e) {
    throw db::DatabaseError("cannot open database '" + redacted_url_ + "': " + e.what());
  } catch (const std::exception& e) {
    throw db::DatabaseError("cannot open database '" + redacted_url_ + "': " + strip_soci_prefix(e.what()));
  }
}

Connection::~Connection() {
  // Statements first: SQLite cannot close a connection with live statements.
  cache_.clear();
  retired_.clear();
  session_.reset();
}

void Connection::configure_sqlite(const db::DatabaseSettings& settings, bool first) {
  const auto ms = std::clamp<std::int64_t>(settings.busy_timeout.count(), 0, std::numeric_limits<int>::max());
  sqlite3_busy_timeout(sqlite_, static_cast<int>(ms));
  sqlite3_extended_result_codes(sqlite_, 1);
  std::string sync = settings.sqlite_synchronous;
  std::transform(sync.begin(), sync.end(), sync.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (sync != "NORMAL" && sync != "FULL" && sync != "EXTRA" && sync != "OFF")
    throw db::DatabaseError("sqlite_synchronous '" + settings.sqlite_synchronous + "' is not NORMAL or FULL");
  exec_native("PRAGMA foreign_keys = ON");
  exec_native("PRAGMA synchronous = " + sync);
  if (first && lower(setting("journal_mode")) != "memory") {
    auto mode = lower(sqlite_rows(sqlite_, "PRAGMA journal_mode = WAL").at(0).at(0));
    if (mode != "wal")
      throw db::DatabaseError("SQLite could not switch to WAL journal mode (it stays '" + mode + "')");
  }
}

bool Connection::in_transaction() const {
  if (sqlite_) return sqlite3_get_autocommit(sqlite_) == 0;
  const auto s = PQtransactionStatus(pg_);
  return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

void Connection::rollback_quietly() noexcept {
  pending_.clear();  // queued statements of a unit of work that ends here are never sent
  try {
    if (in_transaction()) exec_native("ROLLBACK");
  } catch (...) {
    // A lost connection rolled back by itself; after_transaction() reconnects.
  }
}

void Connection::report_commits_to(WalCheckpointer& checkpointer) {
  if (!sqlite_) return;
  sqlite3_wal_hook(
      sqlite_,
      [](void* target, sqlite_api::sqlite3*, const char*, int pages) {
        static_cast<WalCheckpointer*>(target)->committed(pages);
        return 0;  // SQLITE_OK
      },
      &checkpointer);
}

bool Connection::healthy() const { return sqlite_ || (pg_ && PQstatus(pg_) == CONNECTION_OK); }

void Connection::after_transaction() noexcept {
  try {
    if (pg_ && PQstatus(pg_) != CONNECTION_OK) {
      cache_.clear();
      lru_.clear();
      retired_.clear();
      session_->reconnect();
      pg_ = static_cast<soci::postgresql_session_backend*>(session_->get_backend())->conn_;
      pg_names_.clear();  // a new server session knows none of them
      PQsetNoticeProcessor(pg_, [](void*, const char*) {}, nullptr);
      clear_cache_ = false;
      return;
    }
  } catch (...) {
    pg_ = nullptr;  // unhealthy: the pool replaces this session
    return;
  }
  retired_.clear();
  if (clear_cache_) {
    cache_.clear();
    lru_.clear();
    pg_names_.clear();  // prepared again under new names: DDL may have changed what they return
    clear_cache_ = false;
  }
}

std::string Connection::setting(const std::string& name) {
  if (sqlite_) {
    auto rows = sqlite_rows(sqlite_, "PRAGMA " + name);
    return rows.empty() || rows[0].empty() ? std::string() : rows[0][0];
  }
  PGresult* r = PQexec(pg_, ("SHOW " + name).c_str());
  std::string v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
  PQclear(r);
  return v;
}

void Connection::exec_native(std::string_view sql) {
  const std::string text(sql);
  if (sqlite_) {
    char* err = nullptr;
    const int rc = sqlite3_exec(sqlite_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      const int code = sqlite3_extended_errcode(sqlite_);
      std::string msg = err ? err : sqlite3_errmsg(sqlite_);
      sqlite3_free(err);
      throw_sqlite(sqlite_, code == SQLITE_OK ? rc : code, msg, sql);
    }
    return;
  }
  if (!pending_.empty()) pg_round_trip();
  PGresult* r = PQexec(pg_, text.c_str());
  if (round_trips_) ++*round_trips_;
  const auto status = PQresultStatus(r);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    PQclear(r);
    return;
  }
  PgDiag d = r ? pg_diag(r) : PgDiag{};
  if (d.message.empty()) d.message = trim(PQerrorMessage(pg_));
  PQclear(r);
  throw_pg(d, sql);
}

void Connection::prepare(CachedStatement& cs, const std::string& translated, const std::string& signature) {
  // Sized once, before SOCI takes their addresses.
  const std::size_t n = cs.in_inds.size();
  cs.st = std::make_unique<soci::statement>(*session_);
  for (std::size_t k = 0; k < n; ++k) {
    const std::string name = "p" + std::to_string(k + 1);
    if (signature[k] == 'i')
      cs.st->exchange(soci::use(cs.ints[k], cs.in_inds[k], name));
    else
      cs.st->exchange(soci::use(cs.texts[k], cs.in_inds[k], name));
  }
  cs.st->alloc();
  cs.st->prepare(translated);

  // SOCI statements serve SQLite only (PostgreSQL goes through pg_round_trip()).
  auto* be = static_cast<soci::sqlite3_statement_backend*>(cs.st->get_backend());
  const auto columns = static_cast<std::size_t>(sqlite3_column_count(be->stmt_));
  cs.kinds.assign(columns, ColumnKind::dynamic);
  cs.out.assign(columns, std::string());
  cs.out_inds.assign(columns, soci::i_ok);
  for (std::size_t i = 0; i < columns; ++i) cs.st->exchange(soci::into(cs.out[i], cs.out_inds[i]));
  cs.st->define_and_bind();
}

CachedStatement& Connection::statement_for(const std::string& translated, const std::string& signature,
                                           std::size_t param_count) {
  const std::string key = signature + '\n' + translated;
  if (auto it = cache_.find(key); it != cache_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second.second);
    return *it->second.first;
  }
  auto cs = std::make_unique<CachedStatement>();
  cs->ints.assign(param_count, 0);
  cs->texts.assign(param_count, std::string());
  cs->in_inds.assign(param_count, soci::i_ok);
  prepare(*cs, translated, signature);
  if (is_ddl(translated)) invalidate_statements();

  lru_.push_front(key);
  auto& slot = cache_[key];
  slot = {std::move(cs), lru_.begin()};
  CachedStatement& out = *slot.first;
  if (cache_.size() > kCacheCapacity) {
    auto victim = cache_.find(lru_.back());
    retired_.push_back(std::move(victim->second.first));
    cache_.erase(victim);
    lru_.pop_back();
  }
  return out;
}

std::int64_t Connection::run(std::string_view sql, const db::Params& params, db::Rows* rows) {
  if (pg_) {
    auto statement = pending_of(sql, params);
    if (is_ddl(statement.sql)) invalidate_statements();
    std::int64_t changed = 0;
    statement.rows = rows;
    statement.changed = &changed;
    std::vector<PendingStatement> one;
    one.push_back(std::move(statement));
    pg_round_trip(std::move(one));
    return changed;
  }
  std::size_t count = 0;
  const std::string translated = translate_placeholders(sql, count);
  if (count != params.size())
    throw db::DatabaseError("the statement has " + std::to_string(count) + " ? placeholder(s) but " +
                            std::to_string(params.size()) + " parameter(s) were given" + where(sql));
  std::string signature;
  for (const auto& p : params) signature += p.is_int() ? 'i' : 's';

  CachedStatement* cs = nullptr;
  try {
    cs = &statement_for(translated, signature, count);
    for (std::size_t k = 0; k < count; ++k) {
      const auto& p = params[k];
      if (p.is_null()) {
        cs->in_inds[k] = soci::i_null;
        cs->texts[k].clear();
      } else if (p.is_int()) {
        cs->ints[k] = p.as_int();
        cs->in_inds[k] = soci::i_ok;
      } else {
        cs->texts[k] = p.as_text();
        cs->in_inds[k] = soci::i_ok;
      }
    }
    bool got = cs->st->execute(true);
    auto* sqlite_stmt = static_cast<soci::sqlite3_statement_backend*>(cs->st->get_backend())->stmt_;
    if (!cs->out.empty()) {
      while (got) {
        if (rows) {
          std::vector<db::Value> values;
          values.reserve(cs->out.size());
          for (std::size_t i = 0; i < cs->out.size(); ++i) {
            if (cs->out_inds[i] == soci::i_null) {
              values.emplace_back();
              continue;
            }
            ColumnKind kind = cs->kinds[i];
            if (kind == ColumnKind::dynamic)
              kind = sqlite3_column_type(sqlite_stmt, static_cast<int>(i)) == SQLITE_INTEGER ? ColumnKind::integer
                                                                                           : ColumnKind::text;
            if (kind == ColumnKind::integer) {
              if (auto v = parse_int(cs->out[i])) {
                values.emplace_back(*v);
                continue;
              }
            } else if (kind == ColumnKind::boolean) {
              values.emplace_back(static_cast<std::int64_t>(cs->out[i] == "t" ? 1 : 0));
              continue;
            }
            values.emplace_back(cs->out[i]);
          }
          rows->emplace_back(std::move(values));
        }
        got = cs->st->fetch();
      }
    }
    const std::int64_t affected =
        sqlite3_stmt_readonly(sqlite_stmt) ? 0 : static_cast<std::int64_t>(cs->st->get_affected_rows());
    sqlite3_reset(sqlite_stmt);  // never leave a statement active: COMMIT would refuse
    return affected;
  } catch (...) {
    throw_translated(sql, cs);
  }
}

void Connection::throw_translated(std::string_view sql, CachedStatement* cs) {
  // The statement's state is unknown after a failure: drop it from the cache (it
  // is destroyed once the transaction has ended).
  auto retire = [&] {
    if (!cs) return;
    for (auto it = cache_.begin(); it != cache_.end(); ++it) {
      if (it->second.first.get() == cs) {
        retired_.push_back(std::move(it->second.first));
        lru_.erase(it->second.second);
        cache_.erase(it);
        break;
      }
    }
  };
  try {
    throw;
  } catch (const downstream::Error&) {
    retire();
    throw;
  } catch (const soci::sqlite3_soci_error& e) {
    int code = sqlite3_extended_errcode(sqlite_);
    std::string msg = sqlite3_errmsg(sqlite_);
    if ((code & 0xff) != (e.result() & 0xff)) {
      code = e.result();
      msg = strip_soci_prefix(e.what());
    }
    retire();
    throw_sqlite(sqlite_, code, msg, sql);
  } catch (const std::exception& e) {
    retire();
    throw db::DatabaseError(std::string(dialect_ == db::Dialect::sqlite ? "SQLite" : "PostgreSQL") +
                            " statement failed: " + strip_soci_prefix(e.what()) + where(sql));
  }
}

}  // namespace downstream::soci_adapter

namespace downstream::soci_adapter {

// ---- PostgreSQL through libpq's pipeline mode -------------------------------

Connection::PendingStatement Connection::pending_of(std::string_view sql, const db::Params& params) {
  std::size_t count = 0;
  std::string translated = translate_placeholders(sql, count, PlaceholderStyle::dollar);
  if (count != params.size())
    throw db::DatabaseError("the statement has " + std::to_string(count) + " ? placeholder(s) but " +
                            std::to_string(params.size()) + " parameter(s) were given" + where(sql));
  PendingStatement p;
  p.sql = std::move(translated);
  p.shown = std::string(sql);
  p.params.reserve(params.size());
  for (const auto& v : params) {
    if (v.is_null()) p.params.emplace_back();
    else if (v.is_int()) p.params.emplace_back(std::to_string(v.as_int()));
    else p.params.emplace_back(v.as_text());
  }
  return p;
}

void Connection::enqueue(std::string_view sql, const db::Params& params) {
  if (!pg_) {
    run(sql, params, nullptr);
    return;
  }
  pending_.push_back(pending_of(sql, params));
  if (is_ddl(pending_.back().sql)) invalidate_statements();
}

void Connection::begin(std::string_view begin) {
  if (!pg_) {
    exec_native(begin);
    return;
  }
  PendingStatement p;
  p.sql = std::string(begin);
  p.shown = p.sql;
  p.plain = true;
  pending_.push_back(std::move(p));
}

void Connection::commit() {
  if (!pg_) {
    exec_native("COMMIT");
    return;
  }
  PendingStatement p;
  p.sql = "COMMIT";
  p.shown = p.sql;
  p.plain = true;
  std::vector<PendingStatement> one;
  one.push_back(std::move(p));
  pg_round_trip(std::move(one));
}

std::vector<db::Rows> Connection::run_all(const std::vector<db::Statement>& statements) {
  std::vector<db::Rows> out(statements.size());
  if (!pg_) {
    for (std::size_t i = 0; i < statements.size(); ++i) run(statements[i].sql, statements[i].params, &out[i]);
    return out;
  }
  std::vector<PendingStatement> wanted;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    wanted.push_back(pending_of(statements[i].sql, statements[i].params));
    wanted.back().rows = &out[i];
  }
  pg_round_trip(std::move(wanted));
  return out;
}

void Connection::pg_round_trip(std::vector<PendingStatement> wanted) {
  std::vector<PendingStatement> batch = std::move(pending_);
  pending_.clear();
  for (auto& w : wanted) batch.push_back(std::move(w));
  if (batch.empty()) return;
  if (PQenterPipelineMode(pg_) != 1)
    throw db::DatabaseError("PostgreSQL: cannot enter pipeline mode: " + trim(PQerrorMessage(pg_)));

  struct Sent {
    std::size_t statement;
    bool prepare;
  };
  std::vector<Sent> sent;
  std::optional<std::pair<PgDiag, std::string>> failure;
  for (std::size_t i = 0; i < batch.size() && !failure; ++i) {
    const auto& st = batch[i];
    int ok = 1;
    if (st.plain) {
      ok = PQsendQueryParams(pg_, st.sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
    } else {
      auto it = pg_names_.find(st.sql);
      if (it == pg_names_.end()) {
        auto name = "ds_" + std::to_string(++pg_names_made_);
        ok = PQsendPrepare(pg_, name.c_str(), st.sql.c_str(), 0, nullptr);
        if (ok) sent.push_back({i, true});
        it = pg_names_.emplace(st.sql, std::move(name)).first;
      }
      if (ok) {
        std::vector<const char*> values;
        values.reserve(st.params.size());
        for (const auto& v : st.params) values.push_back(v ? v->c_str() : nullptr);
        ok = PQsendQueryPrepared(pg_, it->second.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                                 nullptr, 0);
      }
    }
    if (!ok) {
      PgDiag d;
      d.message = trim(PQerrorMessage(pg_));
      failure.emplace(d, st.shown);
      break;
    }
    sent.push_back({i, false});
  }
  PQpipelineSync(pg_);
  if (round_trips_) ++*round_trips_;

  for (const auto& s : sent) {
    const auto& st = batch[s.statement];
    while (PGresult* r = PQgetResult(pg_)) {
      const auto status = PQresultStatus(r);
      if (status == PGRES_FATAL_ERROR || status == PGRES_PIPELINE_ABORTED) {
        if (status == PGRES_FATAL_ERROR && !failure) failure.emplace(pg_diag(r), st.shown);
        if (s.prepare) pg_names_.erase(st.sql);  // not prepared: prepare it again next time
      } else if (!s.prepare && (st.rows || st.changed)) {
        if (status == PGRES_TUPLES_OK && st.rows) {
          auto* rows = st.rows;
          const int columns = PQnfields(r);
          std::vector<ColumnKind> kinds;
          for (int c = 0; c < columns; ++c) {
            switch (PQftype(r, c)) {
              case 20:  // int8
              case 21:  // int2
              case 23:  // int4
              case 26:  // oid
                kinds.push_back(ColumnKind::integer);
                break;
              case 16:  // bool
                kinds.push_back(ColumnKind::boolean);
                break;
              default:
                kinds.push_back(ColumnKind::text);
            }
          }
          for (int t = 0; t < PQntuples(r); ++t) {
            std::vector<db::Value> values;
            values.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c) {
              if (PQgetisnull(r, t, c)) {
                values.emplace_back();
                continue;
              }
              std::string text(PQgetvalue(r, t, c), static_cast<std::size_t>(PQgetlength(r, t, c)));
              const auto kind = kinds[static_cast<std::size_t>(c)];
              if (kind == ColumnKind::integer) {
                if (auto v = parse_int(text)) {
                  values.emplace_back(*v);
                  continue;
                }
              } else if (kind == ColumnKind::boolean) {
                values.emplace_back(static_cast<std::int64_t>(text == "t" ? 1 : 0));
                continue;
              }
              values.emplace_back(std::move(text));
            }
            rows->emplace_back(std::move(values));
          }
        }
        const std::string_view command = PQcmdStatus(r);
        const char* tuples = PQcmdTuples(r);
        if (st.changed && command.rfind("SELECT", 0) != 0 && tuples && *tuples) *st.changed = std::stoll(tuples);
      }
      PQclear(r);
    }
  }
  // The sync's own result closes the pipeline.
  while (PGresult* r = PQgetResult(pg_)) {
    const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
    PQclear(r);
    if (sync) break;
  }
  PQexitPipelineMode(pg_);
  if (PQstatus(pg_) != CONNECTION_OK) {
    PgDiag d;
    d.message = "the connection to PostgreSQL was lost: " + trim(PQerrorMessage(pg_));
    throw_pg(d, failure ? failure->second : batch.back().shown);
  }
  if (failure) throw_pg(failure->first, failure->second);
}

}  // namespace downstream::soci_adapter
