// The HTTP API as the host ERP meets it, over real loopback HTTP against a real
// `downstream serve`, on SQLite and PostgreSQL: keys and roles, problem errors,
// one unit of work per request, idempotent POSTs, operations endpoints, and a
// graceful stop.
#define BOOST_TEST_MODULE api
#include <boost/test/unit_test.hpp>

#include <downstream/json.h>

#include <atomic>
#include <future>
#include <set>
#include <thread>

#include "api_installation.h"

using namespace downstream::testing;
namespace json = downstream::json;

namespace {

json::Value body_of(const HttpReply& r) {
  BOOST_TEST_INFO(r.body);
  return json::parse(r.body);
}

// The shape every error shares: RFC 9457 problem JSON with type, title, status and detail.
void check_problem(const HttpReply& r, int status) {
  BOOST_TEST_INFO(r.status << " " << r.body);
  BOOST_TEST(r.status == status);
  BOOST_TEST(r.header("content-type") == "application/problem+json");
  auto v = json::parse(r.body);
  const auto& o = v.as_object();
  BOOST_TEST(o.at("type").as_string().starts_with("https://downstream.dev/problems/"));
  BOOST_TEST(!o.at("title").as_string().empty());
  BOOST_TEST(o.at("status").as_int64() == status);
  BOOST_TEST(!o.at("detail").as_string().empty());
}

std::int64_t note_count(HttpClient& http, const std::string& key) {
  auto r = http.get("/api/v1/probe/notes", with_key(key));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  return body_of(r).as_object().at("count").as_int64();
}

const std::string kNote = R"({"text":"first pallet counted"})";

}  // namespace

BOOST_AUTO_TEST_SUITE(keys_and_roles)

BOOST_AUTO_TEST_CASE(health_answers_without_a_key_and_names_every_plugin_state) {
  ApiInstallation inst;
  auto host = inst.serve();
  HttpClient http(host->address());
  auto r = http.get("/healthz");
  BOOST_TEST(r.status == 200);
  auto v = body_of(r);
  BOOST_TEST(v.as_object().at("status").as_string() == "ok");
  std::set<std::string> started;
  for (const auto& p : v.as_object().at("plugins").as_array())
    if (p.as_object().at("state").as_string() == "started") started.insert(p.as_object().at("name").as_string());
  BOOST_TEST((started == std::set<std::string>{"api_probe", "soci"}));
}

BOOST_AUTO_TEST_CASE(a_request_without_a_key_is_refused_with_401_and_a_bearer_challenge) {
  ApiInstallation inst;
  auto host = inst.serve();
  HttpClient http(host->address());
  auto r = http.get("/api/v1/probe/notes");
  check_problem(r, 401);
  BOOST_TEST(r.header("www-authenticate").starts_with("Bearer"));
  check_problem(http.get("/api/v1/probe/notes", {{"Authorization", "Basic dXNlcjpwYXNz"}}), 401);
}

BOOST_AUTO_TEST_CASE(an_unknown_key_a_forged_secret_and_a_revoked_key_are_refused_with_401) {
  ApiInstallation inst;
  auto key = inst.create_key("erp", "operator");
  auto host = inst.serve();
  HttpClient http(host->address());
  BOOST_TEST(http.get("/api/v1/probe/notes", with_key(key)).status == 200);
  check_problem(http.get("/api/v1/probe/notes", with_key("ds_000000000000_" + std::string(48, 'a'))), 401);
  auto forged = key;
  forged.back() = forged.back() == 'a' ? 'b' : 'a';  // right key id, wrong secret
  check_problem(http.get("/api/v1/probe/notes", with_key(forged)), 401);

  auto key_id = key.substr(3, 12);
  auto revoked = inst.cli({"keys", "revoke", key_id});
  BOOST_TEST(revoked.exit_code == 0, revoked.all());
  check_problem(http.get("/api/v1/probe/notes", with_key(key)), 401);
  auto list = inst.cli({"keys", "list"});
  BOOST_TEST(list.out.find(key_id) != std::string::npos);
  BOOST_TEST(list.out.find(key) == std::string::npos);  // the secret is never shown again
}

BOOST_AUTO_TEST_CASE(each_role_reaches_exactly_the_routes_at_or_below_it) {
  ApiInstallation inst;
  auto viewer = inst.create_key("dashboard", "viewer");
  auto operator_ = inst.create_key("erp", "operator");
  auto admin = inst.create_key("it", "admin");
  auto host = inst.serve();
  HttpClient http(host->address());
  BOOST_TEST(http.get("/api/v1/probe/notes", with_key(viewer)).status == 200);
  check_problem(http.request("POST", "/api/v1/probe/notes", kNote, with_key(viewer)), 403);
  BOOST_TEST(http.request("POST", "/api/v1/probe/notes", kNote, with_key(operator_)).status == 201);
  check_problem(http.request("PUT", "/api/v1/probe/settings", "{}", with_key(operator_)), 403);
  BOOST_TEST(http.request("PUT", "/api/v1/probe/settings", "{}", with_key(admin)).status == 200);
  BOOST_TEST(http.request("POST", "/api/v1/probe/notes", kNote, with_key(admin)).status == 201);
  BOOST_TEST(note_count(http, viewer) == 2);  // the refused viewer wrote nothing
}

BOOST_AUTO_TEST_CASE(a_key_scoped_to_sites_is_refused_on_any_other_site) {
  ApiInstallation inst;
  auto scoped = inst.create_key("store-north", "viewer", "NORTH,EAST");
  auto host = inst.serve();
  HttpClient http(host->address());
  auto ok = http.get("/api/v1/sites/NORTH/probe", with_key(scoped));
  BOOST_TEST(ok.status == 200);
  BOOST_TEST(body_of(ok).as_object().at("site").as_string() == "NORTH");
  auto refused = http.get("/api/v1/sites/SOUTH/probe", with_key(scoped));
  check_problem(refused, 403);
  BOOST_TEST(refused.body.find("SOUTH") != std::string::npos);
  check_problem(http.get("/api/v1/probe/notes?site=WEST", with_key(scoped)), 403);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(problems)

BOOST_AUTO_TEST_CASE(an_unknown_path_is_404_and_a_wrong_method_is_405_naming_the_allowed_ones) {
  ApiInstallation inst;
  auto key = inst.create_key("erp", "admin");
  auto host = inst.serve();
  HttpClient http(host->address());
  check_problem(http.get("/api/v1/no-such-thing", with_key(key)), 404);
  auto r = http.request("DELETE", "/api/v1/probe/notes", "", with_key(key));
  check_problem(r, 405);
  BOOST_TEST(r.header("allow") == "GET, POST");
}

BOOST_AUTO_TEST_CASE(malformed_json_is_400_and_a_missing_field_is_422_naming_the_field) {
  ApiInstallation inst;
  auto key = inst.create_key("erp", "operator");
  auto host = inst.serve();
  HttpClient http(host->address());
  check_problem(http.request("POST", "/api/v1/probe/notes", R"({"text": "unterminated)", with_key(key)), 400);
  auto r = http.request("POST", "/api/v1/probe/notes", R"({"txt": "typo"})", with_key(key));
  check_problem(r, 422);
  auto problem = body_of(r);
  const auto& errors = problem.as_object().at("errors").as_array();
  BOOST_TEST_REQUIRE(errors.size() == 1u);
  BOOST_TEST(errors[0].as_object().at("field").as_string() == "text");
  BOOST_TEST(note_count(http, key) == 0);
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_json_is_415_and_a_body_over_the_limit_is_413) {
  ApiInstallation inst("[http]\nmax_body_bytes = 1024\n");
  auto key = inst.create_key("erp", "operator");
  auto host = inst.serve();
  HttpClient http(host->address());
  auto headers = with_key(key);
  headers["Content-Type"] = "text/plain";
  check_problem(http.request("POST", "/api/v1/probe/notes", kNote, headers), 415);
  check_problem(http.request("POST", "/api/v1/probe/notes", R"({"text":")" + std::string(2000, 'x') + "\"}",
                             with_key(key)),
                413);
  HttpClient again(host->address());  // the oversized request closed its connection
  BOOST_TEST(note_count(again, key) == 0);
}

BOOST_AUTO_TEST_CASE(a_handler_that_refuses_after_writing_leaves_nothing_written) {
  ApiInstallation inst;
  auto key = inst.create_key("erp", "operator");
  auto host = inst.serve();
  HttpClient http(host->address());
  check_problem(http.request("POST", "/api/v1/probe/refused-notes", kNote, with_key(key)), 409);
  BOOST_TEST(note_count(http, key) == 0);
}

BOOST_AUTO_TEST_CASE(a_handler_that_throws_gives_a_500_problem_and_the_server_keeps_serving) {
  ApiInstallation inst;
  auto key = inst.create_key("erp", "viewer");
  auto host = inst.serve();
  HttpClient http(host->address());
  auto r = http.get("/api/v1/probe/boom", with_key(key));
  check_problem(r, 500);
  BOOST_TEST(r.body.find("blew up") == std::string::npos);  // internals stay in the log
  BOOST_TEST(r.body.find(r.header("x-request-id")) != std::string::npos);
  BOOST_TEST(http.get("/healthz").status == 200);
  BOOST_TEST(host->output().find("the probe blew up on purpose") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_unit_of_work_that_stays_busy_is_retried_then_answered_503_with_retry_after) {
  ApiInstallation inst;
  auto key = inst.create_key("erp", "operator");
  auto host = inst.serve({"database.max_attempts=3", "log.level=info"});
  HttpClient http(host->address());
  auto r = http.request("POST", "/api/v1/probe/always-busy", kNote, with_key(key));
  check_problem(r, 503);
  BOOST_TEST(r.header("retry-after") == "1");
  BOOST_TEST(r.body.find("3 attempts") != std::string::npos);
  BOOST_TEST(note_count(http, key) == 0);
  auto metrics = http.get("/metrics").body;
  BOOST_TEST(metrics.find("downstream_db_retries_total 2") != std::string::npos, metrics);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(idempotency)

BOOST_AUTO_TEST_CASE(a_retried_post_returns_the_first_answer_and_writes_nothing_more) {
  ApiInstallation inst;
  auto key = inst.create_key("erp", "operator");
  auto host = inst.serve();
  HttpClient http(host->address());
  auto headers = with_key(key, {{"Idempotency-Key", "order-4711-note"}});
  auto first = http.request("POST", "/api/v1/probe/notes", kNote, headers);
  BOOST_TEST_REQUIRE(first.status == 201, first.body);
  auto retry = http.request("POST", "/api/v1/probe/notes", kNote, headers);
  BOOST_TEST(retry.status == 201);
  BOOST_TEST(retry.body == first.body);
  BOOST_TEST(retry.header("idempotent-replayed") == "true");
  BOOST_TEST(note_count(http, key) == 1);
  // Without the header every POST is new.
  BOOST_TEST(http.request("POST", "/api/v1/probe/notes", kNote, with_key(key)).status == 201);
  BOOST_TEST(note_count(http, key) == 2);
}

BOOST_AUTO_TEST_CASE(the_same_key_with_another_body_is_422_and_writes_nothing) {
  ApiInstallation inst;
  auto key = inst.create_key("erp", "operator");
  auto host = inst.serve();
  HttpClient http(host->address());
  auto headers = with_key(key, {{"Idempotency-Key", "k-1"}});
  BOOST_TEST(http.request("POST", "/api/v1/probe/notes", kNote, headers).status == 201);
  auto r = http.request("POST", "/api/v1/probe/notes", R"({"text":"another note"})", headers);
  check_problem(r, 422);
  BOOST_TEST(body_of(r).as_object().at("errors").as_array()[0].as_object().at("field").as_string() ==
             "Idempotency-Key");
  BOOST_TEST(note_count(http, key) == 1);
}

BOOST_AUTO_TEST_CASE(a_refused_first_attempt_is_not_remembered_so_a_corrected_retry_succeeds) {
  ApiInstallation inst;
  auto key = inst.create_key("erp", "operator");
  auto host = inst.serve();
  HttpClient http(host->address());
  auto headers = with_key(key, {{"Idempotency-Key", "k-2"}});
  check_problem(http.request("POST", "/api/v1/probe/notes", "{}", headers), 422);
  // The body differs, but nothing was stored for the refused attempt.
  BOOST_TEST(http.request("POST", "/api/v1/probe/notes", kNote, headers).status == 201);
  BOOST_TEST(note_count(http, key) == 1);
}

BOOST_AUTO_TEST_CASE(identical_requests_arriving_together_write_once_across_two_host_processes) {
  ApiInstallation inst;
  auto key = inst.create_key("erp", "operator");
  auto a = inst.serve();
  auto b = inst.serve();
  constexpr int kClients = 8;
  std::vector<std::future<HttpReply>> replies;
  std::atomic<int> ready{0};
  for (int i = 0; i < kClients; ++i)
    replies.push_back(std::async(std::launch::async, [&, i] {
      HttpClient http((i % 2 ? a : b)->address());
      ++ready;
      while (ready < kClients) std::this_thread::yield();
      return http.request("POST", "/api/v1/probe/notes", kNote, with_key(key, {{"Idempotency-Key", "burst-1"}}));
    }));
  std::set<std::string> bodies;
  for (auto& f : replies) {
    auto r = f.get();
    BOOST_TEST(r.status == 201, r.body);
    bodies.insert(r.body);
  }
  BOOST_TEST(bodies.size() == 1u);  // every client got the one answer
  HttpClient http(a->address());
  BOOST_TEST(note_count(http, key) == 1);
}

BOOST_AUTO_TEST_CASE(an_answer_is_forgotten_after_the_configured_hours) {
  ApiInstallation inst;
  auto key = inst.create_key("erp", "operator");
  HttpReply first;
  {
    auto host = inst.serve({"host.clock=2026-01-15T09:00:00Z", "http.idempotency_hours=24"});
    HttpClient http(host->address());
    first = http.request("POST", "/api/v1/probe/notes", kNote, with_key(key, {{"Idempotency-Key", "daily"}}));
    BOOST_TEST_REQUIRE(first.status == 201);
  }
  {
    auto host = inst.serve({"host.clock=2026-01-16T08:59:00Z"});
    HttpClient http(host->address());
    auto r = http.request("POST", "/api/v1/probe/notes", kNote, with_key(key, {{"Idempotency-Key", "daily"}}));
    BOOST_TEST(r.header("idempotent-replayed") == "true");
    BOOST_TEST(note_count(http, key) == 1);
  }
  auto host = inst.serve({"host.clock=2026-01-16T09:00:01Z"});
  HttpClient http(host->address());
  auto r = http.request("POST", "/api/v1/probe/notes", kNote, with_key(key, {{"Idempotency-Key", "daily"}}));
  BOOST_TEST(r.status == 201);
  BOOST_TEST(r.header("idempotent-replayed").empty());
  BOOST_TEST(note_count(http, key) == 2);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(operations)

BOOST_AUTO_TEST_CASE(the_openapi_document_lists_every_plugin_route_with_its_parameters) {
  ApiInstallation inst;
  auto host = inst.serve();
  HttpClient http(host->address());
  auto r = http.get("/api/v1/openapi.json");
  BOOST_TEST_REQUIRE(r.status == 200);
  auto doc = body_of(r);
  const auto& o = doc.as_object();
  BOOST_TEST(o.at("openapi").as_string() == "3.1.0");
  const auto& paths = o.at("paths").as_object();
  BOOST_TEST(paths.contains("/api/v1/probe/notes"));
  BOOST_TEST(paths.at("/api/v1/probe/notes").as_object().contains("post"));
  BOOST_TEST(paths.at("/api/v1/probe/notes").as_object().contains("get"));
  const auto& site_op = paths.at("/api/v1/sites/{site}/probe").as_object().at("get").as_object();
  BOOST_TEST(site_op.at("parameters").as_array()[0].as_object().at("name").as_string() == "site");
  const auto& post = paths.at("/api/v1/probe/notes").as_object().at("post").as_object();
  BOOST_TEST(post.contains("requestBody"));
}

BOOST_AUTO_TEST_CASE(metrics_count_requests_by_route_template_and_status) {
  ApiInstallation inst;
  auto key = inst.create_key("erp", "viewer");
  auto host = inst.serve();
  HttpClient http(host->address());
  http.get("/api/v1/sites/NORTH/probe", with_key(key));
  http.get("/api/v1/sites/SOUTH/probe", with_key(key));
  http.get("/api/v1/probe/notes");
  auto r = http.get("/metrics");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.body.find(R"(downstream_http_requests_total{method="GET",route="/api/v1/sites/{site}/probe",status="200"} 2)") !=
             std::string::npos, r.body);
  BOOST_TEST(r.body.find(R"(route="/api/v1/probe/notes",status="401"} 1)") != std::string::npos);
  BOOST_TEST(r.body.find("downstream_http_request_duration_seconds_bucket") != std::string::npos);
  BOOST_TEST(r.body.find("downstream_db_pool_in_use") != std::string::npos);
  BOOST_TEST(r.body.find(R"(downstream_plugin_state{plugin="api_probe",state="started"} 1)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_request_id_is_echoed_or_generated_and_logged_with_the_route_and_status) {
  ApiInstallation inst;
  auto key = inst.create_key("erp", "viewer");
  auto host = inst.serve({"log.level=info"});
  HttpClient http(host->address());
  auto echoed = http.get("/api/v1/probe/notes", with_key(key, {{"X-Request-Id", "erp-batch-17"}}));
  BOOST_TEST(echoed.header("x-request-id") == "erp-batch-17");
  auto generated = http.get("/healthz");
  BOOST_TEST(generated.header("x-request-id").size() >= 16u);
  auto log = host->output();
  BOOST_TEST(log.find("id=erp-batch-17 key=" + key.substr(3, 12) + " route=\"GET /api/v1/probe/notes\" status=200") !=
             std::string::npos, log);
}

BOOST_AUTO_TEST_CASE(a_stop_lets_the_request_in_flight_finish_and_refuses_new_connections) {
  ApiInstallation inst;
  auto key = inst.create_key("erp", "viewer");
  auto host = inst.serve();
  auto address = host->address();
  auto slow = std::async(std::launch::async, [&] {
    HttpClient http(address);
    return http.get("/api/v1/probe/slow?ms=1500", with_key(key));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  auto stopping = std::async(std::launch::async, [&] { return host->stop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  BOOST_CHECK_THROW(HttpClient(address).get("/healthz"), std::runtime_error);
  auto r = slow.get();
  BOOST_TEST(r.status == 200, r.body);
  BOOST_TEST(stopping.get() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
