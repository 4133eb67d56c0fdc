#pragma once
// The API as a workload calls it, in either form: in-process through the host's
// request pipeline (routing, API key, one unit of work per request, problem
// answers; no sockets, no JSON over the wire), or over loopback HTTP to
// `downstream serve` processes the bench starts on the same database.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_session.h"
#include "bench/loopback_client.h"

namespace downstream::host {
class ApiPipeline;
}

namespace downstream::host::bench {

class ServeProcess;

// One request: method, target ("/api/v1/x?y=z"), JSON body or "".
using ApiCall = std::function<Answer(const std::string& method, const std::string& target, const std::string& body)>;

class BenchApi {
public:
  // form "http" starts `processes` serve processes; "in-process" boots the
  // bench's runtime to Stage::started, as serve does, and builds the pipeline.
  // `serve_defines` go to the serve processes only ("http.threads=16").
  BenchApi(const BenchSession& session, const std::string& form, int processes = 1,
           const std::vector<std::string>& serve_defines = {});
  ~BenchApi();
  BenchApi(const BenchApi&) = delete;
  BenchApi& operator=(const BenchApi&) = delete;

  // A caller for one client stream: over http its own kept-alive connection to
  // serve number `stream % processes`. Not shared between threads.
  ApiCall caller(int stream = 0);
  int processes() const { return static_cast<int>(addresses_.size()); }
  // Stops the serve processes; the peak memory of the largest (kB), or the bench's own.
  long stop();
  std::string memory_of() const;

private:
  const BenchSession& session_;
  std::string key_;
  std::shared_ptr<ApiPipeline> pipeline_;
  std::vector<std::unique_ptr<ServeProcess>> serves_;
  std::vector<std::string> addresses_;
};

// The answer, required to have `status`; throws "check failed: ..." naming the call otherwise.
Answer expect_status(const ApiCall& call, int status, const std::string& method, const std::string& target,
                     const std::string& body = "");

}  // namespace downstream::host::bench
