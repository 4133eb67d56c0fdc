#pragma once
// What every route needs besides its own logic: a JSON answer, and the site
// scope of the caller's API key for a site named in a body (the host checks a
// `site` path or query parameter itself).
#include <string_view>

#include <downstream/export.h>
#include <downstream/http.h>
#include <downstream/json.h>

namespace downstream::http {

// A JSON answer with `status`.
DOWNSTREAM_API Response json_response(int status, const json::Value& body);

// Throws a 403 Problem unless the request's key may act on `site` (a key
// without sites may act on all).
DOWNSTREAM_API void require_site_access(const Request& request, std::string_view site);

}  // namespace downstream::http
