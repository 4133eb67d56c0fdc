// What `scripts/run` does on a fresh installation, with the shipped site files:
// apply them, load the demo, and the API answers availability per site.
#define BOOST_TEST_MODULE inventory_demo_stock
#include <boost/test/unit_test.hpp>

#include <downstream/json.h>
#include <downstream/testing/build_paths.h>
#include <downstream/testing/http_client.h>
#include <downstream/testing/installation.h>

#include <filesystem>

using namespace downstream::testing;
namespace json = downstream::json;

namespace {

// config/sites.d/*.ini as shipped.
std::map<std::string, std::string> shipped_site_files() {
  std::map<std::string, std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(source_dir() / "config" / "sites.d"))
    if (e.path().extension() == ".ini") out[e.path().filename().string()] = read_file(e.path());
  return out;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(the_shipped_sites_apply_and_the_demo_puts_stock_at_both_with_the_ledger_consistent) {
  Installation inst({.plugins = {"soci", "inventory"}, .test_plugins = {}, .site_files = shipped_site_files()});
  auto apply = inst.cli({"config", "apply"});
  BOOST_TEST_REQUIRE(apply.exit_code == 0, apply.all());
  BOOST_TEST(has(apply.out, "create site NORTH: warehouse"));
  BOOST_TEST(has(apply.out, "create site SOUTH: store"));
  auto demo = inst.cli({"inventory", "demo"});
  BOOST_TEST_REQUIRE(demo.exit_code == 0, demo.all());
  auto check = inst.cli({"check"});
  BOOST_TEST(check.exit_code == 0, check.all());

  auto key = inst.create_key("demo", "viewer");
  auto host = inst.serve();
  HttpClient http(host->address());
  for (const char* sku : {"CHAIR-OAK", "COFFEE-ARABICA", "YOGURT-NATURAL"}) {
    auto product = http.get(std::string("/api/v1/products/") + sku, with_key(key));
    BOOST_TEST(product.status == 200, sku << ": " << product.body);
    auto r = http.get(std::string("/api/v1/availability?product=") + sku, with_key(key));
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(has(r.body, "\"NORTH\""), r.body);
    BOOST_TEST(has(r.body, "\"SOUTH\""), r.body);
  }
  auto coffee = json::parse(http.get("/api/v1/products/COFFEE-ARABICA", with_key(key)).body);
  BOOST_TEST(coffee.as_object().at("unit").as_string() == "kg");
  auto yogurt = json::parse(http.get("/api/v1/products/YOGURT-NATURAL", with_key(key)).body);
  BOOST_TEST(yogurt.as_object().at("tracking").as_string() == "lot");
}

BOOST_AUTO_TEST_CASE(the_demo_loads_once_and_a_second_run_leaves_the_catalogue_alone) {
  Installation inst({.plugins = {"soci", "inventory"}, .test_plugins = {}, .site_files = shipped_site_files()});
  BOOST_TEST_REQUIRE(inst.cli({"config", "apply"}).exit_code == 0);
  BOOST_TEST_REQUIRE(inst.cli({"inventory", "demo"}).exit_code == 0);
  auto again = inst.cli({"inventory", "demo"});
  BOOST_TEST(again.exit_code == 0, again.all());
  BOOST_TEST(has(again.out, "not loaded"));
  BOOST_TEST(!has(again.out, "received"));
}

BOOST_AUTO_TEST_CASE(the_demo_needs_a_site_and_says_so_instead_of_loading_products_without_stock) {
  Installation inst({.plugins = {"soci", "inventory"}, .test_plugins = {}, .site_files = {}});
  auto r = inst.cli({"inventory", "demo"});
  BOOST_TEST(r.exit_code == 1, r.all());
  BOOST_TEST(has(r.err, "config apply"));
  // Nothing was written: once a site exists, the demo still finds an empty catalogue.
  for (const auto& [name, content] : shipped_site_files()) inst.dir().write("config/sites.d/" + name, content);
  BOOST_TEST_REQUIRE(inst.cli({"config", "apply"}).exit_code == 0);
  auto loaded = inst.cli({"inventory", "demo"});
  BOOST_TEST(loaded.exit_code == 0, loaded.all());
  BOOST_TEST(has(loaded.out, "created 5 demo products"));
}
