#pragma once
// What `downstream bench` was asked to do, read from its arguments.
//   downstream bench generate --sites 100 --products 10000 --moves 1000000 [--seed 42] [--append] --db URL
//   downstream bench --workload ledger-at-scale|start [--form in-process|http] [--repeat 3] [--calls 1000]
//                    [--json FILE] [--url URL --key KEY] --db URL
//   downstream bench --workload order-to-ship|stock-read [--orders 200] [--form in-process|http|floor]
//                    [--clients 1] [--processes 1] [--repeat 3] --db URL
//   downstream bench --workload hot-product [--form in-process|http] [--units 100] [--clients 16] [--attempts 50]
//                    [--processes 1] --db URL
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace downstream::host::bench {

struct GenerateOptions {
  std::int64_t sites = 100;
  std::int64_t products = 10'000;
  std::int64_t moves = 1'000'000;
  std::int64_t batch = 2'000;        // moves per unit of work
  std::int64_t close_every_days = 91;  // a closed period every so many days (0: none), for stock as of a date
  bool append = false;
};

struct WorkloadOptions {
  std::string workload;              // ledger-at-scale, start, order-to-ship, ...
  std::string form = "in-process";   // or http; order-to-ship also floor
  int clients_or(int own) const { return clients > 0 ? clients : own; }
  int repeat = 3;
  std::int64_t calls = 1'000;        // calls per measure and repetition
  bool calls_given = false;          // stock-read makes 20 unless told
  std::int64_t orders = 200;         // W1 order-to-ship: orders per repetition
  int clients = 0;                   // concurrent client streams; 0: the workload's own (W1 1, W2 16)
  int processes = 1;                 // http form: serve processes the streams spread over
  std::int64_t attempts = 50;        // W2: orders each client tries
  std::int64_t units = 100;          // W2: K, units of the hot product
  int starts = 5;                    // W6: how many times serve is started
  std::string url;                   // http form against a running serve (with key)
  std::string key;
  std::string json_file;
};

struct BenchOptions {
  bool generate = false;
  std::uint64_t seed = 42;
  std::optional<std::string> db;     // --db URL: overrides database.url
  GenerateOptions gen;
  WorkloadOptions work;
};

// Throws std::invalid_argument naming the bad argument.
BenchOptions parse_bench_options(const std::vector<std::string>& args);

extern const char* const kBenchUsage;

}  // namespace downstream::host::bench
