// Stock over HTTP as the host ERP meets it: availability per site and in total,
// a site's balances, moves read page by page and posted by hand, reservations
// made and released — with every bad field listed, refusals that change
// nothing, and keys kept to their sites.
#define BOOST_TEST_MODULE inventory_stock_routes
#include <boost/test/unit_test.hpp>

#include <downstream/json.h>

#include <set>

#include "stock_installation.h"

using namespace downstream;
using downstream::inventory_module::testing::StockInstallation;
using downstream::testing::HttpClient;
using downstream::testing::HttpReply;
using downstream::testing::with_key;

namespace {

json::Object object_of(const HttpReply& r) {
  BOOST_TEST_INFO(r.body);
  return json::parse(r.body).as_object();
}

std::set<std::string> error_fields(const HttpReply& r) {
  std::set<std::string> out;
  auto body = object_of(r);
  if (const auto* errors = body.find("errors"))
    for (const auto& e : errors->as_array()) out.insert(e.as_object().at("field").as_string());
  return out;
}

struct Served : StockInstallation {
  std::unique_ptr<downstream::testing::HostProcess> host = inst.serve();
  HttpClient http{host->address()};

  HttpReply post(const std::string& path, const std::string& body) {
    return http.request("POST", path, body, with_key(operator_));
  }
  HttpReply get(const std::string& path) { return http.get(path, with_key(operator_)); }
  std::size_t move_count() {
    return object_of(get("/api/v1/moves?limit=1000")).at("moves").as_array().size();
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(stock_routes, Served)

BOOST_AUTO_TEST_CASE(availability_answers_per_site_and_in_total_with_decimal_strings) {
  stock_product(http, "CHAIR-1", "5.5");
  auto reserved = post("/api/v1/reservations",
                       R"({"site":"NORTH","sku":"CHAIR-1","quantity":"2","document":{"type":"order","id":"SO-1","line":"1"}})");
  BOOST_TEST_REQUIRE(reserved.status == 201, reserved.body);

  auto r = get("/api/v1/availability?product=CHAIR-1");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  auto body = object_of(r);
  BOOST_TEST(body.at("unit").as_string() == "each");
  const auto& sites = body.at("sites").as_array();
  BOOST_TEST_REQUIRE(sites.size() == 1u);
  const auto& north = sites[0].as_object();
  BOOST_TEST(north.at("site").as_string() == "NORTH");
  BOOST_TEST(north.at("on_hand").as_string() == "5.5");
  BOOST_TEST(north.at("reserved").as_string() == "2");
  BOOST_TEST(north.at("available").as_string() == "3.5");
  BOOST_TEST(north.at("incoming").as_string() == "0");
  BOOST_TEST(body.at("total").as_object().at("available").as_string() == "3.5");

  BOOST_TEST((error_fields(get("/api/v1/availability?product=NOPE")) == std::set<std::string>{"product"}));
  BOOST_TEST(get("/api/v1/availability").status == 422);
  BOOST_TEST((error_fields(get("/api/v1/availability?product=CHAIR-1&site=EAST")) == std::set<std::string>{"site"}));
  BOOST_TEST((error_fields(get("/api/v1/availability?product=CHAIR-1&date=tomorrow")) ==
              std::set<std::string>{"date"}));
}

BOOST_AUTO_TEST_CASE(a_site_lists_its_balances_by_location_product_and_lot) {
  stock_product(http, "CHAIR-1", "4");
  auto moved = post("/api/v1/moves", R"({"sku":"CHAIR-1","quantity":"1","from":"NORTH/storage/a-01","to":"NORTH/output"})");
  BOOST_TEST_REQUIRE(moved.status == 201, moved.body);
  auto r = get("/api/v1/sites/NORTH/stock?product=CHAIR-1");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  auto body = object_of(r);
  const auto& balances = body.at("balances").as_array();
  BOOST_TEST_REQUIRE(balances.size() == 2u);
  BOOST_TEST(balances[0].as_object().at("location").as_string() == "NORTH/output");
  BOOST_TEST(balances[0].as_object().at("on_hand").as_string() == "1");
  BOOST_TEST(balances[1].as_object().at("location").as_string() == "NORTH/storage/a-01");
  BOOST_TEST(balances[1].as_object().at("on_hand").as_string() == "3");
  BOOST_TEST(get("/api/v1/sites/EAST/stock").status == 404);
}

BOOST_AUTO_TEST_CASE(a_posted_move_lists_every_bad_field_and_writes_nothing) {
  stock_product(http, "CHAIR-1", "2");
  auto before = move_count();
  auto r = post("/api/v1/moves", R"({"sku":"NOPE","quantity":"0","from":"NORTH/attic"})");
  BOOST_TEST(r.status == 422, r.body);
  BOOST_TEST((error_fields(r) == std::set<std::string>{"sku", "quantity", "from", "to"}), r.body);
  auto same = post("/api/v1/moves", R"({"sku":"CHAIR-1","quantity":"1","from":"NORTH/input","to":"NORTH/input"})");
  BOOST_TEST((error_fields(same) == std::set<std::string>{"to"}), same.body);
  auto unexplained = post("/api/v1/moves", R"({"sku":"CHAIR-1","quantity":"1","from":"NORTH/storage/a-01","to":"adjustment"})");
  BOOST_TEST((error_fields(unexplained) == std::set<std::string>{"reason"}), unexplained.body);
  BOOST_TEST(move_count() == before);
}

BOOST_AUTO_TEST_CASE(moving_more_than_a_location_holds_is_a_409_naming_it_and_changes_nothing) {
  stock_product(http, "CHAIR-1", "2");
  auto before = move_count();
  auto r = post("/api/v1/moves", R"({"sku":"CHAIR-1","quantity":"3","from":"NORTH/storage/a-01","to":"NORTH/output"})");
  BOOST_TEST(r.status == 409, r.body);
  BOOST_TEST(r.header("content-type") == "application/problem+json");
  auto detail = object_of(r).at("detail").as_string();
  BOOST_TEST(detail.find("NORTH/storage/a-01") != std::string::npos, detail);
  BOOST_TEST(detail.find("on hand 2") != std::string::npos, detail);
  BOOST_TEST(move_count() == before);
  auto a = object_of(get("/api/v1/availability?product=CHAIR-1&site=NORTH"));
  BOOST_TEST(a.at("total").as_object().at("on_hand").as_string() == "2");
}

BOOST_AUTO_TEST_CASE(moves_are_read_in_pages_and_filtered_by_product_site_and_document) {
  stock_product(http, "CHAIR-1", "3");
  for (int i = 0; i < 2; ++i) {
    auto m = post("/api/v1/moves", R"({"sku":"CHAIR-1","quantity":"1","from":"NORTH/storage/a-01","to":"NORTH/output",)"
                                   R"("document":{"type":"pick","id":"PK-7","line":")" + std::to_string(i) + R"("}})");
    BOOST_TEST_REQUIRE(m.status == 201, m.body);
  }
  auto first = object_of(get("/api/v1/moves?product=CHAIR-1&limit=2"));
  BOOST_TEST_REQUIRE(first.at("moves").as_array().size() == 2u);
  BOOST_TEST(first.at("moves").as_array()[0].as_object().at("from").as_string() == "supplier");
  BOOST_TEST_REQUIRE(first.at("next_after").is_number());
  auto after = first.at("next_after").number_text();
  auto second = object_of(get("/api/v1/moves?product=CHAIR-1&limit=2&after=" + after));
  BOOST_TEST(second.at("moves").as_array().size() == 1u);
  BOOST_TEST(second.at("next_after").is_null());
  auto picked = object_of(get("/api/v1/moves?document=PK-7"));
  BOOST_TEST(picked.at("moves").as_array().size() == 2u);
  BOOST_TEST(picked.at("moves").as_array()[0].as_object().at("quantity").as_string() == "1");
  BOOST_TEST(object_of(get("/api/v1/moves?site=NORTH")).at("moves").as_array().size() == 3u);
  BOOST_TEST((error_fields(get("/api/v1/moves?limit=0&after=x")) == std::set<std::string>{"limit", "after"}));
}

BOOST_AUTO_TEST_CASE(a_reservation_reports_its_pieces_and_is_released_once) {
  stock_product(http, "CHAIR-1", "2", "storage/a-01");
  stock_product(http, "CHAIR-1", "2", "storage/a-02");
  auto doc = R"("document":{"type":"order","id":"SO-9","line":"1"})";
  auto r = post("/api/v1/reservations", std::string(R"({"site":"NORTH","sku":"CHAIR-1","quantity":"5",)") + doc + "}");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  auto body = object_of(r);
  BOOST_TEST(body.at("reserved").as_string() == "4");
  BOOST_TEST(body.at("missing").as_string() == "1");
  BOOST_TEST(!body.at("complete").as_bool());
  BOOST_TEST(body.at("pieces").as_array().size() == 2u);
  auto none = post("/api/v1/reservations", R"({"site":"NORTH","sku":"CHAIR-1","quantity":"1","document":{"type":"order","id":"SO-10"}})");
  BOOST_TEST(none.status == 409, none.body);

  auto released = post("/api/v1/reservations/release", std::string("{") + doc + "}");
  BOOST_TEST_REQUIRE(released.status == 200, released.body);
  BOOST_TEST(object_of(released).at("released").as_string() == "4");
  auto again = post("/api/v1/reservations/release", std::string("{") + doc + "}");
  BOOST_TEST(object_of(again).at("released").as_string() == "0");
  auto bad = post("/api/v1/reservations", R"({"site":"EAST","quantity":"-1"})");
  BOOST_TEST((error_fields(bad) == std::set<std::string>{"site", "sku", "quantity", "document"}), bad.body);
}

BOOST_AUTO_TEST_CASE(a_key_kept_to_another_site_cannot_read_or_move_this_sites_stock) {
  stock_product(http, "CHAIR-1", "2");
  auto south_viewer = inst.create_key("south-dashboard", "viewer", "SOUTH");
  auto south_operator = inst.create_key("south-erp", "operator", "SOUTH");
  BOOST_TEST(http.get("/api/v1/availability?product=CHAIR-1&site=NORTH", with_key(south_viewer)).status == 403);
  BOOST_TEST(http.get("/api/v1/sites/NORTH/stock", with_key(south_viewer)).status == 403);
  auto all = object_of(http.get("/api/v1/availability?product=CHAIR-1", with_key(south_viewer)));
  BOOST_TEST(all.at("sites").as_array().empty());
  auto moved = http.request("POST", "/api/v1/moves",
                            R"({"sku":"CHAIR-1","quantity":"1","from":"NORTH/storage/a-01","to":"NORTH/output"})",
                            with_key(south_operator));
  BOOST_TEST(moved.status == 403, moved.body);
  auto reserved = http.request(
      "POST", "/api/v1/reservations",
      R"({"site":"NORTH","sku":"CHAIR-1","quantity":"1","document":{"type":"order","id":"SO-1"}})",
      with_key(south_operator));
  BOOST_TEST(reserved.status == 403, reserved.body);
  BOOST_TEST(http.get("/api/v1/moves", with_key(south_viewer)).status == 200);
  BOOST_TEST(object_of(http.get("/api/v1/moves", with_key(south_viewer))).at("moves").as_array().empty());
}

BOOST_AUTO_TEST_SUITE_END()
