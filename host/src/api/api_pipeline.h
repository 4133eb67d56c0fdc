#pragma once
// One API request from bytes to answer, without Poco: built-in endpoints,
// routing (404/405), body limits (413), content type (415), API keys (401/403),
// one unit of work per request (2xx commits, anything else rolls back; busy →
// 503), idempotent POSTs, problem errors, the access log and metrics.
// serve/http_listener.cpp adapts Poco's server to it.
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace downstream::host {

class Runtime;

struct ApiSettings {
  std::size_t max_body_bytes = 1 << 20;
  int idempotency_hours = 24;
  std::string key_secret;  // API keys are hashed under it
};

struct ApiRequest {
  std::string method;                          // "GET"
  std::string target;                          // "/api/v1/x?site=A"
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
  bool body_too_large = false;                 // the listener stopped reading at max_body_bytes
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class ApiPipeline {
public:
  ApiPipeline(Runtime& runtime, ApiSettings settings);
  ~ApiPipeline();
  // Never throws: every failure is a problem response.
  ApiResponse handle(const ApiRequest& request);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// An RFC 9457 problem body: type, title, status, detail and, for validation, errors.
std::string problem_json(int status, const std::string& title, const std::string& detail,
                         const std::vector<std::pair<std::string, std::string>>& field_errors = {});
std::string json_escape(const std::string& text);

}  // namespace downstream::host
