#include <downstream/testing/test_database.h>

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>

namespace downstream::testing {

namespace {
std::string pg_conninfo() {
  const char* c = std::getenv("DOWNSTREAM_TEST_PG");
  if (!c || !*c)
    throw std::runtime_error(
        "DOWNSTREAM_TEST_PG is not set: PostgreSQL tests need a server (scripts/test starts one). "
        "Database tests are never skipped.");
  return c;
}

void pg_exec(const std::string& conninfo, const std::string& sql) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot connect to the test PostgreSQL (" + conninfo + "): " + msg);
  }
  PGresult* r = PQexec(c, sql.c_str());
  auto st = PQresultStatus(r);
  std::string msg = PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw std::runtime_error("PostgreSQL: " + msg + " in: " + sql);
}

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(rd() % 1000000);
}
}  // namespace

Backend test_backend() {
  const char* b = std::getenv("DOWNSTREAM_TEST_BACKEND");
  if (!b || std::string(b) == "sqlite") return Backend::sqlite;
  if (std::string(b) == "postgresql") return Backend::postgresql;
  throw std::runtime_error(std::string("DOWNSTREAM_TEST_BACKEND=") + b + ": expected sqlite or postgresql");
}

const char* backend_name(Backend b) { return b == Backend::sqlite ? "sqlite" : "postgresql"; }

TestDatabase::TestDatabase() : backend_(test_backend()) {
  if (backend_ == Backend::sqlite) {
    url_ = "sqlite3:" + (dir_.path() / "test.db").string();
    return;
  }
  auto conninfo = pg_conninfo();
  schema_ = "t_" + unique_suffix();
  pg_exec(conninfo, "CREATE SCHEMA " + schema_);
  url_ = "postgresql://" + conninfo + " options='-c search_path=" + schema_ + " -c client_min_messages=warning'";
}

TestDatabase::~TestDatabase() {
  if (backend_ == Backend::postgresql && !schema_.empty()) {
    try {
      pg_exec(pg_conninfo() + " options='-c client_min_messages=warning'", "DROP SCHEMA " + schema_ + " CASCADE");
    } catch (...) {
      // The throwaway server is removed at the end of the run anyway.
    }
  }
}

void TestDatabase::exec_raw(const std::string& sql) const {
  if (backend_ == Backend::postgresql) {
    pg_exec(pg_conninfo(), "SET search_path = " + schema_ + "; " + sql);
    return;
  }
  sqlite3* db = nullptr;
  auto path = url_.substr(std::string("sqlite3:").size());
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 5000);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error("SQLite: " + msg + " in: " + sql);
}

}  // namespace downstream::testing
