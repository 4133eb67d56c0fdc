#pragma once
// Finds the route for a method and path: "/api/v1/products/{sku}" matches
// "/api/v1/products/A%2F1" with sku = "A/1". Literal segments win over
// parameters, so "/sales-orders/pending" is not taken for an {id}.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/route_table.h"

namespace downstream::host {

struct RouteLookup {
  const RegisteredRoute* route = nullptr;        // the match, if any
  std::map<std::string, std::string> params;     // decoded path parameters
  std::vector<std::string> allowed;              // methods the path serves: non-empty with no route means 405
};

class RouteIndex {
public:
  explicit RouteIndex(std::vector<RegisteredRoute> routes);
  RouteLookup find(http::Method method, const std::string& path) const;
  const std::vector<RegisteredRoute>& routes() const { return routes_; }

private:
  std::vector<RegisteredRoute> routes_;
  std::vector<std::vector<std::string>> segments_;  // per route, split template
};

// Splits "/a/b/c" into {"a","b","c"}; percent-decodes each segment when `decode`.
std::optional<std::vector<std::string>> split_path(const std::string& path, bool decode);
// Decodes %XX (and leaves '+' alone: this is a path); nullopt on a malformed escape.
std::optional<std::string> percent_decode(const std::string& text);

}  // namespace downstream::host
