#pragma once
// The HTTP side of `downstream serve`: for now /healthz (process up, database
// reachable, plugin states); plugin routes, keys and TLS come with the API layer.
#include <memory>
#include <string>

namespace downstream::host {

class Runtime;

class HttpListener {
public:
  // Binds http.listen ("host:port"; port 0 picks a free one). Throws if it cannot.
  HttpListener(Runtime& runtime, const std::string& listen, int threads, int queue);
  ~HttpListener();
  void start();
  // Stops accepting; waits for requests in flight.
  void stop();
  // "127.0.0.1:8080", with the real port when 0 was asked for.
  std::string address() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace downstream::host
