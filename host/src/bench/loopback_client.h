#pragma once
// The bench's HTTP client: one kept-alive connection, requests with an API key.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace Poco::Net {
class HTTPClientSession;
}

namespace downstream::host::bench {

struct Answer {
  int status = 0;
  std::string body;
  // The time to count for this request when it is not the call's wall time
  // (the floor counts only its replay of the request's statements).
  std::optional<std::chrono::nanoseconds> took;
  // Statements the request ran, where the bench could count them (in-process).
  std::int64_t statements = -1;
  std::int64_t round_trips = -1;  // to the database server, where the bench could count them
};

class LoopbackClient {
public:
  // "127.0.0.1:8080" or "http://127.0.0.1:8080"
  LoopbackClient(const std::string& address, std::string key);
  ~LoopbackClient();
  Answer get(const std::string& target) { return send("GET", target, ""); }
  // A non-empty body goes as application/json.
  Answer send(const std::string& method, const std::string& target, const std::string& body);

private:
  std::unique_ptr<Poco::Net::HTTPClientSession> session_;
  std::string key_;
};

}  // namespace downstream::host::bench
