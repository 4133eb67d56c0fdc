#include "bench/inventory_access.h"

#include <stdexcept>
#include <string>

#include "runtime/runtime.h"
#include "runtime/service_directory.h"

namespace downstream::host::bench {

inventory::InventoryService& inventory_service(Runtime& rt) {
  auto name = inventory::InventoryService::kServiceName;
  auto providers = rt.services().providers(name);
  if (providers.empty())
    throw std::runtime_error("no plugin provides " + std::string(name) + ": is the inventory plugin installed and enabled?");
  auto found = rt.services().find(name, providers.front());
  return *static_cast<inventory::InventoryService*>(found.get());
}

http::Handler get_route(Runtime& rt, std::string_view path) {
  for (const auto& r : rt.routes().routes())
    if (r.route.method == http::Method::get && r.route.path == path) return r.route.handler;
  throw std::runtime_error("no plugin serves GET " + std::string(path));
}

}  // namespace downstream::host::bench
