#pragma once
// Latencies of one repetition, and the spread of a figure over repetitions.
// Times are doubles in milliseconds: they are measurements, never quantities.
#include <chrono>
#include <cstddef>
#include <vector>

namespace downstream::host::bench {

struct Percentiles {
  double p50 = 0, p95 = 0, p99 = 0, max = 0;  // ms
};

class LatencySample {
public:
  void add(std::chrono::steady_clock::duration d) { ms_.push_back(std::chrono::duration<double, std::milli>(d).count()); }
  std::size_t size() const { return ms_.size(); }
  void merge(const LatencySample& other) { ms_.insert(ms_.end(), other.ms_.begin(), other.ms_.end()); }
  double total_ms() const;
  // Nearest rank: p99 of 1,000 calls is the 990th fastest.
  Percentiles percentiles() const;

private:
  std::vector<double> ms_;
};

// Median, min and max of one figure over the repetitions.
struct Spread {
  double median = 0, min = 0, max = 0;
};
Spread spread_of(std::vector<double> values);

// Times `call` once and adds it to `sample`.
template <class F>
void timed(LatencySample& sample, F&& call) {
  auto t0 = std::chrono::steady_clock::now();
  call();
  sample.add(std::chrono::steady_clock::now() - t0);
}

}  // namespace downstream::host::bench
