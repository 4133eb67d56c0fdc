#pragma once
// The HTTP(S) side of `downstream serve`: Poco's server in front of the ApiPipeline.
#include <filesystem>
#include <memory>
#include <string>

namespace downstream::host {

class Runtime;

struct ListenerSettings {
  std::string listen = "127.0.0.1:8080";  // "host:port"; port 0 picks a free one
  int threads = 8;
  int queue = 64;
  std::size_t max_body_bytes = 1 << 20;
  int idempotency_hours = 24;
  std::filesystem::path tls_cert, tls_key;  // both set: HTTPS only, TLS 1.2 and newer
  std::filesystem::path key_secret_file;    // the secret API keys are hashed under
};

// Reads [http] and [security] from the runtime's configuration.
ListenerSettings listener_settings(Runtime& runtime);

class HttpListener {
public:
  // Binds and prepares; throws std::runtime_error naming the setting if it cannot.
  HttpListener(Runtime& runtime, const ListenerSettings& settings);
  ~HttpListener();
  void start();
  // Refuses new connections, lets requests in flight finish (up to `grace_ms`), then closes.
  void stop(int grace_ms = 20000);
  // "127.0.0.1:8080", with the real port when 0 was asked for.
  std::string address() const;
  bool tls() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace downstream::host
