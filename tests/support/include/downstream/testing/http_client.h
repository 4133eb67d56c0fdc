#pragma once
// A real HTTP(S) client for black-box tests of `downstream serve`.
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace downstream::testing {

struct HttpReply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-case
  std::string header(const std::string& lower_name) const;
};

struct HttpOptions {
  bool tls = false;
  std::string ca_file;        // the server's certificate, trusted for TLS
  // Offer exactly this protocol version ("1.1", "1.2", "1.3"); empty: the defaults.
  // "1.1" also lowers OpenSSL's security level so the client can offer it at all,
  // which makes the server's refusal the only thing a test of it can observe.
  std::string tls_version;
  int timeout_seconds = 30;
};

class HttpClient {
public:
  explicit HttpClient(std::string address, HttpOptions options = {});  // "127.0.0.1:8080"
  ~HttpClient();
  // Sends one request; headers are added as given. Throws std::runtime_error on a
  // transport failure (refused connection, TLS handshake rejected).
  HttpReply request(const std::string& method, const std::string& target, const std::string& body = "",
                    const std::map<std::string, std::string>& headers = {});
  HttpReply get(const std::string& target, const std::map<std::string, std::string>& headers = {}) {
    return request("GET", target, "", headers);
  }

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Headers for a JSON request with an API key: Authorization and Content-Type.
std::map<std::string, std::string> with_key(const std::string& key,
                                            std::map<std::string, std::string> more = {});

}  // namespace downstream::testing
