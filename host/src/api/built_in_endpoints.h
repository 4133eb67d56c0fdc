#pragma once
// The endpoints the host serves itself: GET /healthz, /metrics and /api/v1/openapi.json.
#include <optional>
#include <string>
#include <vector>

#include "api/api_pipeline.h"
#include "runtime/route_table.h"

namespace downstream::host {

enum class BuiltIn { health, openapi, metrics };
std::optional<BuiltIn> built_in_endpoint(const std::string& path);

// 200 when the database answers and every plugin started, else 503; lists plugin states.
ApiResponse health_answer(Runtime& runtime);
// OpenAPI 3.1 for every registered route, with the host's own endpoints and problem schema.
std::string openapi_document(const std::vector<RegisteredRoute>& routes);

}  // namespace downstream::host
