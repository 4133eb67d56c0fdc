#include "serve/http_listener.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "api/api_keys.h"
#include "api/api_pipeline.h"
#include "runtime/runtime.h"

namespace downstream::host {

namespace {
using Poco::Net::HTTPRequestHandler;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Requests being handled, and whether the listener is stopping: a stop waits for
// the first to reach zero; a request arriving on a kept-alive connection while
// stopping is refused with 503.
struct Drain {
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
};

class PipelineHandler final : public HTTPRequestHandler {
public:
  PipelineHandler(ApiPipeline& pipeline, std::size_t max_body, Drain& drain)
      : pipeline_(pipeline), max_body_(max_body), drain_(drain) {}

  void handleRequest(HTTPServerRequest& req, HTTPServerResponse& resp) override {
    ++drain_.in_flight;
    struct Done {
      Drain& d;
      ~Done() { --d.in_flight; }
    } done{drain_};
    if (drain_.stopping) {
      resp.setStatus(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
      resp.setContentType("application/problem+json");
      resp.setKeepAlive(false);
      resp.set("Retry-After", "1");
      std::string body = problem_json(503, "Service Unavailable", "the server is stopping; retry on another host");
      resp.sendBuffer(body.data(), body.size());
      return;
    }
    ApiRequest in;
    in.method = req.getMethod();
    in.target = req.getURI();
    for (const auto& [name, value] : req) in.headers.emplace(lower(name), value);
    bool keep_alive = true;
    if (req.hasContentLength() && req.getContentLength64() > static_cast<Poco::Int64>(max_body_)) {
      in.body_too_large = true;
      keep_alive = false;  // the unread body makes the connection unusable
    } else {
      auto& stream = req.stream();
      std::string body;
      char buf[16384];
      while (stream.read(buf, sizeof buf) || stream.gcount() > 0) {
        body.append(buf, static_cast<std::size_t>(stream.gcount()));
        if (body.size() > max_body_) {
          in.body_too_large = true;
          keep_alive = false;
          break;
        }
      }
      if (!in.body_too_large) in.body = std::move(body);
    }
    ApiResponse out = pipeline_.handle(in);
    resp.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status));
    resp.setContentType(out.content_type);
    for (const auto& [name, value] : out.headers) resp.set(name, value);
    if (!keep_alive) resp.setKeepAlive(false);
    if (in.method == "HEAD") {
      resp.setContentLength(static_cast<std::streamsize>(out.body.size()));
      resp.send();
      return;
    }
    resp.sendBuffer(out.body.data(), out.body.size());
  }

private:
  ApiPipeline& pipeline_;
  std::size_t max_body_;
  Drain& drain_;
};

class PipelineFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
  PipelineFactory(ApiPipeline& pipeline, std::size_t max_body, Drain& drain)
      : pipeline_(pipeline), max_body_(max_body), drain_(drain) {}
  HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new PipelineHandler(pipeline_, max_body_, drain_);
  }

private:
  ApiPipeline& pipeline_;
  std::size_t max_body_;
  Drain& drain_;
};

std::string setting(Runtime& rt, const char* section, const char* key, const char* fallback) {
  auto v = rt.config().get(section, key);
  return v && !v->value.empty() ? v->value : std::string(fallback);
}

}  // namespace

ListenerSettings listener_settings(Runtime& rt) {
  ListenerSettings s;
  s.listen = setting(rt, "http", "listen", "127.0.0.1:8080");
  s.threads = std::stoi(setting(rt, "http", "threads", "8"));
  s.queue = std::stoi(setting(rt, "http", "queue", "64"));
  s.max_body_bytes = static_cast<std::size_t>(std::stoll(setting(rt, "http", "max_body_bytes", "1048576")));
  s.idempotency_hours = std::stoi(setting(rt, "http", "idempotency_hours", "24"));
  s.tls_cert = setting(rt, "http", "tls_cert", "");
  s.tls_key = setting(rt, "http", "tls_key", "");
  s.key_secret_file = setting(rt, "security", "key_secret_file", "var/key-secret");
  return s;
}

struct HttpListener::Impl {
  Drain drain;
  // Our own pool, not Poco's process-wide default: its threads end at stop(), so
  // per-thread state (OpenSSL's error queues) is freed before the process exits.
  std::unique_ptr<Poco::ThreadPool> threads;
  std::unique_ptr<ApiPipeline> pipeline;
  std::unique_ptr<Poco::Net::ServerSocket> socket;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  bool tls = false;
};

HttpListener::HttpListener(Runtime& runtime, const ListenerSettings& s) : impl_(std::make_unique<Impl>()) {
  ApiSettings api;
  api.max_body_bytes = s.max_body_bytes;
  api.idempotency_hours = s.idempotency_hours;
  api.key_secret = load_or_create_key_secret(s.key_secret_file);
  impl_->pipeline = std::make_unique<ApiPipeline>(runtime, api);

  Poco::Net::SocketAddress address;
  try {
    address = Poco::Net::SocketAddress(s.listen);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("http.listen = '" + s.listen + "' is not host:port (" + e.displayText() + ")");
  }
  if (s.tls_cert.empty() != s.tls_key.empty())
    throw std::runtime_error("set both http.tls_cert and http.tls_key for HTTPS, or neither for HTTP");
  try {
    if (!s.tls_cert.empty()) {
      Poco::Net::initializeSSL();
      Poco::Net::Context::Ptr ctx = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, s.tls_key.string(),
                                                           s.tls_cert.string(), "", Poco::Net::Context::VERIFY_NONE);
      ctx->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                            Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
      impl_->socket = std::make_unique<Poco::Net::SecureServerSocket>(ctx);
      impl_->tls = true;
    } else {
      impl_->socket = std::make_unique<Poco::Net::ServerSocket>();
    }
    impl_->socket->bind(address, true);
    impl_->socket->listen(s.queue);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("cannot listen on " + s.listen + (impl_->tls ? " with TLS" : "") + ": " + e.displayText());
  }
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(s.threads);
  params->setMaxQueued(s.queue);
  params->setKeepAlive(true);
  impl_->threads = std::make_unique<Poco::ThreadPool>(std::min(2, s.threads), s.threads);
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(
      new PipelineFactory(*impl_->pipeline, s.max_body_bytes, impl_->drain), *impl_->threads, *impl_->socket, params);
}

HttpListener::~HttpListener() { stop(); }

void HttpListener::start() { impl_->server->start(); }

void HttpListener::stop(int grace_ms) {
  if (!impl_->server) return;
  // Stop accepting and close the listening socket, so new connections are refused
  // rather than left waiting in the backlog; requests in flight finish; then idle
  // kept-alive connections are closed.
  impl_->drain.stopping = true;
  impl_->server->stop();
  impl_->socket->close();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(grace_ms);
  while (impl_->drain.in_flight > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  impl_->server->stopAll(true);
  while (impl_->server->currentThreads() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  impl_->server.reset();
  impl_->threads->stopAll();
}

std::string HttpListener::address() const { return impl_->socket->address().toString(); }

bool HttpListener::tls() const { return impl_->tls; }

}  // namespace downstream::host
