#include "api/metrics.h"

#include <cstdio>
#include <sstream>

namespace downstream::host {

namespace {
// Label values escape backslash, quote and newline.
std::string label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
std::string seconds(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", ms / 1000.0);
  return buf;
}
}  // namespace

void RequestMetrics::observe(const std::string& method, const std::string& route, int status, double ms) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  auto& h = latency_[{method, route}];
  for (std::size_t i = 0; i < kBucketsMs.size(); ++i)
    if (ms <= kBucketsMs[i]) ++h.buckets[i];
  ++h.count;
  h.sum_ms += ms;
}

std::string RequestMetrics::render(const Gauges& g) const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP downstream_http_requests_total Requests answered, by method, route template and status.\n"
      << "# TYPE downstream_http_requests_total counter\n";
  for (const auto& [k, n] : requests_)
    out << "downstream_http_requests_total{method=\"" << std::get<0>(k) << "\",route=\"" << label(std::get<1>(k))
        << "\",status=\"" << std::get<2>(k) << "\"} " << n << "\n";
  out << "# HELP downstream_http_request_duration_seconds Time from reading the request to writing the answer.\n"
      << "# TYPE downstream_http_request_duration_seconds histogram\n";
  for (const auto& [k, h] : latency_) {
    std::string labels = "method=\"" + k.first + "\",route=\"" + label(k.second) + "\"";
    for (std::size_t i = 0; i < kBucketsMs.size(); ++i)
      out << "downstream_http_request_duration_seconds_bucket{" << labels << ",le=\"" << seconds(kBucketsMs[i])
          << "\"} " << h.buckets[i] << "\n";
    out << "downstream_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << h.count << "\n"
        << "downstream_http_request_duration_seconds_sum{" << labels << "} " << seconds(h.sum_ms) << "\n"
        << "downstream_http_request_duration_seconds_count{" << labels << "} " << h.count << "\n";
  }
  out << "# HELP downstream_db_pool_sessions Database sessions kept open by this process.\n"
      << "# TYPE downstream_db_pool_sessions gauge\n"
      << "downstream_db_pool_sessions " << g.pool_size << "\n"
      << "# HELP downstream_db_pool_in_use Database sessions leased right now.\n"
      << "# TYPE downstream_db_pool_in_use gauge\n"
      << "downstream_db_pool_in_use " << g.pool_in_use << "\n"
      << "# HELP downstream_db_units_of_work_total Units of work run.\n"
      << "# TYPE downstream_db_units_of_work_total counter\n"
      << "downstream_db_units_of_work_total " << g.units_of_work << "\n"
      << "# HELP downstream_db_retries_total Units of work run again after busy, serialisation failure or deadlock.\n"
      << "# TYPE downstream_db_retries_total counter\n"
      << "downstream_db_retries_total " << g.retries << "\n"
      << "# HELP downstream_db_round_trips_total Round trips to the database server (PostgreSQL; 0 for SQLite).\n"
      << "# TYPE downstream_db_round_trips_total counter\n"
      << "downstream_db_round_trips_total " << g.round_trips << "\n"
      << "# HELP downstream_plugin_state 1 for the state each plugin is in.\n"
      << "# TYPE downstream_plugin_state gauge\n";
  for (const auto& [name, state] : g.plugin_states)
    out << "downstream_plugin_state{plugin=\"" << label(name) << "\",state=\"" << state << "\"} 1\n";
  return out.str();
}

}  // namespace downstream::host
