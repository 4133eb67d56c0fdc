#pragma once
// Runs one kind of call `calls` times per repetition and turns the latencies into
// a Figure. Each repetition draws its calls from seed + repetition; a call that
// finds a wrong answer throws, and the run then reports no figure.
#include <cstdint>
#include <functional>
#include <string>

#include "bench/bench_random.h"
#include "bench/bench_report.h"

namespace downstream::host::bench {

struct CallPlan {
  std::string measure;
  std::string form;
  std::int64_t calls = 1'000;
  int repeats = 3;
  std::int64_t warm_up = 20;  // calls before the first repetition, not counted
  std::uint64_t seed = 42;
};

Figure measure_calls(const CallPlan& plan, const std::function<void(SeededRandom&)>& one_call);

}  // namespace downstream::host::bench
