#include "responses.h"

#include <algorithm>

namespace downstream::sales_module {

json::Value money_json(std::int64_t minor, const std::string& currency) {
  return json::Object{{"amount", Money(minor, Currency::of(currency)).amount_string()}, {"currency", currency}};
}

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

void state_conflict(const std::string& document, const std::string& state, const std::string& allowed) {
  throw http::Problem::conflict(document + " is " + state + "; " + allowed + "; nothing was changed");
}

}  // namespace downstream::sales_module
