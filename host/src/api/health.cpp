#include "api/built_in_endpoints.h"
#include "runtime/runtime.h"

#include <cstdio>

namespace downstream::host {

namespace {
// How long each lifecycle phase took, so start time can be read per plugin (W6).
std::string phase_times(const PluginRecord& p) {
  std::string out = "{";
  for (int i = 0; i < 4; ++i) {
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.3f", p.phase_ms[i]);
    out += std::string(i ? "," : "") + "\"" + phase_name(static_cast<Phase>(i)) + "\":" + ms;
  }
  return out + "}";
}
}  // namespace

std::optional<BuiltIn> built_in_endpoint(const std::string& path) {
  if (path == "/healthz") return BuiltIn::health;
  if (path == "/metrics") return BuiltIn::metrics;
  if (path == "/api/v1/openapi.json") return BuiltIn::openapi;
  return std::nullopt;
}

ApiResponse health_answer(Runtime& rt) {
  bool db_ok = true;
  std::string db_error;
  try {
    rt.database().read([](db::Transaction& tx) { tx.query_int("SELECT 1"); });
  } catch (const std::exception& e) {
    db_ok = false;
    db_error = e.what();
  }
  std::string plugins, phases;
  bool plugins_ok = true;
  for (auto* p : rt.plugin_host().plugins()) {
    plugins_ok = plugins_ok && p->state == PluginState::started;
    plugins += std::string(plugins.empty() ? "" : ",") + "{\"name\":\"" + json_escape(p->manifest.name) +
               "\",\"version\":\"" + json_escape(p->manifest.version_text) + "\",\"state\":\"" + state_name(p->state) +
               "\"}";
    phases += std::string(phases.empty() ? "" : ",") + "\"" + json_escape(p->manifest.name) + "\":" + phase_times(*p);
  }
  bool ok = db_ok && plugins_ok;
  ApiResponse r;
  r.status = ok ? 200 : 503;
  r.body = std::string("{\"status\":\"") + (ok ? "ok" : "unavailable") + "\",\"database\":{\"ok\":" +
           (db_ok ? "true" : "false") + (db_ok ? "" : ",\"error\":\"" + json_escape(db_error) + "\"") +
           "},\"plugins\":[" + plugins + "],\"phase_ms\":{" + phases + "}}";
  return r;
}

}  // namespace downstream::host
