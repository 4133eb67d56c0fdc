#pragma once
// A real installation with the inventory module for black-box stock tests: the
// site NORTH from a site file (applied with `config apply`), an admin and an
// operator key, and helpers that set up stock over HTTP as an ERP would.
#include <boost/test/unit_test.hpp>

#include <downstream/json.h>
#include <downstream/testing/http_client.h>
#include <downstream/testing/installation.h>

#include <string>

namespace downstream::inventory_module::testing {

inline const char* kNorthSite = R"([site]
code = NORTH
name = North warehouse
kind = warehouse
timezone = UTC
address = Hafenstrasse 1, Hamburg

[location.storage]
kind = storage
[location.storage.a-01]
kind = bin
[location.storage.a-02]
kind = bin
[location.input]
kind = input
[location.output]
kind = output
)";

struct StockInstallation {
  downstream::testing::Installation inst{{.plugins = {"soci", "inventory"},
                                          .test_plugins = {},
                                          .site_files = {{"north.ini", kNorthSite}},
                                          .extra_config = ""}};
  std::string admin;
  std::string operator_;

  StockInstallation() {
    auto applied = inst.cli({"config", "apply"});
    BOOST_TEST_REQUIRE(applied.exit_code == 0, applied.all());
    admin = inst.create_key("it", "admin");
    operator_ = inst.create_key("erp", "operator");
  }

  // PUT /api/v1/products/{sku}, then `quantity` from the supplier into NORTH/<location>.
  void stock_product(downstream::testing::HttpClient& http, const std::string& sku, const std::string& quantity,
                     const std::string& location = "storage/a-01") {
    using downstream::testing::with_key;
    auto put = http.request("PUT", "/api/v1/products/" + sku, R"({"name":"Chair","unit":"each"})", with_key(operator_));
    BOOST_TEST_REQUIRE((put.status == 200 || put.status == 201), put.body);
    auto moved = http.request("POST", "/api/v1/moves",
                              R"({"sku":")" + sku + R"(","quantity":")" + quantity +
                                  R"(","from":"supplier","to":"NORTH/)" + location + R"("})",
                              with_key(operator_));
    BOOST_TEST_REQUIRE(moved.status == 201, moved.body);
  }
};

}  // namespace downstream::inventory_module::testing
