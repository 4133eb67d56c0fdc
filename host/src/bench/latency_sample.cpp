#include "bench/latency_sample.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace downstream::host::bench {

namespace {
double rank(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  auto n = static_cast<double>(sorted.size());
  auto k = static_cast<std::size_t>(std::ceil(fraction * n));
  return sorted[std::clamp<std::size_t>(k, 1, sorted.size()) - 1];
}
}  // namespace

double LatencySample::total_ms() const { return std::accumulate(ms_.begin(), ms_.end(), 0.0); }

Percentiles LatencySample::percentiles() const {
  auto sorted = ms_;
  std::sort(sorted.begin(), sorted.end());
  Percentiles p;
  p.p50 = rank(sorted, 0.50);
  p.p95 = rank(sorted, 0.95);
  p.p99 = rank(sorted, 0.99);
  p.max = sorted.empty() ? 0 : sorted.back();
  return p;
}

Spread spread_of(std::vector<double> values) {
  Spread s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  s.min = values.front();
  s.max = values.back();
  auto n = values.size();
  s.median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  return s;
}

}  // namespace downstream::host::bench
