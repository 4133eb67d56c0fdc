// Reading the per-channel allocation policies and the region map.
#define BOOST_TEST_MODULE sales_allocation_policy
#include <boost/test/unit_test.hpp>

#include <downstream/error.h>

#include "allocation_policy.h"

using namespace downstream;
using namespace downstream::sales_module;

using Sites = std::vector<std::string>;

BOOST_AUTO_TEST_CASE(regions_map_each_region_to_its_sites_in_order) {
  auto regions = parse_regions(" DE-N = NORTH, SOUTH ;ES=SOUTH; ", "test");
  BOOST_TEST(regions.size() == 2u);
  BOOST_TEST((regions.at("DE-N") == Sites{"NORTH", "SOUTH"}));
  BOOST_TEST((regions.at("ES") == Sites{"SOUTH"}));
  BOOST_TEST(parse_regions("", "test").empty());
}

BOOST_AUTO_TEST_CASE(a_region_entry_without_a_name_or_sites_is_a_config_error_naming_the_key) {
  try {
    parse_regions("DE-N NORTH", "config/modules.d/sales.ini:3");
    BOOST_FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    BOOST_TEST(std::string(e.what()).find("sales.regions (config/modules.d/sales.ini:3)") != std::string::npos);
  }
  BOOST_CHECK_THROW(parse_regions("ES = ", "test"), ConfigError);
}

BOOST_AUTO_TEST_CASE(each_policy_names_the_sites_an_order_may_reserve_at) {
  AllocationPolicies p;
  p.set("retail", {PolicyKind::single_site, {"SOUTH"}, false, false});
  p.set("web", {PolicyKind::priority, {"NORTH", "SOUTH"}, true, false});
  p.set("marketplace", {PolicyKind::priority, {}, false, false});
  p.set("wholesale", {PolicyKind::region, {}, false, false});
  p.set_region("ES", {"SOUTH", "NORTH"});

  BOOST_TEST((p.sites_for("retail", "NORTH", "ES") == Sites{"NORTH"}));
  BOOST_TEST((p.sites_for("web", "SOUTH", "") == Sites{"NORTH", "SOUTH"}));
  BOOST_TEST((p.sites_for("marketplace", "SOUTH", "") == Sites{"SOUTH"}));  // no list: the order's site
  BOOST_TEST((p.sites_for("wholesale", "NORTH", "ES") == Sites{"SOUTH", "NORTH"}));
  BOOST_TEST((p.sites_for("wholesale", "NORTH", "FR") == Sites{"NORTH"}));  // unknown region: the order's site
  BOOST_TEST((p.sites_for("unknown-channel", "NORTH", "") == Sites{"NORTH"}));
}
