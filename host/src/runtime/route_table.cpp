#include "runtime/route_table.h"

#include <downstream/error.h>

namespace downstream::host {

const char* method_name(http::Method m) {
  switch (m) {
    case http::Method::get: return "GET";
    case http::Method::post: return "POST";
    case http::Method::put: return "PUT";
    case http::Method::patch: return "PATCH";
    case http::Method::del: return "DELETE";
  }
  return "?";
}

void RouteTable::add(std::string plugin, http::Route route) {
  if (route.path.empty() || route.path[0] != '/')
    throw Error("plugin '" + plugin + "' added a route whose path does not start with '/': '" + route.path + "'");
  if (!route.handler) throw Error("plugin '" + plugin + "' added " + route.path + " without a handler");
  std::lock_guard lock(mutex_);
  for (const auto& r : routes_)
    if (r.route.method == route.method && r.route.path == route.path)
      throw Error("plugin '" + plugin + "' added " + method_name(route.method) + " " + route.path +
                  ", which plugin '" + r.plugin + "' already serves");
  routes_.push_back({std::move(plugin), std::move(route)});
}

std::vector<RegisteredRoute> RouteTable::routes() const {
  std::lock_guard lock(mutex_);
  return routes_;
}

}  // namespace downstream::host
