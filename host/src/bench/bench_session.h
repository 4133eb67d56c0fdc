#pragma once
// What every workload runs with: the booted runtime, the command line it was
// booted from (to start `downstream serve` the same way) and the options.
#include <string>
#include <vector>

#include "bench/bench_options.h"
#include "cli/cli.h"

namespace downstream::host {
class Runtime;
}

namespace downstream::host::bench {

struct BenchSession {
  Runtime& rt;
  const CommandLine& cl;
  const BenchOptions& options;
  // -D section.key=value for a serve started by the bench (the --db URL among them).
  std::vector<std::string> serve_defines() const;
};

}  // namespace downstream::host::bench
