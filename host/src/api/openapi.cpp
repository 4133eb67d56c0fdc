// The OpenAPI 3.1 document, generated from the routes plugins registered.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "api/built_in_endpoints.h"
#include "api/route_index.h"
#include "runtime/runtime.h"

namespace downstream::host {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr object() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

// A route's schema text, or an empty schema if it is not valid JSON (the route's
// own tests catch that; the document must still be served).
Poco::Dynamic::Var schema(const std::string& text) {
  if (text.empty()) return object();
  try {
    return Poco::JSON::Parser().parse(text);
  } catch (const std::exception&) {
    return object();
  }
}

Object::Ptr json_content(const Poco::Dynamic::Var& s) {
  auto media = object();
  media->set("schema", s);
  auto content = object();
  content->set("application/json", media);
  return content;
}

Object::Ptr problem_ref() {
  auto media = object();
  auto ref = object();
  ref->set("$ref", "#/components/schemas/Problem");
  media->set("schema", ref);
  auto content = object();
  content->set("application/problem+json", media);
  auto r = object();
  r->set("description", "A problem (RFC 9457)");
  r->set("content", content);
  return r;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

std::string openapi_document(const std::vector<RegisteredRoute>& routes) {
  auto doc = object();
  doc->set("openapi", "3.1.0");
  auto info = object();
  info->set("title", "Downstream API");
  info->set("version", "1");
  info->set("description",
            "Purchasing, inventory, sales orders, customer service and returns. Errors are "
            "application/problem+json; every POST accepts Idempotency-Key.");
  doc->set("info", info);

  auto paths = object();
  std::map<std::string, std::vector<const RegisteredRoute*>> by_path;
  for (const auto& r : routes) by_path[r.route.path].push_back(&r);
  for (const auto& [path, list] : by_path) {
    auto item = object();
    for (const auto* r : list) {
      auto op = object();
      op->set("summary", r->route.summary);
      op->set("operationId", lower(method_name(r->route.method)) + path);
      auto tags = new Array;
      tags->add(r->plugin);
      op->set("tags", Array::Ptr(tags));
      Array::Ptr params = new Array;
      for (const auto& seg : split_path(path, false).value_or(std::vector<std::string>{}))
        if (seg.size() > 2 && seg.front() == '{') {
          auto p = object();
          p->set("name", seg.substr(1, seg.size() - 2));
          p->set("in", "path");
          p->set("required", true);
          auto s = object();
          s->set("type", "string");
          p->set("schema", s);
          params->add(p);
        }
      if (r->route.method == http::Method::post) {
        auto p = object();
        p->set("name", "Idempotency-Key");
        p->set("in", "header");
        p->set("required", false);
        auto s = object();
        s->set("type", "string");
        s->set("maxLength", 255);
        p->set("schema", s);
        params->add(p);
      }
      if (params->size() > 0) op->set("parameters", params);
      if (!r->route.request_schema.empty()) {
        auto body = object();
        body->set("required", true);
        body->set("content", json_content(schema(r->route.request_schema)));
        op->set("requestBody", body);
      }
      auto responses = object();
      auto ok = object();
      ok->set("description", "Success");
      ok->set("content", json_content(schema(r->route.response_schema)));
      responses->set("2XX", ok);
      responses->set("default", problem_ref());
      op->set("responses", responses);
      op->set("x-required-role", std::string(r->route.role == http::Role::admin      ? "admin"
                                             : r->route.role == http::Role::operator_ ? "operator"
                                                                                       : "viewer"));
      item->set(lower(method_name(r->route.method)), op);
    }
    paths->set(path, item);
  }
  for (const char* p : {"/healthz", "/metrics"}) {
    auto op = object();
    op->set("summary", std::string(p) == "/healthz" ? "Process, database and plugin states" : "Prometheus metrics");
    op->set("security", Array::Ptr(new Array));
    auto responses = object();
    auto ok = object();
    ok->set("description", "Success");
    responses->set("200", ok);
    op->set("responses", responses);
    auto item = object();
    item->set("get", op);
    paths->set(p, item);
  }
  doc->set("paths", paths);

  auto components = object();
  auto schemes = object();
  auto bearer = object();
  bearer->set("type", "http");
  bearer->set("scheme", "bearer");
  bearer->set("description", "An API key from `downstream keys create`");
  schemes->set("apiKey", bearer);
  components->set("securitySchemes", schemes);
  auto schemas = object();
  schemas->set("Problem", Poco::JSON::Parser().parse(R"({"type":"object","required":["type","title","status"],
    "properties":{"type":{"type":"string"},"title":{"type":"string"},"status":{"type":"integer"},
    "detail":{"type":"string"},"errors":{"type":"array","items":{"type":"object",
    "properties":{"field":{"type":"string"},"message":{"type":"string"}}}}}})"));
  components->set("schemas", schemas);
  doc->set("components", components);
  Array::Ptr security = new Array;
  auto req = object();
  req->set("apiKey", Array::Ptr(new Array));
  security->add(req);
  doc->set("security", security);

  std::ostringstream out;
  doc->stringify(out);
  return out.str();
}

}  // namespace downstream::host
