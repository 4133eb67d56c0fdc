// Which route a method and path reach, before any key or database is involved.
#define BOOST_TEST_MODULE route_index
#include <boost/test/unit_test.hpp>

#include "api/route_index.h"

using namespace downstream;
using namespace downstream::host;

namespace {

RegisteredRoute route(http::Method m, std::string path) {
  RegisteredRoute r;
  r.plugin = "sales";
  r.route.method = m;
  r.route.path = std::move(path);
  r.route.handler = [](const http::Request&, db::Transaction&) { return http::Response{}; };
  return r;
}

RouteIndex orders_routes() {
  return RouteIndex({route(http::Method::get, "/api/v1/sales-orders/{id}"),
                     route(http::Method::post, "/api/v1/sales-orders"),
                     route(http::Method::get, "/api/v1/sales-orders/pending"),
                     route(http::Method::post, "/api/v1/sales-orders/{id}/confirm"),
                     route(http::Method::get, "/api/v1/sites/{site}/pick-list")});
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_path_parameter_is_captured_and_percent_decoded) {
  auto index = orders_routes();  // found.route points into it
  auto found = index.find(http::Method::get, "/api/v1/sales-orders/SO%2F12%20A");
  BOOST_TEST_REQUIRE(found.route != nullptr);
  BOOST_TEST(found.route->route.path == "/api/v1/sales-orders/{id}");
  BOOST_TEST(found.params.at("id") == "SO/12 A");
}

BOOST_AUTO_TEST_CASE(a_literal_segment_wins_over_a_parameter) {
  auto index = orders_routes();  // found.route points into it
  auto found = index.find(http::Method::get, "/api/v1/sales-orders/pending");
  BOOST_TEST_REQUIRE(found.route != nullptr);
  BOOST_TEST(found.route->route.path == "/api/v1/sales-orders/pending");
  BOOST_TEST(found.params.empty());
}

BOOST_AUTO_TEST_CASE(a_known_path_with_another_method_lists_the_allowed_methods) {
  auto index = orders_routes();  // found.route points into it
  auto found = index.find(http::Method::del, "/api/v1/sales-orders/SO-1");
  BOOST_TEST(found.route == nullptr);
  BOOST_TEST((found.allowed == std::vector<std::string>{"GET"}));
}

BOOST_AUTO_TEST_CASE(an_unknown_path_matches_nothing_and_allows_nothing) {
  auto index = orders_routes();
  for (const char* path : {"/api/v1/sales-orders/SO-1/confirm/now", "/api/v1/sites//pick-list", "/api/v2/sales-orders",
                           "no-leading-slash", "/api/v1/sales-orders/%zz"}) {
    auto found = index.find(http::Method::get, path);
    BOOST_TEST(found.route == nullptr, path);
    BOOST_TEST(found.allowed.empty(), path);
  }
}

BOOST_AUTO_TEST_CASE(one_trailing_slash_is_tolerated) {
  auto index = orders_routes();  // found.route points into it
  auto found = index.find(http::Method::post, "/api/v1/sales-orders/");
  BOOST_TEST_REQUIRE(found.route != nullptr);
  BOOST_TEST(found.route->route.path == "/api/v1/sales-orders");
}
