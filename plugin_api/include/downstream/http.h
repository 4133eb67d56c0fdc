#pragma once
// HTTP routes a plugin adds to the host's API. The host owns the server, keys,
// errors and idempotency; a route only maps a request to a response inside one
// unit of work. No Poco type appears here.
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <downstream/export.h>

namespace downstream {
namespace db {
class Transaction;
}
namespace http {

enum class Method { get, post, put, patch, del };

// What a key may do: a viewer reads, an operator also writes documents, an admin also configures.
enum class Role { viewer = 1, operator_ = 2, admin = 3 };

// A request as the route sees it, after authentication and routing.
struct Request {
  Method method = Method::get;
  std::string path;                                 // "/api/v1/products/ABC-1"
  std::map<std::string, std::string> path_params;   // {"sku": "ABC-1"} for "/api/v1/products/{sku}"
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;       // names lower-case
  std::string body;
  std::string key_id;                               // the API key's id, for auditing
  Role role = Role::viewer;
  std::vector<std::string> sites;                   // sites the key may touch; empty means all
};

// The answer. Status 2xx commits the unit of work; anything else rolls it back.
struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

using Handler = std::function<Response(const Request& request, db::Transaction& tx)>;

// One route: method, path template with {params}, the least role allowed, and
// what the OpenAPI document says of it.
struct Route {
  Method method = Method::get;
  std::string path;
  Role role = Role::viewer;
  std::string summary;
  std::string request_schema;   // JSON Schema as text; empty when there is no body
  std::string response_schema;  // JSON Schema as text
  Handler handler;
};

class DOWNSTREAM_API RouteRegistry {
public:
  virtual ~RouteRegistry();
  virtual void add(Route route) = 0;
};

}  // namespace http
}  // namespace downstream
