#include "downstream/testing/http_client.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace downstream::testing {

std::string HttpReply::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::map<std::string, std::string> with_key(const std::string& key, std::map<std::string, std::string> more) {
  more.emplace("Authorization", "Bearer " + key);
  more.emplace("Content-Type", "application/json");
  return more;
}

struct HttpClient::Impl {
  std::string host;
  unsigned short port = 0;
  HttpOptions options;
  Poco::Net::Context::Ptr context;
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
};

HttpClient::HttpClient(std::string address, HttpOptions options) : impl_(std::make_unique<Impl>()) {
  auto colon = address.rfind(':');
  impl_->host = address.substr(0, colon);
  impl_->port = static_cast<unsigned short>(std::stoi(address.substr(colon + 1)));
  impl_->options = std::move(options);
  if (impl_->options.tls) {
    static std::once_flag ssl;
    std::call_once(ssl, [] { Poco::Net::initializeSSL(); });
    impl_->context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", impl_->options.ca_file,
                                            Poco::Net::Context::VERIFY_STRICT);
    if (const auto& v = impl_->options.tls_version; !v.empty()) {
      int version = v == "1.1" ? TLS1_1_VERSION : v == "1.2" ? TLS1_2_VERSION : TLS1_3_VERSION;
      SSL_CTX* ctx = impl_->context->sslContext();
      SSL_CTX_set_min_proto_version(ctx, version);
      SSL_CTX_set_max_proto_version(ctx, version);
      if (v == "1.1") SSL_CTX_set_cipher_list(ctx, "DEFAULT@SECLEVEL=0");
    }
    impl_->session = std::make_unique<Poco::Net::HTTPSClientSession>(impl_->host, impl_->port, impl_->context);
  } else {
    impl_->session = std::make_unique<Poco::Net::HTTPClientSession>(impl_->host, impl_->port);
  }
  impl_->session->setTimeout(Poco::Timespan(impl_->options.timeout_seconds, 0));
  impl_->session->setKeepAlive(true);
}

HttpClient::~HttpClient() = default;

HttpReply HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                              const std::map<std::string, std::string>& headers) {
  try {
    Poco::Net::HTTPRequest rq(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers) rq.set(name, value);
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
      rq.setContentLength(static_cast<std::streamsize>(body.size()));
    auto& out = impl_->session->sendRequest(rq);
    out << body;
    Poco::Net::HTTPResponse rs;
    auto& in = impl_->session->receiveResponse(rs);
    HttpReply reply;
    reply.status = static_cast<int>(rs.getStatus());
    std::ostringstream content;
    Poco::StreamCopier::copyStream(in, content);
    reply.body = content.str();
    for (const auto& [name, value] : rs) {
      std::string lower = name;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      reply.headers[lower] = value;
    }
    return reply;
  } catch (const Poco::Exception& e) {
    impl_->session->reset();
    throw std::runtime_error(method + " " + target + ": " + e.displayText());
  }
}

}  // namespace downstream::testing
