// Products and units over real HTTP against `downstream serve`, on SQLite and
// PostgreSQL: the host ERP pushes its master data with PUT and reads it back.
#define BOOST_TEST_MODULE inventory_product_routes
#include <boost/test/unit_test.hpp>

#include <downstream/json.h>
#include <downstream/testing/http_client.h>
#include <downstream/testing/installation.h>

#include <set>

using namespace downstream::testing;
namespace json = downstream::json;

namespace {

const std::string kChair = R"({"name":"Oak chair","unit":"each","tracking":"none","weight_kg":"7.5","active":true})";

const std::string kNorth =
    "[site]\ncode = NORTH\nname = North\nkind = warehouse\ntimezone = UTC\n"
    "[location.storage]\n[location.storage.a-01]\n";

struct ApiFixture {
  Installation inst{{.plugins = {"soci", "inventory"},
                     .test_plugins = {},
                     .site_files = {{"north.ini", kNorth}},
                     .extra_config = ""}};
  std::string operator_key = inst.create_key("erp", "operator");
  std::string viewer_key = inst.create_key("reports", "viewer");
  std::unique_ptr<HostProcess> host = inst.serve();
  HttpClient http{host->address()};

  HttpReply put(const std::string& sku, const std::string& body, const std::string& key = "") {
    return http.request("PUT", "/api/v1/products/" + sku, body, with_key(key.empty() ? operator_key : key));
  }
  HttpReply get(const std::string& target) { return http.get(target, with_key(viewer_key)); }
};

json::Object object_of(const HttpReply& r) {
  BOOST_TEST_INFO(r.body);
  return json::parse(r.body).as_object();
}

std::set<std::string> error_fields(const HttpReply& r) {
  std::set<std::string> out;
  auto body = json::parse(r.body);
  for (const auto& e : body.as_object().at("errors").as_array()) out.insert(e.as_object().at("field").as_string());
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(products, ApiFixture)

BOOST_AUTO_TEST_CASE(put_creates_with_201_then_replaces_with_200_and_get_returns_what_was_put) {
  auto created = put("CHAIR-1", kChair);
  BOOST_TEST_REQUIRE(created.status == 201, created.body);
  auto replaced = put("CHAIR-1", R"({"name":"Oak chair, dark","unit":"each","weight_kg":7.25,"active":false})");
  BOOST_TEST_REQUIRE(replaced.status == 200, replaced.body);

  auto r = get("/api/v1/products/CHAIR-1");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  auto p = object_of(r);
  BOOST_TEST(p.at("sku").as_string() == "CHAIR-1");
  BOOST_TEST(p.at("name").as_string() == "Oak chair, dark");
  BOOST_TEST(p.at("weight_kg").as_string() == "7.25");  // a decimal string, exactly
  BOOST_TEST(p.at("tracking").as_string() == "none");   // left out of a PUT: the default
  BOOST_TEST(p.at("active").as_bool() == false);
  BOOST_TEST(object_of(replaced) == p);
}

BOOST_AUTO_TEST_CASE(an_invalid_product_gets_422_listing_every_bad_field_and_nothing_is_written) {
  auto r = put("bad%20sku",
               R"({"name":"","unit":"pallet","tracking":"batch","weight_kg":"-1","active":"yes","colour":"red"})");
  BOOST_TEST_REQUIRE(r.status == 422, r.body);
  BOOST_TEST(r.header("content-type") == "application/problem+json");
  BOOST_TEST(
      (error_fields(r) == std::set<std::string>{"sku", "name", "unit", "tracking", "weight_kg", "active", "colour"}));
  BOOST_TEST(get("/api/v1/products/bad%20sku").status == 404);
}

BOOST_AUTO_TEST_CASE(an_unknown_unit_gets_422_naming_the_unit_field) {
  auto r = put("CHAIR-1", R"({"name":"Oak chair","unit":"pallet"})");
  BOOST_TEST_REQUIRE(r.status == 422, r.body);
  BOOST_TEST((error_fields(r) == std::set<std::string>{"unit"}));
  BOOST_TEST(r.body.find("pallet") != std::string::npos);
  BOOST_TEST(get("/api/v1/products/CHAIR-1").status == 404);
}

BOOST_AUTO_TEST_CASE(a_viewer_key_may_read_but_not_put) {
  BOOST_TEST(put("CHAIR-1", kChair, viewer_key).status == 403);
  BOOST_TEST(get("/api/v1/products/CHAIR-1").status == 404);
  BOOST_TEST_REQUIRE(put("CHAIR-1", kChair).status == 201);
  BOOST_TEST(get("/api/v1/products/CHAIR-1").status == 200);
}

BOOST_AUTO_TEST_CASE(products_are_listed_by_sku_a_page_at_a_time) {
  for (const char* sku : {"C-3", "A-1", "B-2"}) BOOST_TEST_REQUIRE(put(sku, kChair).status == 201);
  auto first = object_of(get("/api/v1/products?limit=2"));
  const auto& items = first.at("items").as_array();
  BOOST_TEST_REQUIRE(items.size() == 2u);
  BOOST_TEST(items[0].as_object().at("sku").as_string() == "A-1");
  BOOST_TEST(items[1].as_object().at("sku").as_string() == "B-2");
  BOOST_TEST(first.at("next_after").as_string() == "B-2");
  auto second = object_of(get("/api/v1/products?limit=2&after=B-2"));
  BOOST_TEST_REQUIRE(second.at("items").as_array().size() == 1u);
  BOOST_TEST(second.at("items").as_array()[0].as_object().at("sku").as_string() == "C-3");
  BOOST_TEST(second.at("next_after").is_null());

  auto bad = get("/api/v1/products?limit=0");
  BOOST_TEST_REQUIRE(bad.status == 422, bad.body);
  BOOST_TEST((error_fields(bad) == std::set<std::string>{"limit"}));
}

BOOST_AUTO_TEST_CASE(units_are_listed_with_their_category_factor_and_rounding_as_decimal_strings) {
  auto r = get("/api/v1/units");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  std::map<std::string, json::Object> units;
  auto body = json::parse(r.body);
  for (const auto& u : body.as_object().at("items").as_array())
    units[u.as_object().at("code").as_string()] = u.as_object();
  BOOST_TEST_REQUIRE(units.size() == 4u);
  BOOST_TEST(units.at("box-12").at("factor").as_string() == "12");
  BOOST_TEST(units.at("box-12").at("category").as_string() == units.at("each").at("category").as_string());
  BOOST_TEST(units.at("g").at("factor").as_string() == "0.001");
  BOOST_TEST(units.at("kg").at("rounding").as_string() == "0.001");
}

BOOST_AUTO_TEST_CASE(changing_the_unit_of_a_product_in_stock_gets_409_naming_the_sku_and_changes_nothing) {
  BOOST_TEST_REQUIRE(inst.cli({"config", "apply"}).exit_code == 0);
  auto demo = inst.cli({"inventory", "demo"});  // stock of CHAIR-OAK at NORTH/storage/a-01
  BOOST_TEST_REQUIRE(demo.exit_code == 0, demo.all());
  auto r = put("CHAIR-OAK", R"({"name":"Oak chair","unit":"kg"})");
  BOOST_TEST_REQUIRE(r.status == 409, r.body);
  auto problem = object_of(r);
  BOOST_TEST(problem.at("detail").as_string().find("CHAIR-OAK") != std::string::npos);
  BOOST_TEST(object_of(get("/api/v1/products/CHAIR-OAK")).at("unit").as_string() == "each");
}

BOOST_AUTO_TEST_SUITE_END()
