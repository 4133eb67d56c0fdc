#include "serve/http_listener.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <sstream>

#include "runtime/runtime.h"

namespace downstream::host {

namespace {
using Poco::Net::HTTPRequestHandler;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

void send(HTTPServerResponse& resp, int status, const std::string& content_type, const std::string& body) {
  resp.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  resp.setContentType(content_type);
  resp.setContentLength(static_cast<std::streamsize>(body.size()));
  resp.send() << body;
}

class HealthHandler final : public HTTPRequestHandler {
public:
  explicit HealthHandler(Runtime& rt) : rt_(rt) {}
  void handleRequest(HTTPServerRequest&, HTTPServerResponse& resp) override {
    bool db_ok = true;
    std::string db_error;
    try {
      rt_.database().read([](db::Transaction& tx) { tx.query_int("SELECT 1"); });
    } catch (const std::exception& e) {
      db_ok = false;
      db_error = e.what();
    }
    std::string plugins;
    bool plugins_ok = true;
    for (auto* p : rt_.plugin_host().plugins()) {
      plugins_ok = plugins_ok && p->state == PluginState::started;
      plugins += std::string(plugins.empty() ? "" : ",") + "{\"name\":\"" + json_escape(p->manifest.name) +
                 "\",\"version\":\"" + json_escape(p->manifest.version_text) + "\",\"state\":\"" +
                 state_name(p->state) + "\"}";
    }
    bool ok = db_ok && plugins_ok;
    std::string body = std::string("{\"status\":\"") + (ok ? "ok" : "unavailable") + "\",\"database\":{\"ok\":" +
                       (db_ok ? "true" : "false") +
                       (db_ok ? "" : ",\"error\":\"" + json_escape(db_error) + "\"") + "},\"plugins\":[" + plugins +
                       "]}";
    send(resp, ok ? 200 : 503, "application/json", body);
  }

private:
  Runtime& rt_;
};

class NotFoundHandler final : public HTTPRequestHandler {
public:
  void handleRequest(HTTPServerRequest& req, HTTPServerResponse& resp) override {
    send(resp, 404, "application/problem+json",
         "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no route for " +
             json_escape(req.getURI()) + "\"}");
  }
};

class Router final : public Poco::Net::HTTPRequestHandlerFactory {
public:
  explicit Router(Runtime& rt) : rt_(rt) {}
  HTTPRequestHandler* createRequestHandler(const HTTPServerRequest& req) override {
    if (req.getURI() == "/healthz") return new HealthHandler(rt_);
    return new NotFoundHandler;
  }

private:
  Runtime& rt_;
};
}  // namespace

struct HttpListener::Impl {
  Poco::Net::ServerSocket socket;
  std::unique_ptr<Poco::Net::HTTPServer> server;
};

HttpListener::HttpListener(Runtime& runtime, const std::string& listen, int threads, int queue)
    : impl_(std::make_unique<Impl>()) {
  impl_->socket.bind(Poco::Net::SocketAddress(listen), true);
  impl_->socket.listen(queue);
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(threads);
  params->setMaxQueued(queue);
  params->setKeepAlive(true);
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Router(runtime), impl_->socket, params);
}

HttpListener::~HttpListener() { stop(); }

void HttpListener::start() { impl_->server->start(); }

void HttpListener::stop() {
  if (impl_->server) {
    impl_->server->stopAll(false);
    impl_->server.reset();
  }
}

std::string HttpListener::address() const { return impl_->socket.address().toString(); }

}  // namespace downstream::host
