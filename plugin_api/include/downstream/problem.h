#pragma once
// Errors a route answers with, as RFC 9457 problem details
// (application/problem+json). A handler throws a Problem; the host turns it
// into the response and rolls the unit of work back.
//
//   throw http::Problem::conflict("order SO-12 is shipped; cancel is allowed only while confirmed");
//
// Problem types are URIs made of kProblemTypeBase and a kebab-case slug; the
// slug is part of the API, so clients may switch on `type`, and every type
// keeps one title. The SDK's own slugs are malformed-request (400),
// not-found (404), state-conflict (409), validation (422) and unprocessable
// (422). A plugin's own types use "<plugin>/<slug>", e.g.
// problem_type("inventory/insufficient-stock").
#include <string>
#include <string_view>
#include <vector>

#include <downstream/error.h>
#include <downstream/export.h>
#include <downstream/http.h>
#include <downstream/json.h>

namespace downstream::http {

// The media type of every problem body (RFC 9457 section 3).
inline constexpr std::string_view kProblemContentType = "application/problem+json";
// Where the SDK's problem types live; see problem_type().
inline constexpr std::string_view kProblemTypeBase = "https://downstream.dev/problems/";

// kProblemTypeBase + slug.
DOWNSTREAM_API std::string problem_type(std::string_view slug);

// One invalid field of a request. `field` is a path into the body in the
// RequestReader's form ("lines[2].quantity"); `message` completes a sentence
// that starts with the field ("must be greater than 0").
struct FieldError {
  std::string field;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

// An RFC 9457 problem: thrown by a route, answered by the host. what() is the
// detail, so a log line of a caught Problem still says what went wrong.
class DOWNSTREAM_API Problem : public Error {
public:
  // status must be 400..599; throws InvalidValue otherwise.
  Problem(int status, std::string type, std::string title, std::string detail, std::vector<FieldError> errors = {});
  ~Problem() override;

  // 400: the body is not JSON or the request cannot be read at all.
  static Problem bad_request(std::string detail);
  // 404: `what` names the missing thing ("order SO-12").
  static Problem not_found(std::string what);
  // 409: the request is valid but the resource's state forbids it now.
  static Problem conflict(std::string detail);
  // 422: fields are invalid; every one of them is listed.
  static Problem validation(std::vector<FieldError> errors);
  // 422: well-formed and valid field by field, but not acceptable as a whole.
  static Problem unprocessable(std::string detail);

  int status() const { return status_; }
  const std::string& type() const { return type_; }
  const std::string& title() const { return title_; }
  const std::string& detail() const { return detail_; }
  const std::vector<FieldError>& errors() const { return errors_; }

  // {"type", "title", "status", "detail"} and, for field errors,
  // "errors": [{"field", "message"}].
  json::Object to_json() const;
  // The whole answer: status, problem content type and the JSON body.
  Response to_response() const;

private:
  int status_;
  std::string type_;
  std::string title_;
  std::string detail_;
  std::vector<FieldError> errors_;
};

}  // namespace downstream::http
