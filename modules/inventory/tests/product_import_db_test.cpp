// `downstream import products FILE.csv` through the real CLI, on SQLite and
// PostgreSQL: the whole file or nothing, every bad line named by its number.
#define BOOST_TEST_MODULE inventory_product_import
#include <boost/test/unit_test.hpp>

#include <downstream/domain/decimal.h>
#include <downstream/ports/database.h>
#include <downstream/testing/installation.h>

#include <map>

#include "soci_driver.h"

using namespace downstream;
using namespace downstream::testing;

namespace {

struct ImportFixture {
  Installation inst{{.plugins = {"soci", "inventory"}, .test_plugins = {}, .site_files = {}, .extra_config = ""}};

  CommandResult import(const std::string& csv) {
    auto file = inst.dir().write("products.csv", csv);
    return inst.cli({"import", "products", file.string()});
  }
  std::string file() const { return (inst.dir().path() / "products.csv").string(); }

  // The products as stored: sku -> "name|unit|tracking|weight|active".
  std::map<std::string, std::string> stored() {
    db::DatabaseSettings s;
    s.url = inst.db().url();
    s.pool_size = 1;
    auto database = soci_adapter::make_driver()->open(s);
    std::map<std::string, std::string> out;
    database->read([&](db::Transaction& tx) {
      for (const auto& r : tx.query("SELECT sku, name, unit, tracking, weight, active FROM inv_product"))
        out[r.get_text(0)] = r.get_text(1) + "|" + r.get_text(2) + "|" + r.get_text(3) + "|" +
                             Decimal::from_raw(r.get_int(4)).to_string() + "|" + std::to_string(r.get_int(5));
    });
    return out;
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string kGood =
    "sku,name,unit,tracking,weight_kg,active\n"
    "CHAIR-1,\"Chair, oak\",each,none,7.5,true\n"
    "YOG-1,\"Yogurt \"\"natural\"\"\",each,lot,0.5,yes\n"
    "BEANS-1,Coffee beans,kg,,,\n";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(import_products, ImportFixture)

BOOST_AUTO_TEST_CASE(a_good_file_imports_every_product_with_its_fields_and_defaults) {
  auto r = import(kGood);
  BOOST_TEST_INFO(r.all());
  BOOST_TEST_REQUIRE(r.exit_code == 0);
  BOOST_TEST(has(r.out, "imported 3 products (3 created, 0 updated)"));
  auto p = stored();
  BOOST_TEST(p.size() == 3u);
  BOOST_TEST(p["CHAIR-1"] == "Chair, oak|each|none|7.5|1");
  BOOST_TEST(p["YOG-1"] == "Yogurt \"natural\"|each|lot|0.5|1");
  BOOST_TEST(p["BEANS-1"] == "Coffee beans|kg|none|0|1");  // tracking none, weight 0, active: the defaults
}

BOOST_AUTO_TEST_CASE(without_a_terminal_there_is_no_progress_bar_on_stderr) {
  auto r = import(kGood);
  BOOST_TEST_REQUIRE(r.exit_code == 0);
  BOOST_TEST(!has(r.err, "importing ["));
}

BOOST_AUTO_TEST_CASE(every_bad_line_is_reported_with_its_number_and_nothing_is_written) {
  auto r = import(
      "sku,name,unit,tracking,weight_kg,active\n"  // 1
      "A-1,Good one,each,none,1,true\n"            // 2
      "B 2,Space in sku,each,none,1,true\n"        // 3: bad sku
      "A-3,\"A name over\n"                        // 4
      "two lines\",each,none,1,true\n"             // 5
      "A-4,Heavy,pallet,none,1,true\n"             // 6: unknown unit
      "A-5,Light,kg,none,-0.5,true\n");            // 7: negative weight
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has(r.err, file() + ":3: "));
  BOOST_TEST(has(r.err, file() + ":6: unit 'pallet'"));
  BOOST_TEST(has(r.err, file() + ":7: weight_kg"));
  BOOST_TEST(!has(r.err, file() + ":2:"));
  BOOST_TEST(!has(r.err, file() + ":4:"));
  BOOST_TEST(has(r.err, "3 problems"));
  BOOST_TEST(has(r.err, "nothing was imported"));
  BOOST_TEST(stored().empty());  // not even the good lines
}

BOOST_AUTO_TEST_CASE(a_sku_twice_in_one_file_is_reported_at_its_second_line) {
  auto r = import("sku,name,unit\nA-1,First,each\nA-2,Other,each\nA-1,Again,each\n");
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has(r.err, file() + ":4: sku 'A-1' is already on line 2"));
  BOOST_TEST(stored().empty());
}

BOOST_AUTO_TEST_CASE(a_header_without_a_required_column_or_with_an_unknown_one_is_reported_at_line_1) {
  auto r = import("sku,title,unit,colour\nA-1,First,each,red\n");
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has(r.err, file() + ":1: unknown column 'title'"));
  BOOST_TEST(has(r.err, file() + ":1: unknown column 'colour'"));
  BOOST_TEST(has(r.err, "no 'name' column"));
}

BOOST_AUTO_TEST_CASE(importing_again_replaces_existing_products_and_counts_them_as_updated) {
  BOOST_TEST_REQUIRE(import(kGood).exit_code == 0);
  auto r = import(
      "active,sku,name,unit\n"  // columns in any order; missing ones take their defaults
      "false,CHAIR-1,Chair (discontinued),each\n"
      "true,DESK-1,Desk,each\n");
  BOOST_TEST_INFO(r.all());
  BOOST_TEST_REQUIRE(r.exit_code == 0);
  BOOST_TEST(has(r.out, "imported 2 products (1 created, 1 updated)"));
  auto p = stored();
  BOOST_TEST(p.size() == 4u);
  BOOST_TEST(p["CHAIR-1"] == "Chair (discontinued)|each|none|0|0");
  BOOST_TEST(p["DESK-1"] == "Desk|each|none|0|1");
}

BOOST_AUTO_TEST_CASE(a_missing_file_and_a_missing_argument_are_reported_without_writing) {
  auto missing = inst.cli({"import", "products", (inst.dir().path() / "nope.csv").string()});
  BOOST_TEST(missing.exit_code == 1);
  BOOST_TEST(has(missing.err, "nope.csv"));
  auto usage = inst.cli({"import", "products"});
  BOOST_TEST(usage.exit_code == 64);
  BOOST_TEST(has(usage.err, "sku,name,unit,tracking,weight_kg,active"));  // the format, in the usage
}

BOOST_AUTO_TEST_SUITE_END()
