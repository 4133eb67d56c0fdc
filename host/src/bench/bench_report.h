#pragma once
// What a bench run prints and writes: the machine and the database with its
// durability settings, then one line per measured figure.
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "bench/latency_sample.h"

namespace downstream::db {
class Database;
}

namespace downstream::host::bench {

struct Figure {
  std::string measure;      // "availability: one product at all sites"
  std::string form;         // in-process or http
  std::int64_t calls = 0;   // per repetition
  int repeats = 0;
  Spread p50, p95, p99;     // ms, over the repetitions
  Spread per_second;        // calls per second of wall time
};

struct Environment {
  std::string backend;      // SQLite or PostgreSQL
  std::string durability;   // journal/synchronous, or synchronous_commit (and fsync)
  std::string database;     // the URL, without password
  unsigned cores = 0;
  std::string cpu;
  std::string data;         // what the database holds ("100 sites, 10000 products, 1000000 moves")
};

struct Report {
  std::string workload;
  Environment env;
  std::vector<Figure> figures;
  std::vector<std::string> notes;   // further lines (phase times, what a figure covers)
  long peak_rss_kb = 0;             // of the process that served the calls
  std::string peak_rss_of;          // "bench process" or "downstream serve"
};

// Backend, durability settings, cores; `url` is the database.url in use.
Environment describe_environment(db::Database& db);
long own_peak_rss_kb();

void print_report(const Report& r, std::ostream& out);
void write_report_json(const Report& r, const std::string& file);

}  // namespace downstream::host::bench
