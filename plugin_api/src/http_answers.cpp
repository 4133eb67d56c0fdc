#include <downstream/http_answers.h>
#include <downstream/problem.h>

#include <algorithm>
#include <string>

namespace downstream::http {

Response json_response(int status, const json::Value& body) {
  Response r;
  r.status = status;
  r.body = body.dump();
  return r;
}

void require_site_access(const Request& request, std::string_view site) {
  if (request.sites.empty()) return;
  if (std::find(request.sites.begin(), request.sites.end(), site) != request.sites.end()) return;
  throw Problem(403, problem_type("forbidden"), "Forbidden",
                "this API key may not act on site '" + std::string(site) + "'");
}

}  // namespace downstream::http
