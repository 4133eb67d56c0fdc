#include "api/api_pipeline.h"

#include <downstream/error.h>
#include <downstream/problem.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <chrono>
#include <cstdio>

#include "api/api_keys.h"
#include "api/built_in_endpoints.h"
#include "api/idempotency.h"
#include "api/metrics.h"
#include "api/route_index.h"
#include "crypto/secrets.h"
#include "crypto/signature.h"
#include "runtime/runtime.h"

namespace downstream::host {

std::string json_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 2);
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

namespace {

const char* problem_slug(int status) {
  switch (status) {
    case 400: return "malformed-request";
    case 401: return "unauthenticated";
    case 403: return "forbidden";
    case 404: return "not-found";
    case 405: return "method-not-allowed";
    case 409: return "state-conflict";
    case 413: return "body-too-large";
    case 415: return "unsupported-media-type";
    case 422: return "validation";
    case 503: return "busy";
    default: return status >= 500 ? "internal" : "error";
  }
}

const char* status_title(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

}  // namespace

std::string problem_json(int status, const std::string& title, const std::string& detail,
                         const std::vector<std::pair<std::string, std::string>>& field_errors) {
  std::string out = "{\"type\":\"https://downstream.dev/problems/" + std::string(problem_slug(status)) +
                    "\",\"title\":\"" + json_escape(title) + "\",\"status\":" + std::to_string(status) +
                    ",\"detail\":\"" + json_escape(detail) + "\"";
  if (!field_errors.empty()) {
    out += ",\"errors\":[";
    for (std::size_t i = 0; i < field_errors.size(); ++i)
      out += std::string(i ? "," : "") + "{\"field\":\"" + json_escape(field_errors[i].first) + "\",\"message\":\"" +
             json_escape(field_errors[i].second) + "\"}";
    out += "]";
  }
  return out + "}";
}

namespace {

ApiResponse problem(int status, const std::string& detail,
                    const std::vector<std::pair<std::string, std::string>>& errors = {}) {
  ApiResponse r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = problem_json(status, status_title(status), detail, errors);
  return r;
}

// Thrown inside the unit of work to leave it with an answer (and roll it back).
struct Answer {
  ApiResponse response;
};

std::optional<http::Method> parse_method(const std::string& m) {
  if (m == "GET" || m == "HEAD") return http::Method::get;
  if (m == "POST") return http::Method::post;
  if (m == "PUT") return http::Method::put;
  if (m == "PATCH") return http::Method::patch;
  if (m == "DELETE") return http::Method::del;
  return std::nullopt;
}

std::map<std::string, std::string> parse_query(const std::string& q) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < q.size()) {
    auto amp = q.find('&', start);
    auto part = q.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    std::replace(part.begin(), part.end(), '+', ' ');
    auto eq = part.find('=');
    auto key = percent_decode(part.substr(0, eq)).value_or("");
    auto value = eq == std::string::npos ? std::string() : percent_decode(part.substr(eq + 1)).value_or("");
    if (!key.empty()) out[key] = value;
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return out;
}

bool is_json_media_type(const std::string& content_type) {
  auto media = content_type.substr(0, content_type.find(';'));
  media.erase(std::remove_if(media.begin(), media.end(), [](char c) { return c == ' ' || c == '\t'; }), media.end());
  std::transform(media.begin(), media.end(), media.begin(), [](unsigned char c) { return std::tolower(c); });
  return media == "application/json" || (media.starts_with("application/") && media.ends_with("+json"));
}

bool acceptable_request_id(const std::string& id) {
  return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
  });
}

bool acceptable_idempotency_key(const std::string& k) {
  return !k.empty() && k.size() <= 255 &&
         std::all_of(k.begin(), k.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
}

// Unique per process and unlikely to repeat across processes; not a secret, so no
// CSPRNG (OpenSSL's per-thread generators would also outlive the server's threads).
std::string next_request_id() {
  static const std::uint32_t process_part = std::random_device{}();
  static std::atomic<std::uint64_t> counter{0};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%08x%08llx", process_part, static_cast<unsigned long long>(++counter));
  return buf;
}

std::string header(const ApiRequest& r, const std::string& name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? std::string() : it->second;
}

}  // namespace

struct ApiPipeline::Impl {
  Runtime& rt;
  ApiSettings settings;
  RouteIndex index;
  ApiKeys keys;
  RequestMetrics metrics;
  std::string openapi;
  std::atomic<std::uint64_t> idempotent_posts{0};

  Impl(Runtime& r, ApiSettings s)
      : rt(r), settings(std::move(s)), index(r.routes().routes()), keys(r.database(), settings.key_secret),
        openapi(openapi_document(index.routes())) {}

  ApiResponse route(const ApiRequest& in, const std::string& path, const std::string& query, std::string& route_name,
                    std::string& key_id);
  ApiResponse run(const ApiRequest& in, const RouteLookup& found, http::Request request);
};

ApiPipeline::ApiPipeline(Runtime& runtime, ApiSettings settings)
    : impl_(std::make_unique<Impl>(runtime, std::move(settings))) {}

ApiPipeline::~ApiPipeline() = default;

ApiResponse ApiPipeline::handle(const ApiRequest& in) {
  auto t0 = std::chrono::steady_clock::now();
  auto& d = *impl_;
  std::string request_id = header(in, "x-request-id");
  if (!acceptable_request_id(request_id)) request_id = next_request_id();
  auto qmark = in.target.find('?');
  std::string path = in.target.substr(0, qmark);
  std::string query = qmark == std::string::npos ? "" : in.target.substr(qmark + 1);

  std::string route_name = "unmatched", key_id = "-";
  ApiResponse out;
  try {
    out = d.route(in, path, query, route_name, key_id);
  } catch (const std::exception& e) {
    d.rt.log().error("request " + request_id + " failed: " + e.what());
    out = problem(500, "the request failed inside the server; quote request id " + request_id + " when reporting it");
  }
  out.headers.emplace_back("X-Request-Id", request_id);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  d.metrics.observe(in.method, route_name, out.status, ms);
  char took[32];
  std::snprintf(took, sizeof took, "%.2f", ms);
  d.rt.log().info("request id=" + request_id + " key=" + key_id + " route=\"" + in.method + " " + route_name +
                  "\" status=" + std::to_string(out.status) + " ms=" + took);
  return out;
}

ApiResponse ApiPipeline::Impl::route(const ApiRequest& in, const std::string& path, const std::string& query,
                                     std::string& route_name, std::string& key_id) {
  // Operations endpoints: no key needed (bind the API to a trusted network or proxy /metrics).
  if (auto built_in = built_in_endpoint(path)) {
    route_name = path;
    if (in.method != "GET" && in.method != "HEAD") {
      auto r = problem(405, in.method + " is not served on " + path + "; use GET");
      r.headers.emplace_back("Allow", "GET");
      return r;
    }
    switch (*built_in) {
      case BuiltIn::health: return health_answer(rt);
      case BuiltIn::openapi: {
        ApiResponse r;
        r.body = openapi;
        return r;
      }
      case BuiltIn::metrics: {
        RequestMetrics::Gauges g;
        auto stats = rt.database().pool_stats();
        g.pool_size = stats.size;
        g.pool_in_use = stats.in_use;
        g.units_of_work = stats.units_of_work;
        g.retries = stats.retries;
        g.round_trips = stats.round_trips;
        for (auto* p : rt.plugin_host().plugins()) g.plugin_states.emplace_back(p->manifest.name, state_name(p->state));
        ApiResponse r;
        r.content_type = "text/plain; version=0.0.4";
        r.body = metrics.render(g);
        return r;
      }
    }
  }

  auto method = parse_method(in.method);
  auto found = method ? index.find(*method, path) : index.find(http::Method::get, path);
  if (!found.route) {
    if (found.allowed.empty()) return problem(404, "no route for " + path);
    std::string allow;
    for (const auto& m : found.allowed) allow += (allow.empty() ? "" : ", ") + m;
    auto r = problem(405, in.method + " is not served on " + path + "; allowed: " + allow);
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  route_name = found.route->route.path;
  if (in.body_too_large)
    return problem(413, "the request body is larger than " + std::to_string(settings.max_body_bytes) +
                            " bytes (http.max_body_bytes)");
  bool has_body_method = *method == http::Method::post || *method == http::Method::put || *method == http::Method::patch;
  if (has_body_method && !in.body.empty() && !is_json_media_type(header(in, "content-type")))
    return problem(415, "send the body as application/json (Content-Type was '" + header(in, "content-type") + "')");

  auto auth = header(in, "authorization");
  std::string token;
  if (auth.size() > 7 && (auth.compare(0, 7, "Bearer ") == 0 || auth.compare(0, 7, "bearer ") == 0))
    token = auth.substr(7);
  if (token.empty()) {
    auto r = problem(401, "send an API key as 'Authorization: Bearer <key>' (create one with `downstream keys create`)");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  if (token.size() >= 15 && token.starts_with("ds_")) key_id = token.substr(3, 12);

  http::Request request;
  request.method = *method;
  request.path = path;
  request.path_params = found.params;
  request.query = parse_query(query);
  request.headers = in.headers;
  request.body = in.body;
  request.headers.erase("authorization");  // handlers never see the secret
  try {
    return run(in, found, std::move(request));
  } catch (const Answer& a) {
    return a.response;
  }
}

ApiResponse ApiPipeline::Impl::run(const ApiRequest& in, const RouteLookup& found, http::Request request) {
  const auto& route = found.route->route;
  auto token = header(in, "authorization").substr(7);
  bool writes = request.method != http::Method::get;

  std::optional<IdempotencyClaim> claim;
  if (request.method == http::Method::post) {
    auto idem = header(in, "idempotency-key");
    if (!idem.empty()) {
      if (!acceptable_idempotency_key(idem))
        throw Answer{problem(400, "Idempotency-Key must be 1 to 255 visible ASCII characters",
                             {{"Idempotency-Key", "1 to 255 visible ASCII characters"}})};
      claim.emplace();
      claim->idem_key = idem;
      claim->method = in.method;
      claim->path = request.path;
      claim->request_hash = crypto::sha256_hex(in.method + " " + in.target + "\n" + in.body);
    }
  }

  ApiResponse result;
  auto work = [&](db::Transaction& tx) {
    auto key = keys.authenticate(tx, token);
    if (!key) {
      auto r = problem(401, "the API key is unknown or revoked");
      r.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      throw Answer{r};
    }
    if (static_cast<int>(key->role) < static_cast<int>(route.role))
      throw Answer{problem(403, std::string("this route needs the ") + role_name(route.role) + " role; key '" +
                                    key->name + "' is " + role_name(key->role))};
    if (!key->sites.empty()) {
      for (const auto* source : {&request.path_params, &request.query}) {
        auto it = source->find("site");
        if (it != source->end() && std::find(key->sites.begin(), key->sites.end(), it->second) == key->sites.end())
          throw Answer{problem(403, "key '" + key->name + "' may not act on site '" + it->second + "'")};
      }
    }
    request.key_id = key->key_id;
    request.role = key->role;
    request.sites = key->sites;

    if (claim) {
      auto now = rt.clock().now();
      claim->key_id = key->key_id;
      claim->now = format_timestamp(now);
      claim->now_us = now.time_since_epoch().count();
      claim->expires_us = claim->now_us + std::int64_t{settings.idempotency_hours} * 3600 * 1000000;
      // Now and then, answers past their hours go: the table holds about a day of POSTs.
      if (idempotent_posts.fetch_add(1) % 1000 == 999) purge_expired_answers(tx, claim->now_us);
      if (auto stored = claim_idempotency_key(tx, *claim)) {
        if (stored->request_hash != claim->request_hash)
          throw Answer{problem(422,
                               "Idempotency-Key '" + claim->idem_key + "' was first used for another request (" +
                                   stored->method + " " + stored->path + " with a different body); use a new key",
                               {{"Idempotency-Key", "already used for a different request"}})};
        ApiResponse replay;
        replay.status = stored->status;
        replay.content_type = stored->content_type;
        replay.body = stored->body;
        replay.headers.emplace_back("Idempotent-Replayed", "true");
        throw Answer{replay};
      }
    }

    http::Response response = route.handler(request, tx);
    ApiResponse r;
    r.status = response.status;
    r.content_type = response.content_type;
    r.body = std::move(response.body);
    r.headers = std::move(response.headers);
    if (r.status < 200 || r.status > 299) throw Answer{r};
    if (claim) record_idempotent_answer(tx, *claim, r.status, r.content_type, r.body);
    result = std::move(r);
  };

  try {
    if (writes) rt.database().write(work);
    else rt.database().read(work);
  } catch (const Answer&) {
    throw;
  } catch (const http::Problem& p) {
    auto response = p.to_response();
    ApiResponse r;
    r.status = response.status;
    r.content_type = response.content_type;
    r.body = std::move(response.body);
    r.headers = std::move(response.headers);
    return r;
  } catch (const db::BusyError& e) {
    auto r = problem(503, "the database stayed busy after " + std::to_string(e.attempts()) + " attempts; retry shortly");
    r.headers.emplace_back("Retry-After", "1");
    return r;
  } catch (const db::ConstraintViolation& e) {
    // A rule the database enforces (stock never negative, unique numbers) refused the
    // writes. The statement stays in the log; the client learns which rule.
    rt.log().warning(std::string("constraint refused a request's writes: ") + e.what());
    return problem(409, "the database refused the change" +
                            (e.constraint().empty() ? std::string() : " (rule " + e.constraint() + ")"));
  } catch (const InvalidValue& e) {
    return problem(422, e.what());
  }
  return result;
}

}  // namespace downstream::host
