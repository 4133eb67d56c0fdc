// `downstream bench`: generate data for a workload, or measure one, on the
// database the configuration (or --db) names. Workloads: BENCHMARKS.md and
// ../shared/workloads/README.md.
#include <downstream/clock.h>
#include <downstream/ports/database.h>

#include <chrono>
#include <iostream>
#include <map>
#include <stdexcept>

#include "bench/bench_options.h"
#include "bench/bench_session.h"
#include "bench/distribution_workloads.h"
#include "bench/ledger_at_scale.h"
#include "bench/ledger_generator.h"
#include "bench/start_workload.h"
#include "cli/cli.h"
#include "runtime/runtime.h"

namespace downstream::host {

namespace bench {

std::vector<std::string> BenchSession::serve_defines() const {
  std::vector<std::string> out;
  for (const auto& [key, value] : cl.defines)
    if (key != "host.clock") out.push_back(key + "=" + value);
  return out;
}

namespace {

// W1's other flows arrive with their modules.
const std::map<std::string, std::string> kNeedModule = {{"purchase-receive", "purchasing"}, {"return", "returns"}};
const std::map<std::string, Report (*)(const BenchSession&)> kWorkloads = {
    {"ledger-at-scale", run_ledger_at_scale}, {"start", run_start},          {"order-to-ship", run_order_to_ship},
    {"stock-read", run_stock_read},           {"hot-product", run_hot_product}};

// A run whose checks fail reports no figure (workloads README).
bool invariants_hold(Runtime& rt, std::ostream& out) {
  auto t0 = std::chrono::steady_clock::now();
  std::size_t violations = 0;
  rt.database().read([&](db::Transaction& tx) {
    violations = 0;
    for (const auto& c : rt.commands().checks()) {
      auto found = c.check.run(tx);
      violations += found.size();
      for (const auto& v : found) out << "  FAILED " << c.check.name << ": " << v << "\n";
    }
  });
  out << "checks     " << (violations ? "FAILED" : "ok") << " (downstream check, "
      << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count()
      << " ms)\n";
  return violations == 0;
}

int generate(const BenchSession& s) {
  auto r = generate_ledger(s.rt, s.options.gen, s.options.seed, std::cout);
  std::cout << "generated in " << static_cast<long long>(r.seconds) << " s on " << s.rt.database().describe() << ": "
            << r.sites << " sites, " << r.products << " products, " << r.moves << " moves, " << r.periods
            << " closed periods (seed " << s.options.seed << ")\n";
  return 0;
}

int measure(const BenchSession& s) {
  const auto& name = s.options.work.workload;
  Report report;
  try {
    report = kWorkloads.at(name)(s);
  } catch (const std::runtime_error& e) {
    std::cerr << "downstream bench: " << e.what() << "\nno figure is reported\n";
    return 1;
  }
  report.env.database = s.rt.database().describe();
  if (!invariants_hold(s.rt, std::cout)) {
    std::cerr << "downstream bench: the checks failed after the run; no figure is reported\n";
    return 1;
  }
  print_report(report, std::cout);
  if (!s.options.work.json_file.empty()) {
    write_report_json(report, s.options.work.json_file);
    std::cout << "wrote " << s.options.work.json_file << "\n";
  }
  return 0;
}

}  // namespace
}  // namespace bench

int cmd_bench(const CommandLine& cl) {
  bench::BenchOptions options;
  try {
    options = bench::parse_bench_options(cl.args);
  } catch (const std::invalid_argument& e) {
    std::cerr << "downstream bench: " << e.what() << "\n" << bench::kBenchUsage;
    return 64;
  }
  const auto& name = options.work.workload;
  if (!options.generate && bench::kNeedModule.count(name)) {
    std::cerr << "downstream bench: workload '" << name << "' needs the " << bench::kNeedModule.at(name)
              << " module, which this build does not have yet\n";
    return 69;
  }
  if (!options.generate && !bench::kWorkloads.count(name)) {
    std::cerr << "downstream bench: unknown workload '" << name << "'\n" << bench::kBenchUsage;
    return 64;
  }
  CommandLine run = cl;
  run.args.clear();
  if (options.db) run.defines.emplace_back("database.url", *options.db);
  // The generator dates its moves by moving a fixed clock along two years.
  if (options.generate)
    run.defines.emplace_back("host.clock", format_timestamp(std::chrono::time_point_cast<std::chrono::microseconds>(
                                               std::chrono::system_clock::now())));
  Runtime rt(run);
  rt.boot(Stage::registered);
  bench::BenchSession session{rt, run, options};
  return options.generate ? bench::generate(session) : bench::measure(session);
}

}  // namespace downstream::host
