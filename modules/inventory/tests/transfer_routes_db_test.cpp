// Transfers, counts and dated stock as the host ERP meets them: over real HTTP
// against `downstream serve` with API keys, on SQLite and PostgreSQL, with sites
// from site files and the real CLI for closing a period.
#define BOOST_TEST_MODULE inventory_transfer_routes
#include <boost/test/unit_test.hpp>

#include <downstream/json.h>
#include <downstream/testing/http_client.h>
#include <downstream/testing/installation.h>

#include <set>

using namespace downstream::testing;
namespace json = downstream::json;

namespace {

std::string site_file(const std::string& code) {
  return "[site]\ncode = " + code + "\nname = " + code + " warehouse\nkind = warehouse\ntimezone = UTC\n"
         "[location.storage]\nkind = storage\n[location.input]\nkind = input\n";
}

struct TwoSites {
  Installation inst{{.plugins = {"soci", "inventory"},
                     .test_plugins = {},
                     .site_files = {{"north.ini", site_file("NORTH")}, {"south.ini", site_file("SOUTH")}},
                     .extra_config = ""}};
  std::string all_sites;
  std::string north_only;
  std::string south_only;
  std::unique_ptr<HostProcess> host;
  std::unique_ptr<HttpClient> http;

  TwoSites() {
    auto applied = inst.cli({"config", "apply"});
    BOOST_TEST_REQUIRE(applied.exit_code == 0, applied.all());
    all_sites = inst.create_key("erp", "operator");
    north_only = inst.create_key("north-store", "operator", "NORTH");
    south_only = inst.create_key("south-store", "operator", "SOUTH");
  }
  void start(const std::string& clock = "2026-01-15T09:00:00Z") {
    http.reset();
    if (host) host->stop();
    host = inst.serve({"host.clock=" + clock});
    http = std::make_unique<HttpClient>(host->address());
  }

  HttpReply post(const std::string& target, const std::string& body, const std::string& key = "") {
    return http->request("POST", target, body, with_key(key.empty() ? all_sites : key));
  }
  HttpReply get(const std::string& target, const std::string& key = "") {
    return http->get(target, with_key(key.empty() ? all_sites : key));
  }
  void stock(const std::string& sku, const std::string& quantity, const std::string& to) {
    auto put = http->request("PUT", "/api/v1/products/" + sku, R"({"name":"Chair","unit":"each"})", with_key(all_sites));
    BOOST_TEST_REQUIRE((put.status == 200 || put.status == 201), put.body);
    auto moved = post("/api/v1/moves", R"({"sku":")" + sku + R"(","quantity":")" + quantity +
                                           R"(","from":"supplier","to":")" + to + R"("})");
    BOOST_TEST_REQUIRE(moved.status == 201, moved.body);
  }
  std::string create_transfer(const std::string& quantity, const std::string& key = "") {
    auto r = post("/api/v1/transfers",
                  R"({"from_site":"NORTH","to_site":"SOUTH","lines":[{"sku":"CHAIR","quantity":")" + quantity + R"("}]})",
                  key);
    BOOST_TEST_REQUIRE(r.status == 201, r.body);
    return json::parse(r.body).as_object().at("number").as_string();
  }
};

json::Object object_of(const HttpReply& r) {
  BOOST_TEST_INFO(r.body);
  return json::parse(r.body).as_object();
}

void check_problem(const HttpReply& r, int status, const std::string& mentioned = "") {
  BOOST_TEST_INFO(r.status << " " << r.body);
  BOOST_TEST(r.status == status);
  BOOST_TEST(r.header("content-type") == "application/problem+json");
  if (!mentioned.empty()) BOOST_TEST(r.body.find(mentioned) != std::string::npos);
}

std::set<std::string> error_fields(const HttpReply& r) {
  std::set<std::string> out;
  auto body = json::parse(r.body);
  for (const auto& e : body.as_object().at("errors").as_array())
    out.insert(e.as_object().at("field").as_string());
  return out;
}

// The site's figure in an answer with "sites": [{"site": ..., name: "12.5"}].
std::string site_figure(const json::Object& answer, const std::string& site, const std::string& name) {
  for (const auto& s : answer.at("sites").as_array())
    if (s.as_object().at("site").as_string() == site) return s.as_object().at(name).as_string();
  return "no site " + site;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(transfer_routes, TwoSites)

BOOST_AUTO_TEST_CASE(a_transfer_is_created_shipped_and_received_in_parts_with_a_loss_over_http) {
  start();
  stock("CHAIR", "10", "NORTH/storage");
  auto created = post("/api/v1/transfers",
                      R"({"from_site":"NORTH","to_site":"SOUTH","lines":[{"sku":"CHAIR","quantity":"6"}]})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  auto t = object_of(created);
  auto number = t.at("number").as_string();
  BOOST_TEST(number == "TR-NORTH-000001");
  BOOST_TEST(created.header("location") == "/api/v1/transfers/" + number);
  BOOST_TEST(t.at("state").as_string() == "draft");
  BOOST_TEST(t.at("lines").as_array().at(0).as_object().at("quantity").as_string() == "6");
  BOOST_TEST(create_transfer("1") == "TR-NORTH-000002");

  auto shipped = post("/api/v1/transfers/" + number + "/ship", "");
  BOOST_TEST_REQUIRE(shipped.status == 200, shipped.body);
  BOOST_TEST(object_of(shipped).at("state").as_string() == "shipped");

  auto part = post("/api/v1/transfers/" + number + "/receive", R"({"lines":[{"line":1,"quantity":"4"}]})");
  BOOST_TEST_REQUIRE(part.status == 200, part.body);
  BOOST_TEST(object_of(part).at("state").as_string() == "partially_received");

  auto rest = post("/api/v1/transfers/" + number + "/receive",
                   R"({"lines":[{"line":1,"quantity":"1.5","lost":"0.5","loss_reason":"crushed corner"}]})");
  BOOST_TEST_REQUIRE(rest.status == 200, rest.body);

  auto read = get("/api/v1/transfers/" + number);
  BOOST_TEST_REQUIRE(read.status == 200, read.body);
  auto done = object_of(read);
  BOOST_TEST(done.at("state").as_string() == "received");
  const auto& line = done.at("lines").as_array().at(0).as_object();
  BOOST_TEST(line.at("received").as_string() == "5.5");
  BOOST_TEST(line.at("lost").as_string() == "0.5");
  BOOST_TEST(line.at("in_transit").as_string() == "0");
  BOOST_TEST(line.at("loss_reason").as_string() == "crushed corner");
  BOOST_TEST(line.at("to_location").as_string() == "SOUTH/input");

  // Today's stock per site: what the transfer moved, less the loss.
  auto today = get("/api/v1/stock-as-of?product=CHAIR&date=2026-01-15");
  BOOST_TEST_REQUIRE(today.status == 200, today.body);
  BOOST_TEST(site_figure(object_of(today), "NORTH", "on_hand") == "4");
  BOOST_TEST(site_figure(object_of(today), "SOUTH", "on_hand") == "5.5");
  BOOST_TEST(object_of(today).at("on_hand").as_string() == "9.5");

  auto check = inst.cli({"check"});
  BOOST_TEST(check.exit_code == 0, check.all());
}

BOOST_AUTO_TEST_CASE(a_key_needs_the_from_site_to_create_ship_and_cancel_and_the_to_site_to_receive) {
  start();
  stock("CHAIR", "10", "NORTH/storage");
  check_problem(post("/api/v1/transfers",
                     R"({"from_site":"NORTH","to_site":"SOUTH","lines":[{"sku":"CHAIR","quantity":"1"}]})", south_only),
                403, "NORTH");
  auto number = create_transfer("3", north_only);
  BOOST_TEST(number == "TR-NORTH-000001");  // the refused request took no number
  check_problem(post("/api/v1/transfers/" + number + "/ship", "", south_only), 403, "NORTH");
  BOOST_TEST(post("/api/v1/transfers/" + number + "/ship", "", north_only).status == 200);
  check_problem(post("/api/v1/transfers/" + number + "/receive", "", north_only), 403, "SOUTH");
  BOOST_TEST(object_of(get("/api/v1/transfers/" + number, north_only)).at("state").as_string() == "shipped");
  auto received = post("/api/v1/transfers/" + number + "/receive", "", south_only);
  BOOST_TEST_REQUIRE(received.status == 200, received.body);
  BOOST_TEST(object_of(received).at("state").as_string() == "received");
  BOOST_TEST(get("/api/v1/transfers/" + number, south_only).status == 200);  // either site may read it
}

BOOST_AUTO_TEST_CASE(invalid_input_is_a_422_listing_every_field_and_a_refused_transition_a_409_naming_the_state) {
  start();
  stock("CHAIR", "10", "NORTH/storage");
  auto bad = post("/api/v1/transfers",
                  R"({"from_site":"NORTH","ship_date":"2026-02-30","lines":[{"sku":"CHAIR","quantity":"0"},{"quantity":"x"}]})");
  check_problem(bad, 422);
  BOOST_TEST((error_fields(bad) == std::set<std::string>{"to_site", "ship_date", "lines[0].quantity", "lines[1].sku",
                                                          "lines[1].quantity"}));
  auto unknown = post("/api/v1/transfers",
                      R"({"from_site":"NORTH","to_site":"WEST","lines":[{"sku":"NO-SUCH","quantity":"1"}]})");
  check_problem(unknown, 422);
  BOOST_TEST((error_fields(unknown) == std::set<std::string>{"to_site", "lines[0].sku"}));

  auto number = create_transfer("20");
  BOOST_TEST(number == "TR-NORTH-000001");
  check_problem(post("/api/v1/transfers/" + number + "/ship", ""), 409, "NORTH/storage");
  check_problem(post("/api/v1/transfers/" + number + "/receive", ""), 409, "draft");
  auto cancelled = post("/api/v1/transfers/" + number + "/cancel", "");
  BOOST_TEST_REQUIRE(cancelled.status == 200, cancelled.body);
  check_problem(post("/api/v1/transfers/" + number + "/cancel", ""), 409, "cancelled");

  auto shipped = create_transfer("2");
  BOOST_TEST(post("/api/v1/transfers/" + shipped + "/ship", "").status == 200);
  check_problem(post("/api/v1/transfers/" + shipped + "/cancel", ""), 409, "shipped");
  auto over = post("/api/v1/transfers/" + shipped + "/receive", R"({"lines":[{"line":1,"quantity":"3"}]})");
  check_problem(over, 422);
  BOOST_TEST((error_fields(over) == std::set<std::string>{"lines[0].quantity"}));
  check_problem(get("/api/v1/transfers/TR-NORTH-999999"), 404);
}

BOOST_AUTO_TEST_CASE(a_count_is_created_and_posted_over_http_and_a_stale_count_is_refused) {
  start();
  stock("CHAIR", "10", "NORTH/storage");
  auto created = post("/api/v1/counts", R"({"site":"NORTH","lines":[{"location":"storage","sku":"CHAIR","counted":"8"}]})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  auto number = object_of(created).at("number").as_string();
  BOOST_TEST(number == "CNT-NORTH-000001");
  BOOST_TEST(object_of(created).at("lines").as_array().at(0).as_object().at("difference").as_string() == "-2");
  check_problem(post("/api/v1/counts/" + number + "/post", "", south_only), 403, "NORTH");
  auto posted = post("/api/v1/counts/" + number + "/post", "");
  BOOST_TEST_REQUIRE(posted.status == 200, posted.body);
  BOOST_TEST(object_of(posted).at("state").as_string() == "posted");
  check_problem(post("/api/v1/counts/" + number + "/post", ""), 409, "posted");

  auto stale = object_of(post("/api/v1/counts", R"({"site":"NORTH","lines":[{"location":"storage","sku":"CHAIR","counted":"1"}]})"))
                   .at("number")
                   .as_string();
  stock("CHAIR", "1", "NORTH/storage");
  check_problem(post("/api/v1/counts/" + stale + "/post", ""), 409, "stock moved in NORTH/storage");
  auto bad = post("/api/v1/counts", R"({"site":"NORTH","lines":[{"location":"attic","sku":"CHAIR","counted":"-1"}]})");
  check_problem(bad, 422);
  BOOST_TEST((error_fields(bad) == std::set<std::string>{"lines[0].counted"}));
  auto check = inst.cli({"check"});
  BOOST_TEST(check.exit_code == 0, check.all());
}

BOOST_AUTO_TEST_CASE(stock_as_of_a_past_day_starts_from_the_period_closed_with_the_cli) {
  start("2026-01-10T12:00:00Z");
  stock("CHAIR", "10", "NORTH/storage");
  start("2026-01-12T12:00:00Z");
  stock("CHAIR", "5", "SOUTH/storage");
  host->stop();

  auto early = inst.cli({"-D", "host.clock=2026-01-15T09:00:00Z", "inventory", "close-period", "2026-01-11"});
  BOOST_TEST_REQUIRE(early.exit_code == 0, early.all());
  BOOST_TEST(early.out.find("closed through 2026-01-11") != std::string::npos);
  auto again = inst.cli({"-D", "host.clock=2026-01-15T09:00:00Z", "inventory", "close-period", "2026-01-10"});
  BOOST_TEST(again.exit_code == 1, again.all());
  BOOST_TEST(again.err.find("2026-01-11") != std::string::npos);
  auto today = inst.cli({"-D", "host.clock=2026-01-15T09:00:00Z", "inventory", "close-period", "2026-01-15"});
  BOOST_TEST(today.exit_code == 1, today.all());
  BOOST_TEST(inst.cli({"inventory", "close-period", "31/01/2026"}).exit_code == 64);

  start("2026-01-15T09:00:00Z");
  auto d1 = get("/api/v1/stock-as-of?product=CHAIR&date=2026-01-11");
  BOOST_TEST_REQUIRE(d1.status == 200, d1.body);
  BOOST_TEST(object_of(d1).at("basis").as_string() == "2026-01-11");
  BOOST_TEST(site_figure(object_of(d1), "NORTH", "on_hand") == "10");
  BOOST_TEST(site_figure(object_of(d1), "SOUTH", "on_hand") == "0");
  auto d2 = get("/api/v1/stock-as-of?product=CHAIR&date=2026-01-12");
  BOOST_TEST(site_figure(object_of(d2), "SOUTH", "on_hand") == "5");

  // A key scoped to a site sees only that site, and may not ask for another.
  auto scoped = object_of(get("/api/v1/stock-as-of?product=CHAIR&date=2026-01-12", south_only));
  BOOST_TEST(scoped.at("sites").as_array().size() == 1u);
  BOOST_TEST(scoped.at("on_hand").as_string() == "5");
  check_problem(get("/api/v1/stock-as-of?product=CHAIR&date=2026-01-12&site=NORTH", south_only), 403);

  auto future = get("/api/v1/stock-as-of?product=NO-SUCH&date=2026-02-01");
  check_problem(future, 422);
  BOOST_TEST((error_fields(future) == std::set<std::string>{"product", "date"}));
  check_problem(get("/api/v1/projected-availability?product=CHAIR&date=2026-01-01"), 422, "date");
}

BOOST_AUTO_TEST_CASE(projected_availability_counts_a_planned_transfer_by_its_dates) {
  start();
  stock("CHAIR", "10", "NORTH/storage");
  auto created = post("/api/v1/transfers", R"({"from_site":"NORTH","to_site":"SOUTH","ship_date":"2026-01-16",
    "arrival_date":"2026-01-19","lines":[{"sku":"CHAIR","quantity":"4"}]})");
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  auto before = object_of(get("/api/v1/projected-availability?product=CHAIR&date=2026-01-18"));
  BOOST_TEST(site_figure(before, "NORTH", "projected_on_hand") == "6");
  BOOST_TEST(site_figure(before, "SOUTH", "projected_on_hand") == "0");
  auto after = object_of(get("/api/v1/projected-availability?product=CHAIR&date=2026-01-19"));
  BOOST_TEST(site_figure(after, "SOUTH", "incoming") == "4");
  BOOST_TEST(site_figure(after, "SOUTH", "projected_available") == "4");
  BOOST_TEST(after.at("total").as_object().at("projected_on_hand").as_string() == "10");
}

BOOST_AUTO_TEST_SUITE_END()
