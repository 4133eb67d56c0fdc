#pragma once
// Request counts by route and status, and a latency histogram, for GET /metrics
// (Prometheus text format 0.0.4).
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace downstream::host {

class RequestMetrics {
public:
  // `route` is the template ("/api/v1/products/{sku}"), never the raw path, so the
  // number of series stays bounded; unmatched paths count under "unmatched".
  void observe(const std::string& method, const std::string& route, int status, double milliseconds);

  struct Gauges {
    int pool_size = 0, pool_in_use = 0;
    std::int64_t units_of_work = 0, retries = 0, round_trips = 0;
    std::vector<std::pair<std::string, std::string>> plugin_states;  // name, state
  };
  std::string render(const Gauges& gauges) const;

private:
  static constexpr std::array<double, 12> kBucketsMs = {1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};
  struct Histogram {
    std::array<std::uint64_t, kBucketsMs.size()> buckets{};
    std::uint64_t count = 0;
    double sum_ms = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> latency_;
};

}  // namespace downstream::host
