#include "bench/start_workload.h"

#include <downstream/json.h>

#include <chrono>
#include <map>
#include <stdexcept>
#include <thread>

#include "bench/loopback_client.h"
#include "bench/serve_process.h"
#include "runtime/runtime.h"

namespace downstream::host::bench {

namespace {

using Steady = std::chrono::steady_clock;

double ms_between(Steady::time_point a, Steady::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// Polls until /healthz answers 200; returns its body.
std::string first_healthy(const std::string& address) {
  auto deadline = Steady::now() + std::chrono::seconds(30);
  std::string last;
  while (Steady::now() < deadline) {
    try {
      LoopbackClient http(address, "");
      auto a = http.get("/healthz");
      if (a.status == 200) return a.body;
      last = std::to_string(a.status) + " " + a.body;
    } catch (const std::exception& e) {
      last = e.what();
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  throw std::runtime_error("check failed: /healthz never answered 200 (last: " + last + ")");
}

}  // namespace

Report run_start(const BenchSession& session) {
  const auto& o = session.options;
  Report report;
  report.workload = "W6 start";
  report.env = describe_environment(session.rt.database());
  report.env.data = "an already migrated database";

  std::vector<double> listening_ms;
  std::map<std::string, std::map<std::string, std::vector<double>>> phases;  // plugin -> phase -> ms
  long peak = 0;
  auto one_start = [&](LatencySample* healthy) {
    ServeProcess serve(session.cl.config_dir, session.serve_defines());
    auto address = serve.wait_listening();
    auto listening = Steady::now();
    auto body = first_healthy(address);
    auto answered = Steady::now();
    if (!healthy) return;  // the warm-up start
    healthy->add(answered - serve.started_at());
    listening_ms.push_back(ms_between(serve.started_at(), listening));
    auto health = json::parse(body);
    if (const auto* per_plugin = health.as_object().find("phase_ms"))
      for (const auto& [plugin, by_phase] : per_plugin->as_object())
        for (const auto& [phase, ms] : by_phase.as_object()) phases[plugin][phase].push_back(std::stod(ms.number_text()));
    peak = std::max(peak, serve.stop());  // stopping is not part of the figure
  };
  one_start(nullptr);
  std::vector<double> p50, p95, p99, rate;
  for (int r = 0; r < o.work.repeat; ++r) {
    LatencySample sample;
    for (int i = 0; i < o.work.starts; ++i) one_start(&sample);
    auto p = sample.percentiles();
    p50.push_back(p.p50);
    p95.push_back(p.p95);
    p99.push_back(p.p99);
    rate.push_back(sample.total_ms() > 0 ? 1000.0 * static_cast<double>(sample.size()) / sample.total_ms() : 0);
  }
  Figure f;
  f.measure = "exec to first /healthz 200";
  f.form = "http";
  f.calls = o.work.starts;
  f.repeats = o.work.repeat;
  f.p50 = spread_of(p50);
  f.p95 = spread_of(p95);
  f.p99 = spread_of(p99);
  f.per_second = spread_of(rate);
  report.figures.push_back(f);
  // The starts are timed from the fork, so the figure includes exec, loading and
  // verifying every plugin, migrations found current, and the listener.
  auto l = spread_of(listening_ms);
  char line[160];
  std::snprintf(line, sizeof line, "exec to \"listening\" printed: median %.1f ms (%.1f-%.1f) over %zu starts", l.median,
                l.min, l.max, listening_ms.size());
  report.notes.push_back(line);
  for (const auto& [plugin, by_phase] : phases) {
    std::string text = "plugin " + plugin + ", median ms per phase:";
    for (const char* phase : {"configure", "migrate", "register", "start"}) {
      auto it = by_phase.find(phase);
      if (it == by_phase.end()) continue;
      std::snprintf(line, sizeof line, " %s %.2f", phase, spread_of(it->second).median);
      text += line;
    }
    report.notes.push_back(text);
  }
  report.peak_rss_kb = peak;
  report.peak_rss_of = "downstream serve (largest of the starts)";
  return report;
}

}  // namespace downstream::host::bench
