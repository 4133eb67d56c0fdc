// RFC 9457 problem details and the SDK's problem types.
#include <downstream/problem.h>

namespace downstream::http {

std::string problem_type(std::string_view slug) { return std::string(kProblemTypeBase) + std::string(slug); }

Problem::Problem(int status, std::string type, std::string title, std::string detail, std::vector<FieldError> errors)
    : Error(detail.empty() ? title : detail),
      status_(status),
      type_(std::move(type)),
      title_(std::move(title)),
      detail_(std::move(detail)),
      errors_(std::move(errors)) {
  if (status_ < 400 || status_ > 599)
    throw InvalidValue("a problem's status must be 400..599, not " + std::to_string(status_));
}

Problem::~Problem() = default;

Problem Problem::bad_request(std::string detail) {
  return Problem(400, problem_type("malformed-request"), "Malformed request", std::move(detail));
}

Problem Problem::not_found(std::string what) {
  return Problem(404, problem_type("not-found"), "Not found", what + " does not exist");
}

Problem Problem::conflict(std::string detail) {
  return Problem(409, problem_type("state-conflict"), "State conflict", std::move(detail));
}

Problem Problem::validation(std::vector<FieldError> errors) {
  std::string detail = errors.size() == 1 ? "1 field is invalid: " : std::to_string(errors.size()) + " fields are invalid: ";
  // The detail names the first few fields; `errors` has all of them.
  constexpr std::size_t kNamed = 10;
  for (std::size_t k = 0; k < errors.size() && k < kNamed; ++k) detail += (k ? ", " : "") + errors[k].field;
  if (errors.size() > kNamed) detail += " and " + std::to_string(errors.size() - kNamed) + " more";
  return Problem(422, problem_type("validation"), "Validation failed", std::move(detail), std::move(errors));
}

Problem Problem::unprocessable(std::string detail) {
  return Problem(422, problem_type("unprocessable"), "Unprocessable request", std::move(detail));
}

json::Object Problem::to_json() const {
  json::Object body{{"type", type_}, {"title", title_}, {"status", status_}, {"detail", detail_}};
  if (!errors_.empty()) {
    json::Array list;
    list.reserve(errors_.size());
    for (const auto& e : errors_) list.push_back(json::Object{{"field", e.field}, {"message", e.message}});
    body["errors"] = std::move(list);
  }
  return body;
}

Response Problem::to_response() const {
  Response r;
  r.status = status_;
  r.content_type = std::string(kProblemContentType);
  r.body = json::Value(to_json()).dump();
  return r;
}

}  // namespace downstream::http
