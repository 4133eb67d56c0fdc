// The sales module as the host ERP meets it: the real `downstream` binary with
// the soci, inventory and sales plugins, over HTTP, on SQLite and PostgreSQL.
// `downstream check` passes after every scenario.
#define BOOST_TEST_MODULE sales_api
#include <boost/test/unit_test.hpp>

#include <downstream/json.h>
#include <downstream/testing/build_paths.h>
#include <downstream/testing/http_client.h>
#include <downstream/testing/installation.h>

#include <atomic>
#include <functional>
#include <future>
#include <set>
#include <thread>

using namespace downstream::testing;
namespace json = downstream::json;

namespace {

std::string site_file(const std::string& name) { return read_file(source_dir() / "config" / "sites.d" / name); }

const std::string kPolicies =
    "[sales]\n"
    "web_policy = priority\n"
    "web_sites = NORTH, SOUTH\n"
    "web_split = true\n"
    "retail_policy = single_site\n"
    "marketplace_policy = priority\n"
    "marketplace_sites = NORTH, SOUTH\n"
    "marketplace_shortage = refuse\n";

json::Object object_of(const HttpReply& r) {
  BOOST_TEST_INFO(r.status << " " << r.body);
  return json::parse(r.body).as_object();
}

std::string text(const json::Object& o, const char* key) { return o.at(key).as_string(); }

// An installation with NORTH and SOUTH applied, products, customers and a host serving it.
struct Shop {
  Installation inst{{.plugins = {"soci", "inventory", "sales"},
                     .test_plugins = {},
                     .site_files = {{"north.ini", site_file("north.ini")}, {"south.ini", site_file("south.ini")}},
                     .extra_config = kPolicies}};
  std::string key;
  std::unique_ptr<HostProcess> host;
  std::unique_ptr<HttpClient> http;

  Shop() {
    auto applied = inst.cli({"config", "apply"});
    BOOST_TEST_REQUIRE(applied.exit_code == 0, applied.all());
    key = inst.create_key("erp", "admin");
    host = inst.serve();
    http = std::make_unique<HttpClient>(host->address());
    for (const char* sku : {"CHAIR", "TABLE"})
      expect(200, "PUT", std::string("/api/v1/products/") + sku, R"({"name":"Test product","unit":"each"})", 201);
    for (auto [ref, channel] : {std::pair{"WEB-1", "web"}, {"SHOP-1", "retail"}, {"MKT-1", "marketplace"}})
      expect(201, "PUT", std::string("/api/v1/customers/") + ref,
             std::string(R"({"name":"Customer","channel":")") + channel +
                 R"(","addresses":[{"city":"Hamburg","country":"DE","region":"DE-N"}]})");
  }

  HttpReply call(const std::string& method, const std::string& target, const std::string& body = "") {
    return http->request(method, target, body, with_key(key));
  }
  // The call, required to answer `status` (or `alternative`).
  json::Object expect(int status, const std::string& method, const std::string& target, const std::string& body = "",
                      int alternative = 0) {
    auto r = call(method, target, body);
    BOOST_TEST_REQUIRE((r.status == status || r.status == alternative), method << " " << target << ": " << r.status
                                                                                << " " << r.body);
    return json::parse(r.body).as_object();
  }

  void put_stock(const std::string& site_location, const std::string& sku, const std::string& quantity) {
    expect(201, "POST", "/api/v1/moves",
           R"({"sku":")" + sku + R"(","quantity":")" + quantity + R"(","from":"supplier","to":")" + site_location +
               R"("})");
  }

  std::string order(const std::string& customer, const std::string& site, const std::string& lines) {
    auto o = expect(201, "POST", "/api/v1/sales-orders",
                    R"({"site":")" + site + R"(","customer":")" + customer + R"(","currency":"EUR","lines":)" + lines +
                        "}");
    return text(o, "number");
  }

  std::string available(const std::string& sku, const std::string& site) {
    auto a = expect(200, "GET", "/api/v1/availability?product=" + sku + "&site=" + site);
    // {"sites":[{"site":..., "available":...}]} or similar: find the site's figure.
    std::string found;
    std::function<void(const json::Value&)> walk = [&](const json::Value& v) {
      if (v.is_object()) {
        const auto& o = v.as_object();
        if (o.contains("site") && o.at("site").is_string() && o.at("site").as_string() == site && o.contains("available"))
          found = o.at("available").is_string() ? o.at("available").as_string() : o.at("available").number_text();
        for (const auto& [k, child] : o) walk(child);
      } else if (v.is_array()) {
        for (const auto& child : v.as_array()) walk(child);
      }
    };
    walk(json::Value(a));
    return found;
  }

  void check_passes() {
    auto r = inst.cli({"check"});
    BOOST_TEST(r.exit_code == 0, r.all());
  }

  std::int64_t order_count() {
    return static_cast<std::int64_t>(
        expect(200, "GET", "/api/v1/sales-orders").at("orders").as_array().size());
  }
};

std::vector<std::string> event_types(const json::Object& status) {
  std::vector<std::string> out;
  for (const auto& e : status.at("events").as_array()) out.push_back(e.as_object().at("type").as_string());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(orders_over_http)

BOOST_AUTO_TEST_CASE(an_order_is_taken_confirmed_picked_packed_and_shipped_and_its_status_shows_the_shipment) {
  Shop shop;
  shop.put_stock("NORTH/storage/a-01", "CHAIR", "10");
  auto so = shop.order("SHOP-1", "NORTH",
                       R"([{"sku":"CHAIR","quantity":"3","unit_price":{"amount":"49.90","currency":"EUR"}}])");
  BOOST_TEST(so == "SO-NORTH-000001");
  auto confirmed = shop.expect(200, "POST", "/api/v1/sales-orders/" + so + "/confirm");
  BOOST_TEST(text(confirmed, "state") == "confirmed");
  BOOST_TEST(text(confirmed.at("total").as_object(), "amount") == "149.70");
  auto sh = text(confirmed.at("shipments").as_array().at(0).as_object(), "number");

  auto pick_list = shop.expect(200, "GET", "/api/v1/sites/NORTH/pick-list");
  BOOST_TEST_REQUIRE(pick_list.at("shipments").as_array().size() == 1u);
  auto listed = pick_list.at("shipments").as_array().at(0).as_object();
  BOOST_TEST(text(listed, "shipment") == sh);
  BOOST_TEST(text(listed.at("lines").as_array().at(0).as_object(), "quantity") == "3");
  for (const auto& piece : listed.at("lines").as_array().at(0).as_object().at("locations").as_array())
    BOOST_TEST(text(piece.as_object(), "location") == "NORTH/storage/a-01");

  shop.expect(200, "POST", "/api/v1/shipments/" + sh + "/pick");
  shop.expect(200, "POST", "/api/v1/shipments/" + sh + "/pack", R"({"packages":[{"weight_kg":"22.5"}]})");
  auto no_tracking = shop.call("POST", "/api/v1/shipments/" + sh + "/ship", "{}");
  BOOST_TEST(no_tracking.status == 422);
  BOOST_TEST(no_tracking.body.find("tracking") != std::string::npos);
  auto shipped = shop.expect(200, "POST", "/api/v1/shipments/" + sh + "/ship", R"({"tracking":"1Z999AA1"})");
  BOOST_TEST(text(shipped, "state") == "shipped");

  auto status = shop.expect(200, "GET", "/api/v1/sales-orders/" + so);
  BOOST_TEST(text(status, "state") == "shipped");
  auto shipment = status.at("shipments").as_array().at(0).as_object();
  BOOST_TEST(text(shipment, "tracking") == "1Z999AA1");
  BOOST_TEST(text(shipment, "carrier") == "manual");
  BOOST_TEST(text(shipment.at("packages").as_array().at(0).as_object(), "weight_kg") == "22.5");
  BOOST_TEST(text(status.at("lines").as_array().at(0).as_object(), "shipped") == "3");
  BOOST_TEST((event_types(status) == std::vector<std::string>{"sales_order.confirmed", "shipment.shipped"}));
  BOOST_TEST(shop.available("CHAIR", "NORTH") == "7");
  shop.check_passes();
}

BOOST_AUTO_TEST_CASE(a_web_order_for_more_than_one_site_holds_is_split_and_a_store_order_is_backordered) {
  Shop shop;
  shop.put_stock("NORTH/storage/a-01", "CHAIR", "4");
  shop.put_stock("SOUTH/storage/shelf-1", "CHAIR", "4");
  auto price = R"("unit_price":{"amount":"10.00","currency":"EUR"})";
  auto web = shop.order("WEB-1", "NORTH", std::string(R"([{"sku":"CHAIR","quantity":"6",)") + price + "}]");
  auto split = shop.expect(200, "POST", "/api/v1/sales-orders/" + web + "/confirm");
  BOOST_TEST_REQUIRE(split.at("shipments").as_array().size() == 2u);
  BOOST_TEST(text(split.at("shipments").as_array().at(0).as_object(), "site") == "NORTH");
  BOOST_TEST(text(split.at("shipments").as_array().at(1).as_object(), "site") == "SOUTH");
  auto allocation = split.at("allocation").as_array();
  BOOST_TEST(text(allocation.at(0).as_object(), "allocated") == "4");
  BOOST_TEST(text(allocation.at(1).as_object(), "allocated") == "2");

  auto store = shop.order("SHOP-1", "SOUTH", std::string(R"([{"sku":"CHAIR","quantity":"5",)") + price + "}]");
  auto backordered = shop.expect(200, "POST", "/api/v1/sales-orders/" + store + "/confirm");
  auto line = backordered.at("lines").as_array().at(0).as_object();
  BOOST_TEST(text(line, "allocated") == "2");
  BOOST_TEST(text(line, "backordered") == "3");
  BOOST_TEST(backordered.at("shipments").as_array().size() == 1u);
  BOOST_TEST((event_types(backordered) == std::vector<std::string>{"sales_order.confirmed", "sales_order.backordered"}));
  BOOST_TEST(shop.available("CHAIR", "NORTH") == "0");
  shop.check_passes();

  // Stock put away at SOUTH; the command allocates the backorder from it.
  shop.put_stock("SOUTH/storage/shelf-1", "CHAIR", "5");
  auto run = shop.inst.cli({"sales", "allocate-backorders"});
  BOOST_TEST(run.exit_code == 0, run.all());
  auto after = shop.expect(200, "GET", "/api/v1/sales-orders/" + store);
  BOOST_TEST(text(after.at("lines").as_array().at(0).as_object(), "backordered") == "0");
  BOOST_TEST(text(after.at("lines").as_array().at(0).as_object(), "allocated") == "5");
  BOOST_TEST(shop.available("CHAIR", "SOUTH") == "2");
  shop.check_passes();
}

BOOST_AUTO_TEST_CASE(a_refusing_channel_answers_409_and_nothing_is_reserved) {
  Shop shop;
  shop.put_stock("NORTH/storage/a-01", "CHAIR", "1");
  auto so = shop.order("MKT-1", "NORTH",
                       R"([{"sku":"CHAIR","quantity":"2","unit_price":{"amount":"10.00","currency":"EUR"}}])");
  auto r = shop.call("POST", "/api/v1/sales-orders/" + so + "/confirm");
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.body.find("line 1 (CHAIR) needs 2, only 1") != std::string::npos, r.body);
  auto status = shop.expect(200, "GET", "/api/v1/sales-orders/" + so);
  BOOST_TEST(text(status, "state") == "draft");
  BOOST_TEST(status.at("shipments").as_array().empty());
  BOOST_TEST(status.at("events").as_array().empty());
  BOOST_TEST(shop.available("CHAIR", "NORTH") == "1");
  shop.check_passes();
}

BOOST_AUTO_TEST_CASE(every_bad_field_of_an_order_is_listed_in_one_422_and_nothing_is_written) {
  Shop shop;
  auto r = shop.call("POST", "/api/v1/sales-orders",
                     R"({"site":"WEST","customer":"NOBODY","currency":"EUR","lines":[)"
                     R"({"sku":"CHAIR","quantity":"0","unit_price":{"amount":"1.00","currency":"EUR"}},)"
                     R"({"sku":"CHAIR","quantity":"-2","unit_price":{"amount":"1.00","currency":"EUR"}},)"
                     R"({"sku":"NO-SUCH","quantity":"1","unit_price":{"amount":"1.00","currency":"EUR"}},)"
                     R"({"sku":"TABLE","quantity":"1","unit_price":{"amount":"1.00","currency":"USD"}}]})");
  BOOST_TEST(r.status == 422);
  std::set<std::string> fields;
  auto problem = object_of(r);
  for (const auto& e : problem.at("errors").as_array()) fields.insert(text(e.as_object(), "field"));
  for (const char* f : {"site", "customer", "lines[0].quantity", "lines[1].quantity", "lines[2].sku",
                        "lines[3].unit_price.currency"})
    BOOST_TEST(fields.contains(f), f << " missing from " << r.body);
  BOOST_TEST(shop.order_count() == 0);
  // The number sequence was not touched: the next good order is still the first.
  auto so = shop.order("SHOP-1", "NORTH",
                       R"([{"sku":"CHAIR","quantity":"1","unit_price":{"amount":"1.00","currency":"EUR"}}])");
  BOOST_TEST(so == "SO-NORTH-000001");
  shop.check_passes();
}

BOOST_AUTO_TEST_CASE(disallowed_transitions_are_409s_naming_the_state_and_change_nothing) {
  Shop shop;
  shop.put_stock("NORTH/storage/a-01", "CHAIR", "5");
  auto so = shop.order("SHOP-1", "NORTH",
                       R"([{"sku":"CHAIR","quantity":"2","unit_price":{"amount":"1.00","currency":"EUR"}}])");
  auto confirmed = shop.expect(200, "POST", "/api/v1/sales-orders/" + so + "/confirm");
  auto sh = text(confirmed.at("shipments").as_array().at(0).as_object(), "number");
  auto again = shop.call("POST", "/api/v1/sales-orders/" + so + "/confirm");
  BOOST_TEST(again.status == 409);
  BOOST_TEST(again.body.find("is confirmed") != std::string::npos, again.body);
  auto pack = shop.call("POST", "/api/v1/shipments/" + sh + "/pack", R"({"packages":[{"weight_kg":"1"}]})");
  BOOST_TEST(pack.status == 409);
  BOOST_TEST(pack.body.find("is reserved") != std::string::npos, pack.body);

  // Cancelled with nothing shipped: the order and its shipment are cancelled, the stock is free.
  auto cancelled = shop.expect(200, "POST", "/api/v1/sales-orders/" + so + "/cancel");
  BOOST_TEST(text(cancelled, "state") == "cancelled");
  BOOST_TEST(text(cancelled.at("shipments").as_array().at(0).as_object(), "state") == "cancelled");
  BOOST_TEST(shop.available("CHAIR", "NORTH") == "5");
  auto pick = shop.call("POST", "/api/v1/shipments/" + sh + "/pick");
  BOOST_TEST(pick.status == 409);
  BOOST_TEST(pick.body.find("is cancelled") != std::string::npos, pick.body);
  auto twice = shop.call("POST", "/api/v1/sales-orders/" + so + "/cancel");
  BOOST_TEST(twice.status == 409);
  BOOST_TEST(event_types(shop.expect(200, "GET", "/api/v1/sales-orders/" + so)) ==
             (std::vector<std::string>{"sales_order.confirmed", "sales_order.cancelled"}));
  shop.check_passes();
}

BOOST_AUTO_TEST_CASE(a_partly_shipped_order_cancels_its_unshipped_rest_and_is_done) {
  Shop shop;
  shop.put_stock("NORTH/storage/a-01", "CHAIR", "5");
  auto so = shop.order("SHOP-1", "NORTH",
                       R"([{"sku":"CHAIR","quantity":"4","unit_price":{"amount":"1.00","currency":"EUR"}}])");
  auto confirmed = shop.expect(200, "POST", "/api/v1/sales-orders/" + so + "/confirm");
  auto sh = text(confirmed.at("shipments").as_array().at(0).as_object(), "number");
  auto picked = shop.expect(200, "POST", "/api/v1/shipments/" + sh + "/pick", R"({"lines":[{"line":1,"quantity":"1"}]})");
  BOOST_TEST(text(picked.at("lines").as_array().at(0).as_object(), "quantity") == "1");
  shop.expect(200, "POST", "/api/v1/shipments/" + sh + "/pack", R"({"packages":[{"weight_kg":"3"}]})");
  shop.expect(200, "POST", "/api/v1/shipments/" + sh + "/ship", R"({"tracking":"T-1"})");
  auto partly = shop.expect(200, "GET", "/api/v1/sales-orders/" + so);
  BOOST_TEST(text(partly, "state") == "partially_shipped");
  BOOST_TEST_REQUIRE(partly.at("shipments").as_array().size() == 2u);
  auto backorder = partly.at("shipments").as_array().at(1).as_object();
  BOOST_TEST(text(backorder, "backorder_of") == sh);
  BOOST_TEST(text(backorder, "state") == "reserved");
  shop.check_passes();

  auto done = shop.expect(200, "POST", "/api/v1/sales-orders/" + so + "/cancel");
  BOOST_TEST(text(done, "state") == "shipped");
  auto line = done.at("lines").as_array().at(0).as_object();
  BOOST_TEST(text(line, "shipped") == "1");
  BOOST_TEST(text(line, "cancelled") == "3");
  BOOST_TEST(shop.available("CHAIR", "NORTH") == "4");
  shop.check_passes();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(concurrency)

// 16 clients confirm 16 one-unit orders on 10 units at once: exactly 10 are
// allocated, 6 backordered. On PostgreSQL through two host processes.
BOOST_AUTO_TEST_CASE(sixteen_clients_confirming_orders_on_the_last_units_allocate_exactly_the_stock) {
  Shop shop;
  shop.put_stock("NORTH/storage/a-01", "CHAIR", "6");
  shop.put_stock("NORTH/storage/a-02", "CHAIR", "4");
  std::vector<std::string> orders;
  for (int i = 0; i < 16; ++i)
    orders.push_back(shop.order("SHOP-1", "NORTH",
                                R"([{"sku":"CHAIR","quantity":"1","unit_price":{"amount":"1.00","currency":"EUR"}}])"));
  std::unique_ptr<HostProcess> second;
  if (shop.inst.db().backend() == Backend::postgresql) second = shop.inst.serve();
  std::vector<std::string> addresses = {shop.host->address()};
  if (second) addresses.push_back(second->address());

  std::atomic<int> ready{0};
  std::vector<std::future<int>> answers;
  for (std::size_t i = 0; i < orders.size(); ++i)
    answers.push_back(std::async(std::launch::async, [&, i] {
      HttpClient client(addresses[i % addresses.size()]);
      ++ready;
      while (ready < static_cast<int>(orders.size())) std::this_thread::yield();
      return client.request("POST", "/api/v1/sales-orders/" + orders[i] + "/confirm", "", with_key(shop.key)).status;
    }));
  for (auto& a : answers) BOOST_TEST(a.get() == 200);

  int allocated = 0, backordered = 0;
  for (const auto& so : orders) {
    auto line = shop.expect(200, "GET", "/api/v1/sales-orders/" + so).at("lines").as_array().at(0).as_object();
    allocated += text(line, "allocated") == "1";
    backordered += text(line, "backordered") == "1";
  }
  BOOST_TEST(allocated == 10);
  BOOST_TEST(backordered == 6);
  BOOST_TEST(shop.available("CHAIR", "NORTH") == "0");
  shop.check_passes();
}

BOOST_AUTO_TEST_SUITE_END()
