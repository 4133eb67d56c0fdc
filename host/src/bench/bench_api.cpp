#include "bench/bench_api.h"

#include <downstream/clock.h>

#include <algorithm>
#include <stdexcept>

#include "api/api_keys.h"
#include "api/api_pipeline.h"
#include "bench/bench_report.h"
#include "bench/serve_process.h"
#include "runtime/runtime.h"
#include "serve/http_listener.h"

namespace downstream::host::bench {

BenchApi::BenchApi(const BenchSession& session, const std::string& form, int processes,
                   const std::vector<std::string>& serve_defines)
    : session_(session) {
  auto& rt = session.rt;
  auto settings = listener_settings(rt);
  auto secret = load_or_create_key_secret(settings.key_secret_file);
  if (form == "http") {
    for (int i = 0; i < processes; ++i) {
      auto defines = session.serve_defines();
      defines.insert(defines.end(), serve_defines.begin(), serve_defines.end());
      serves_.push_back(std::make_unique<ServeProcess>(session.cl.config_dir, defines));
      addresses_.push_back(serves_.back()->wait_listening());
    }
  } else {
    rt.boot(Stage::started);
    ApiSettings api;
    api.max_body_bytes = settings.max_body_bytes;
    api.idempotency_hours = settings.idempotency_hours;
    api.key_secret = secret;
    pipeline_ = std::make_shared<ApiPipeline>(rt, api);
  }
  ApiKeys keys(rt.database(), secret);
  key_ = keys.create("bench", http::Role::admin, {}, format_timestamp(rt.clock().now())).second;
}

BenchApi::~BenchApi() { stop(); }

ApiCall BenchApi::caller(int stream) {
  if (pipeline_) {
    return [pipeline = pipeline_, auth = "Bearer " + key_](const std::string& method, const std::string& target,
                                                            const std::string& body) {
      ApiRequest rq;
      rq.method = method;
      rq.target = target;
      rq.headers = {{"authorization", auth}};
      if (!body.empty()) rq.headers["content-type"] = "application/json";
      rq.body = body;
      auto out = pipeline->handle(rq);
      Answer a;
      a.status = out.status;
      a.body = std::move(out.body);
      return a;
    };
  }
  auto client = std::make_shared<LoopbackClient>(addresses_.at(static_cast<std::size_t>(stream) % addresses_.size()), key_);
  return [client](const std::string& method, const std::string& target, const std::string& body) {
    return client->send(method, target, body);
  };
}

long BenchApi::stop() {
  if (serves_.empty()) return own_peak_rss_kb();
  long peak = 0;
  for (auto& s : serves_) peak = std::max(peak, s->stop());
  return peak;
}

std::string BenchApi::memory_of() const {
  if (!pipeline_) return serves_.size() > 1 ? "largest downstream serve" : "downstream serve";
  return "bench process, in-process pipeline";
}

Answer expect_status(const ApiCall& call, int status, const std::string& method, const std::string& target,
                     const std::string& body) {
  auto a = call(method, target, body);
  if (a.status != status)
    throw std::runtime_error("check failed: " + method + " " + target + " answered " + std::to_string(a.status) +
                             ", not " + std::to_string(status) + ": " + a.body.substr(0, 400));
  return a;
}

}  // namespace downstream::host::bench
