#pragma once
// A fresh, empty database for one test, on the backend the ctest entry names
// (DOWNSTREAM_TEST_BACKEND=sqlite|postgresql). SQLite: a file in a temporary
// folder. PostgreSQL: a schema of its own on the server in DOWNSTREAM_TEST_PG
// (libpq keywords, as scripts/test exports), dropped afterwards. A PostgreSQL
// test without DOWNSTREAM_TEST_PG fails: database tests are never skipped.
#include <filesystem>
#include <string>

#include <downstream/testing/temp_dir.h>

namespace downstream::testing {

enum class Backend { sqlite, postgresql };

// The backend of this test run; sqlite when DOWNSTREAM_TEST_BACKEND is unset.
Backend test_backend();
const char* backend_name(Backend b);

class TestDatabase {
public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Backend backend() const { return backend_; }
  // For database.url: "sqlite3:/tmp/.../test.db" or "postgresql://...?options=-c%20search_path%3Dt_..."
  const std::string& url() const { return url_; }
  // PostgreSQL only: the schema this test owns.
  const std::string& schema() const { return schema_; }
  // Runs SQL outside any pool (libpq or sqlite3 directly), for tests that tamper by hand.
  void exec_raw(const std::string& sql) const;

private:
  Backend backend_;
  TempDir dir_;
  std::string url_;
  std::string schema_;
};

}  // namespace downstream::testing
