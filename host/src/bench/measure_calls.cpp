#include "bench/measure_calls.h"

#include <chrono>

namespace downstream::host::bench {

Figure measure_calls(const CallPlan& plan, const std::function<void(SeededRandom&)>& one_call) {
  SeededRandom warm(plan.seed ^ 0x5eedULL);
  for (std::int64_t i = 0; i < plan.warm_up; ++i) one_call(warm);
  std::vector<double> p50, p95, p99, rate;
  for (int r = 0; r < plan.repeats; ++r) {
    SeededRandom rnd(plan.seed + static_cast<std::uint64_t>(r));
    LatencySample sample;
    auto t0 = std::chrono::steady_clock::now();
    for (std::int64_t i = 0; i < plan.calls; ++i) timed(sample, [&] { one_call(rnd); });
    auto wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    auto p = sample.percentiles();
    p50.push_back(p.p50);
    p95.push_back(p.p95);
    p99.push_back(p.p99);
    rate.push_back(wall > 0 ? static_cast<double>(plan.calls) / wall : 0);
  }
  Figure f;
  f.measure = plan.measure;
  f.form = plan.form;
  f.calls = plan.calls;
  f.repeats = plan.repeats;
  f.p50 = spread_of(p50);
  f.p95 = spread_of(p95);
  f.p99 = spread_of(p99);
  f.per_second = spread_of(rate);
  return f;
}

}  // namespace downstream::host::bench
