#include "bench/bench_report.h"

#include <downstream/json.h>
#include <downstream/ports/database.h>
#include <sys/resource.h>

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <stdexcept>
#include <thread>

namespace downstream::host::bench {

namespace {

std::string ms_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, v < 10 ? "%.3f" : "%.1f", v);
  return buf;
}

std::string spread_text(const Spread& s) { return ms_text(s.median) + " (" + ms_text(s.min) + "-" + ms_text(s.max) + ")"; }

json::Value spread_json(const Spread& s) {
  return json::Object{{"median", json::number(ms_text(s.median))},
                      {"min", json::number(ms_text(s.min))},
                      {"max", json::number(ms_text(s.max))}};
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) {
      auto colon = line.find(':');
      return colon == std::string::npos ? line : line.substr(colon + 2);
    }
  return "unknown";
}

}  // namespace

Environment describe_environment(db::Database& db) {
  Environment e;
  e.backend = db.dialect() == db::Dialect::sqlite ? "SQLite" : "PostgreSQL";
  e.durability = db.describe();
  if (db.dialect() == db::Dialect::postgresql) {
    // synchronous_commit alone does not say whether commits reach the disk.
    db.read([&](db::Transaction& tx) {
      auto fsync = tx.query_one("SELECT setting FROM pg_settings WHERE name = 'fsync'");
      if (fsync) e.durability += ", fsync=" + fsync->get_text(0);
    });
  }
  e.cores = std::thread::hardware_concurrency();
  e.cpu = cpu_model();
  return e;
}

long own_peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

void print_report(const Report& r, std::ostream& out) {
  out << "workload   " << r.workload << "\n"
      << "backend    " << r.env.backend << " (" << r.env.durability << ")\n"
      << "machine    " << r.env.cores << " cores, " << r.env.cpu << "\n";
  if (!r.env.data.empty()) out << "data       " << r.env.data << "\n";
  out << "figures    median of repetitions (min-max), latency in ms\n\n";
  out << std::left << std::setw(46) << "measure" << std::setw(11) << "form" << std::setw(12) << "calls x rep"
      << std::setw(24) << "p50" << std::setw(24) << "p95" << std::setw(24) << "p99" << "calls/s\n";
  for (const auto& f : r.figures)
    out << std::left << std::setw(46) << f.measure << std::setw(11) << f.form << std::setw(12)
        << (std::to_string(f.calls) + " x " + std::to_string(f.repeats)) << std::setw(24) << spread_text(f.p50)
        << std::setw(24) << spread_text(f.p95) << std::setw(24) << spread_text(f.p99)
        << spread_text(f.per_second) << "\n";
  for (const auto& n : r.notes) out << "  " << n << "\n";
  out << "peak memory " << r.peak_rss_kb / 1024 << " MB (" << r.peak_rss_of << ")\n";
}

void write_report_json(const Report& r, const std::string& file) {
  json::Array figures;
  for (const auto& f : r.figures)
    figures.push_back(json::Object{{"measure", f.measure},
                                   {"form", f.form},
                                   {"calls", f.calls},
                                   {"repeats", f.repeats},
                                   {"p50_ms", spread_json(f.p50)},
                                   {"p95_ms", spread_json(f.p95)},
                                   {"p99_ms", spread_json(f.p99)},
                                   {"calls_per_second", spread_json(f.per_second)}});
  json::Array notes;
  for (const auto& n : r.notes) notes.push_back(n);
  json::Object doc{{"workload", r.workload},
                   {"backend", r.env.backend},
                   {"durability", r.env.durability},
                   {"database", r.env.database},
                   {"cores", r.env.cores},
                   {"cpu", r.env.cpu},
                   {"data", r.env.data},
                   {"figures", std::move(figures)},
                   {"notes", std::move(notes)},
                   {"peak_rss_kb", r.peak_rss_kb},
                   {"peak_rss_of", r.peak_rss_of}};
  std::ofstream out(file);
  if (!out) throw std::runtime_error("cannot write " + file);
  out << json::Value(std::move(doc)).dump() << "\n";
}

}  // namespace downstream::host::bench
