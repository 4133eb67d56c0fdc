// Sites and locations configured through files, through the real CLI and API on
// SQLite and PostgreSQL: `config plan` shows, `config apply` does, idempotently,
// and a location that holds stock is never deactivated.
#define BOOST_TEST_MODULE inventory_sites
#include <boost/test/unit_test.hpp>

#include <downstream/json.h>
#include <downstream/testing/http_client.h>
#include <downstream/testing/installation.h>

#include <set>

using namespace downstream::testing;
namespace json = downstream::json;

namespace {

const std::string kNorth =
    "[site]\n"
    "code = NORTH\n"
    "name = North warehouse\n"
    "kind = warehouse\n"
    "timezone = Europe/Berlin\n"
    "address = Hafenstrasse 12, Hamburg\n"
    "[location.input]\n"
    "kind = input\n"
    "[location.storage]\n"
    "kind = storage\n"
    "[location.storage.a-01]\n"
    "kind = bin\n"
    "name = Aisle A, bay 01\n"
    "[location.storage.a-02]\n"
    "kind = bin\n"
    "[location.output]\n"
    "kind = output\n";

const std::string kSouth =
    "[site]\n"
    "code = SOUTH\n"
    "name = South store\n"
    "kind = store\n"
    "timezone = Europe/Madrid\n"
    "[location.storage]\n"
    "[location.storage.shelf-1]\n";

Installation north_and_south(const std::string& extra_config = "") {
  return Installation({.plugins = {"soci", "inventory"},
                       .test_plugins = {},
                       .site_files = {{"north.ini", kNorth}, {"south.ini", kSouth}},
                       .extra_config = extra_config});
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// What an admin does between two applies: rewrite a site file.
void edit(const Installation& inst, const std::string& file, const std::string& content) {
  inst.dir().write("config/sites.d/" + file, content);
}

std::string without(std::string text, const std::string& part) {
  auto at = text.find(part);
  BOOST_TEST_REQUIRE(at != std::string::npos, "the fixture has no " << part);
  return text.erase(at, part.size());
}

CommandResult checked(const Installation& inst, std::vector<std::string> args) {
  auto r = inst.cli(std::move(args));
  BOOST_TEST_INFO(r.all());
  BOOST_TEST_REQUIRE(r.exit_code == 0);
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(plan_and_apply)

BOOST_AUTO_TEST_CASE(plan_lists_every_site_and_location_to_create_and_writes_nothing) {
  auto inst = north_and_south();
  auto first = checked(inst, {"config", "plan"});
  BOOST_TEST(has(first.out, "create site NORTH"));
  BOOST_TEST(has(first.out, "create site SOUTH"));
  BOOST_TEST(has(first.out, "create location NORTH/storage/a-01: bin 'Aisle A, bay 01'"));
  BOOST_TEST(has(first.out, "create location SOUTH/storage/shelf-1"));
  // A plan changed nothing: planning again shows the same creations.
  auto second = checked(inst, {"config", "plan"});
  BOOST_TEST(second.out == first.out);
}

BOOST_AUTO_TEST_CASE(apply_creates_what_plan_showed_and_a_second_apply_has_nothing_to_change) {
  auto inst = north_and_south();
  auto plan = checked(inst, {"config", "plan"});
  auto apply = checked(inst, {"config", "apply"});
  BOOST_TEST(has(apply.out, "create location NORTH/storage/a-02"));
  auto creations = [](const std::string& out) {
    std::size_t n = 0;
    for (auto at = out.find("+ create"); at != std::string::npos; at = out.find("+ create", at + 1)) ++n;
    return n;
  };
  BOOST_TEST(creations(plan.out) == 9u);  // 2 sites, 7 locations
  BOOST_TEST(creations(apply.out) == creations(plan.out));
  BOOST_TEST(has(apply.out, "applied 9 changes"));
  auto again = checked(inst, {"config", "apply"});
  BOOST_TEST(has(again.out, "nothing to change"));
  BOOST_TEST(!has(again.out, "create"));
  BOOST_TEST(has(checked(inst, {"config", "plan"}).out, "nothing to change"));
}

BOOST_AUTO_TEST_CASE(a_renamed_location_is_a_change_and_a_removed_one_is_deactivated) {
  auto inst = north_and_south();
  checked(inst, {"config", "apply"});
  auto north = without(kNorth, "[location.storage.a-02]\nkind = bin\n");
  auto at = north.find("Aisle A, bay 01");
  north.replace(at, std::string("Aisle A, bay 01").size(), "Aisle A, first bay");
  edit(inst, "north.ini", north);

  auto plan = checked(inst, {"config", "plan"});
  BOOST_TEST(has(plan.out, "change location NORTH/storage/a-01: name 'Aisle A, bay 01' -> 'Aisle A, first bay'"));
  BOOST_TEST(has(plan.out, "deactivate location NORTH/storage/a-02"));
  BOOST_TEST(!has(plan.out, "SOUTH"));
  checked(inst, {"config", "apply"});
  BOOST_TEST(has(checked(inst, {"config", "plan"}).out, "nothing to change"));

  // Declared again, it comes back: the same row, active again.
  edit(inst, "north.ini", kNorth);
  auto back = checked(inst, {"config", "plan"});
  BOOST_TEST(has(back.out, "change location NORTH/storage/a-02: inactive -> active"));
}

BOOST_AUTO_TEST_CASE(a_site_whose_file_is_removed_is_deactivated_with_its_locations) {
  auto inst = north_and_south();
  checked(inst, {"config", "apply"});
  std::filesystem::remove(inst.dir().path() / "config" / "sites.d" / "south.ini");
  auto plan = checked(inst, {"config", "plan"});
  BOOST_TEST(has(plan.out, "deactivate location SOUTH/storage/shelf-1"));
  BOOST_TEST(has(plan.out, "deactivate site SOUTH"));
  BOOST_TEST(!has(plan.out, "NORTH"));
}

BOOST_AUTO_TEST_CASE(a_location_that_holds_stock_is_not_deactivated_and_the_refused_apply_changes_nothing) {
  auto inst = north_and_south();
  checked(inst, {"config", "apply"});
  checked(inst, {"inventory", "demo"});  // stock arrives in each site's first bin: NORTH/storage/a-01
  // Remove the stocked bin and rename another in the same edit.
  auto north = without(kNorth, "[location.storage.a-01]\nkind = bin\nname = Aisle A, bay 01\n");
  north += "[location.quality]\nkind = quality\n";
  edit(inst, "north.ini", north);

  auto plan = inst.cli({"config", "plan"});
  BOOST_TEST_INFO(plan.all());
  BOOST_TEST(plan.exit_code == 1);
  BOOST_TEST(has(plan.err, "NORTH/storage/a-01"));
  BOOST_TEST(has(plan.err, "holds stock"));

  auto apply = inst.cli({"config", "apply"});
  BOOST_TEST_INFO(apply.all());
  BOOST_TEST(apply.exit_code == 1);
  BOOST_TEST(has(apply.err, "NORTH/storage/a-01"));
  BOOST_TEST(has(apply.err, "nothing was applied"));
  // Nothing of the edit was applied: the new location is still to be created.
  BOOST_TEST(has(inst.cli({"config", "plan"}).out, "create location NORTH/quality"));
}

BOOST_AUTO_TEST_CASE(a_site_without_a_timezone_takes_the_configured_default) {
  auto inst =
      Installation({.plugins = {"soci", "inventory"},
                    .test_plugins = {},
                    .site_files = {{"east.ini", "[site]\ncode = EAST\nname = East\nkind = distribution_centre\n"}},
                    .extra_config = "[inventory]\ndefault_timezone = Europe/Lisbon\n"});
  auto plan = checked(inst, {"config", "plan"});
  BOOST_TEST(has(plan.out, "create site EAST: distribution_centre 'East', Europe/Lisbon"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(bad_files)

BOOST_AUTO_TEST_CASE(every_problem_in_the_site_files_is_reported_as_file_line_message_and_nothing_is_applied) {
  const std::string broken =
      "[site]\n"                   // 1
      "code = WEST\n"              // 2
      "name = West\n"              // 3
      "kind = castle\n"            // 4: unknown kind
      "timezone = Berlin time\n"   // 5: not a zone name
      "colour = red\n"             // 6: unknown key
      "[location.storage.a-01]\n"  // 7: parent not declared
      "kind = bin\n"               // 8
      "[location.dock]\n"          // 9: no kind
      "[shelves]\n";               // 10: unknown section
  auto inst =
      Installation({.plugins = {"soci", "inventory"}, .test_plugins = {}, .site_files = {{"west.ini", broken}}});
  auto file = inst.config_dir() + "/sites.d/west.ini";
  for (const char* command : {"plan", "apply"}) {
    auto r = inst.cli({"config", command});
    BOOST_TEST_INFO(r.all());
    BOOST_TEST(r.exit_code != 0);
    for (int line : {4, 5, 6, 7, 9, 10}) BOOST_TEST(has(r.err, file + ":" + std::to_string(line) + ": "), line);
    BOOST_TEST(has(r.err, "castle"));
    BOOST_TEST(has(r.err, "Berlin time"));
  }
}

BOOST_AUTO_TEST_CASE(two_files_declaring_one_site_code_are_reported_with_both_places) {
  auto inst = Installation(
      {.plugins = {"soci", "inventory"},
       .test_plugins = {},
       .site_files = {{"a.ini", "[site]\ncode = NORTH\nname = A\nkind = store\n"},
                      {"b.ini", "; the same site again\n[site]\ncode = NORTH\nname = B\nkind = store\n"}}});
  auto r = inst.cli({"config", "plan"});
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has(r.err, inst.config_dir() + "/sites.d/b.ini:2: "));
  BOOST_TEST(has(r.err, inst.config_dir() + "/sites.d/a.ini:1"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(api)

BOOST_AUTO_TEST_CASE(sites_and_their_locations_are_listed_and_a_key_sees_only_its_own_sites) {
  auto inst = north_and_south();
  checked(inst, {"config", "apply"});
  auto all = inst.create_key("erp", "viewer");
  auto south_only = inst.create_key("store", "viewer", "SOUTH");
  auto host = inst.serve();
  HttpClient http(host->address());

  auto sites = http.get("/api/v1/sites", with_key(all));
  BOOST_TEST_REQUIRE(sites.status == 200, sites.body);
  std::vector<std::string> codes;
  auto listed = json::parse(sites.body);
  for (const auto& s : listed.as_object().at("items").as_array()) codes.push_back(s.as_object().at("code").as_string());
  BOOST_TEST((codes == std::vector<std::string>{"NORTH", "SOUTH"}));

  auto scoped = http.get("/api/v1/sites", with_key(south_only));
  BOOST_TEST_REQUIRE(scoped.status == 200, scoped.body);
  BOOST_TEST(json::parse(scoped.body).as_object().at("items").as_array().size() == 1u);
  BOOST_TEST(http.get("/api/v1/sites/NORTH", with_key(south_only)).status == 403);

  auto north = http.get("/api/v1/sites/NORTH", with_key(all));
  BOOST_TEST_REQUIRE(north.status == 200, north.body);
  auto site = json::parse(north.body).as_object();
  BOOST_TEST(site.at("timezone").as_string() == "Europe/Berlin");
  BOOST_TEST(site.at("kind").as_string() == "warehouse");

  auto locations = http.get("/api/v1/sites/NORTH/locations", with_key(all));
  BOOST_TEST_REQUIRE(locations.status == 200, locations.body);
  std::map<std::string, json::Object> by_code;
  auto located = json::parse(locations.body);
  for (const auto& l : located.as_object().at("items").as_array())
    by_code[l.as_object().at("code").as_string()] = l.as_object();
  BOOST_TEST(by_code.size() == 5u);
  BOOST_TEST(by_code.at("storage/a-01").at("parent").as_string() == "storage");
  BOOST_TEST(by_code.at("storage/a-01").at("label").as_string() == "NORTH/storage/a-01");
  BOOST_TEST(by_code.at("storage").at("parent").is_null());
  BOOST_TEST(by_code.at("input").at("kind").as_string() == "input");

  BOOST_TEST(http.get("/api/v1/sites/WEST", with_key(all)).status == 404);
}

BOOST_AUTO_TEST_CASE(a_deactivated_location_is_still_listed_as_inactive) {
  auto inst = north_and_south();
  checked(inst, {"config", "apply"});
  edit(inst, "north.ini", without(kNorth, "[location.storage.a-02]\nkind = bin\n"));
  checked(inst, {"config", "apply"});
  auto key = inst.create_key("erp", "viewer");
  auto host = inst.serve();
  HttpClient http(host->address());
  auto r = http.get("/api/v1/sites/NORTH/locations", with_key(key));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  std::map<std::string, bool> active;
  auto listed = json::parse(r.body);
  for (const auto& l : listed.as_object().at("items").as_array())
    active[l.as_object().at("code").as_string()] = l.as_object().at("active").as_bool();
  BOOST_TEST(active.at("storage/a-02") == false);
  BOOST_TEST(active.at("storage/a-01") == true);
}

BOOST_AUTO_TEST_SUITE_END()
