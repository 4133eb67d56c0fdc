#pragma once
// What the bench reaches in-process: the inventory module's service and the
// handler of one of its routes, called as the HTTP layer would call it.
#include <downstream/http.h>
#include <downstream/services/inventory.h>

#include <string_view>

namespace downstream::host {
class Runtime;
}

namespace downstream::host::bench {

// Throws std::runtime_error when no plugin provides InventoryService.
inventory::InventoryService& inventory_service(Runtime& rt);
// The GET route registered with exactly this path template; throws when there is none.
http::Handler get_route(Runtime& rt, std::string_view path);

}  // namespace downstream::host::bench
