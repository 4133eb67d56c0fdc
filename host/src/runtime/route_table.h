#pragma once
// Every route the plugins registered, with its owner; the HTTP layer serves them.
#include <downstream/http.h>

#include <mutex>
#include <string>
#include <vector>

namespace downstream::host {

// "GET", "POST", ... as on the wire.
const char* method_name(http::Method m);

struct RegisteredRoute {
  std::string plugin;
  http::Route route;
};

class RouteTable {
public:
  void add(std::string plugin, http::Route route);
  std::vector<RegisteredRoute> routes() const;

private:
  mutable std::mutex mutex_;
  std::vector<RegisteredRoute> routes_;
};

class PluginRoutes final : public http::RouteRegistry {
public:
  PluginRoutes(RouteTable& table, std::string plugin) : table_(table), plugin_(std::move(plugin)) {}
  void add(http::Route route) override { table_.add(plugin_, std::move(route)); }

private:
  RouteTable& table_;
  std::string plugin_;
};

}  // namespace downstream::host
