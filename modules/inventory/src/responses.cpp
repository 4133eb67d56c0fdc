#include "responses.h"

#include <algorithm>

namespace downstream::inventory_module {

http::Response json_response(int status, const json::Value& body) {
  http::Response r;
  r.status = status;
  r.body = body.dump();
  return r;
}

void require_site_access(const http::Request& request, std::string_view site) {
  if (request.sites.empty()) return;
  if (std::find(request.sites.begin(), request.sites.end(), site) != request.sites.end()) return;
  throw http::Problem(403, http::problem_type("forbidden"), "Forbidden",
                      "this API key may not act on site '" + std::string(site) + "'");
}

void not_found(const std::string& what) { throw http::Problem::not_found(what); }

}  // namespace downstream::inventory_module
