#include "bench/loopback_client.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <stdexcept>

namespace downstream::host::bench {

LoopbackClient::LoopbackClient(const std::string& address, std::string key) : key_(std::move(key)) {
  auto hostport = address.rfind("http://", 0) == 0 ? address.substr(7) : address;
  if (!hostport.empty() && hostport.back() == '/') hostport.pop_back();
  auto colon = hostport.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("expected HOST:PORT, got '" + address + "'");
  session_ = std::make_unique<Poco::Net::HTTPClientSession>(
      hostport.substr(0, colon), static_cast<Poco::UInt16>(std::stoi(hostport.substr(colon + 1))));
  session_->setKeepAlive(true);
}

LoopbackClient::~LoopbackClient() = default;

Answer LoopbackClient::send(const std::string& method, const std::string& target, const std::string& body) {
  Poco::Net::HTTPRequest rq(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  rq.setKeepAlive(true);
  if (!key_.empty()) rq.set("Authorization", "Bearer " + key_);
  if (!body.empty() || method == "POST" || method == "PUT") {
    rq.setContentType("application/json");
    rq.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  session_->sendRequest(rq) << body;
  Poco::Net::HTTPResponse rs;
  auto& in = session_->receiveResponse(rs);
  Answer a;
  a.status = static_cast<int>(rs.getStatus());
  Poco::StreamCopier::copyToString(in, a.body);
  return a;
}

}  // namespace downstream::host::bench
