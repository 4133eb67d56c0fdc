// `downstream bench` through the real CLI at a tiny size, on SQLite and
// PostgreSQL: the generator books what it says through the inventory service
// (and `downstream check` agrees), and each workload names its backend and
// reports latency percentiles; W1 and W2 pass their checks. Timings are never
// asserted.
#define BOOST_TEST_MODULE bench
#include <boost/test/unit_test.hpp>

#include <downstream/json.h>
#include <downstream/testing/installation.h>

#include <fstream>
#include <sstream>

using namespace downstream::testing;
namespace json = downstream::json;

namespace {

Installation inventory_installation() { return Installation({.plugins = {"soci", "inventory"}}); }
Installation sales_installation() { return Installation({.plugins = {"soci", "inventory", "sales"}}); }

std::string expected_backend() { return test_backend() == Backend::sqlite ? "SQLite" : "PostgreSQL"; }

void generate_small_ledger(const Installation& inst) {
  auto r = inst.cli({"bench", "generate", "--sites", "3", "--products", "20", "--moves", "500", "--seed", "7"});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(generate_books_the_asked_sites_products_and_moves_and_the_ledger_checks_out) {
  auto inst = inventory_installation();
  auto r = inst.cli({"bench", "generate", "--sites", "3", "--products", "20", "--moves", "500", "--seed", "7"});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
  BOOST_TEST(r.out.find("3 sites, 20 products, 500 moves") != std::string::npos, r.out);
  auto check = inst.cli({"check"});
  BOOST_TEST(check.exit_code == 0, check.all());
  BOOST_TEST(check.out.find("FAILED") == std::string::npos, check.out);
}

BOOST_AUTO_TEST_CASE(generate_refuses_a_database_that_already_has_products_unless_appending) {
  auto inst = inventory_installation();
  auto first = inst.cli({"bench", "generate", "--sites", "3", "--products", "20", "--moves", "500", "--close-every-days", "0"});
  BOOST_TEST_REQUIRE(first.exit_code == 0, first.all());
  auto again = inst.cli({"bench", "generate", "--sites", "3", "--products", "20", "--moves", "10"});
  BOOST_TEST(again.exit_code != 0);
  BOOST_TEST(again.err.find("already has 20 products") != std::string::npos, again.all());

  auto appended = inst.cli({"bench", "generate", "--sites", "3", "--products", "20", "--moves", "100", "--append"});
  BOOST_TEST_REQUIRE(appended.exit_code == 0, appended.all());
  BOOST_TEST(appended.out.find("20 products, 600 moves") != std::string::npos, appended.out);
  BOOST_TEST(inst.cli({"check"}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(ledger_at_scale_in_process_names_the_backend_and_reports_percentiles_in_json_too) {
  auto inst = inventory_installation();
  generate_small_ledger(inst);
  auto json_file = (inst.dir().path() / "w3.json").string();
  auto r = inst.cli({"bench", "--workload", "ledger-at-scale", "--calls", "50", "--repeat", "2", "--json", json_file});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
  BOOST_TEST(r.out.find("backend    " + expected_backend()) != std::string::npos, r.out);
  BOOST_TEST(r.out.find(test_backend() == Backend::sqlite ? "synchronous=" : "synchronous_commit=") != std::string::npos,
             r.out);
  for (const char* column : {"p50", "p95", "p99", "cores", "checks     ok"})
    BOOST_TEST(r.out.find(column) != std::string::npos, column << " in\n" << r.out);

  auto doc = json::parse(read_file(json_file));
  const auto& o = doc.as_object();
  BOOST_TEST(o.at("backend").as_string() == expected_backend());
  BOOST_TEST(o.at("data").as_string().find("3 sites, 20 products, 500 done moves") != std::string::npos);
  const auto& figures = o.at("figures").as_array();
  BOOST_TEST(figures.size() == 3u);
  for (const auto& f : figures) {
    BOOST_TEST(f.as_object().at("repeats").as_int64() == 2);
    BOOST_TEST(f.as_object().contains("p99_ms"));
  }
}

BOOST_AUTO_TEST_CASE(ledger_at_scale_over_http_starts_its_own_serve_and_reports_its_memory) {
  auto inst = inventory_installation();
  generate_small_ledger(inst);
  auto r = inst.cli({"bench", "--workload", "ledger-at-scale", "--form", "http", "--calls", "20", "--repeat", "1"});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
  BOOST_TEST(r.out.find("backend    " + expected_backend()) != std::string::npos, r.out);
  BOOST_TEST(r.out.find("availability: one product at all sites        http") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("(downstream serve)") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(start_reports_time_to_first_health_answer_and_phase_times_per_plugin) {
  auto inst = inventory_installation();
  BOOST_TEST_REQUIRE(inst.cli({"migrate"}).exit_code == 0);
  auto r = inst.cli({"bench", "--workload", "start", "--starts", "2", "--repeat", "1"});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
  BOOST_TEST(r.out.find("exec to first /healthz 200") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("plugin inventory, median ms per phase: configure") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("backend    " + expected_backend()) != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(purchase_receive_says_it_needs_the_purchasing_module) {
  auto inst = inventory_installation();
  auto r = inst.cli({"bench", "--workload", "purchase-receive"});
  BOOST_TEST(r.exit_code == 69);
  BOOST_TEST(r.err.find("needs the purchasing module") != std::string::npos, r.all());
}

BOOST_AUTO_TEST_CASE(order_to_ship_ships_every_order_in_both_forms_and_reports_orders_per_second_after_its_checks) {
  auto inst = sales_installation();
  for (const char* form : {"in-process", "http"}) {
    auto r = inst.cli({"bench", "--workload", "order-to-ship", "--form", form, "--orders", "5", "--repeat", "1"});
    BOOST_TEST_REQUIRE(r.exit_code == 0, form << "\n" << r.all());
    BOOST_TEST(r.out.find("backend    " + expected_backend()) != std::string::npos, r.out);
    for (const char* line : {"check: every order shipped (15 orders", "check: stock at A and B = opening less shipped",
                             "checks     ok", "order-to-ship: orders (latency per order)", "peak memory"})
      BOOST_TEST(r.out.find(line) != std::string::npos, form << ": " << line << " in\n" << r.out);
  }
  BOOST_TEST(inst.cli({"check"}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(the_floor_replays_the_modules_statements_and_its_orders_end_shipped_like_the_modules_own) {
  auto inst = sales_installation();
  auto r = inst.cli({"bench", "--workload", "order-to-ship", "--form", "floor", "--orders", "4", "--repeat", "2"});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
  // 2 x 4 orders in each form and 10 warm-up orders in each: all shipped, stock adds up.
  for (const char* line : {"check: every order shipped (36 orders", "check: stock at A and B = opening less shipped",
                           "checks     ok", "order-to-ship floor: orders (latency per order)",
                           "modules cost ", "in-process, SQL statements per request (mean): create ",
                           "floor, SQL statements per request (mean): create "})
    BOOST_TEST(r.out.find(line) != std::string::npos, line << " in\n" << r.out);
  // The floor runs exactly the statements the modules ran: the same count per order.
  auto per_order = [&](const std::string& form) {
    auto at = r.out.find(form + ", SQL statements per request");
    auto end = r.out.find(" an order", at);
    BOOST_TEST_REQUIRE(at != std::string::npos);
    return r.out.substr(r.out.rfind("; ", end) + 2, end - r.out.rfind("; ", end) - 2);
  };
  BOOST_TEST(per_order("in-process") == per_order("floor"));
  BOOST_TEST(inst.cli({"check"}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(order_to_ship_runs_several_client_streams_over_several_serve_processes) {
  auto inst = sales_installation();
  auto r = inst.cli({"bench", "--workload", "order-to-ship", "--form", "http", "--clients", "3", "--processes", "2",
                     "--orders", "6", "--repeat", "1"});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
  for (const char* line : {"over 3 client stream(s) and 2 serve process(es)", "check: every order shipped (16 orders",
                           "checks     ok"})
    BOOST_TEST(r.out.find(line) != std::string::npos, line << " in\n" << r.out);
}

BOOST_AUTO_TEST_CASE(stock_read_lists_every_product_of_site_a_in_one_request) {
  auto inst = sales_installation();
  auto r = inst.cli({"bench", "--workload", "stock-read", "--calls", "2", "--repeat", "1"});
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
  BOOST_TEST(r.out.find("check: every answer lists all 200 products: ok") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("stock read: 200 products at A, one request") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(hot_product_allocates_exactly_the_units_there_are_and_reports_drain_time_and_retries) {
  auto inst = sales_installation();
  for (const char* form : {"http", "in-process"}) {
    std::vector<std::string> args = {"bench", "--workload", "hot-product", "--form", form, "--units", "5",
                                     "--clients", "4", "--attempts", "3", "--repeat", "1"};
    // Over http on PostgreSQL the clients spread over two serve processes, as W2 asks.
    if (test_backend() == Backend::postgresql && std::string(form) == "http")
      args.insert(args.end(), {"--processes", "2"});
    auto r = inst.cli(args);
    BOOST_TEST_REQUIRE(r.exit_code == 0, form << "\n" << r.all());
    for (const char* line : {"repetition 1: 5 allocated, 7 backordered, 0 refused", "check: exactly K allocated in full",
                             "checks     ok", "drain time: median", "hot product: one attempt (create + confirm)"})
      BOOST_TEST(r.out.find(line) != std::string::npos, form << ": " << line << " in\n" << r.out);
  }
}

BOOST_AUTO_TEST_CASE(hot_product_in_process_refuses_several_serve_processes) {
  auto inst = sales_installation();
  auto r = inst.cli({"bench", "--workload", "hot-product", "--form", "in-process", "--processes", "2"});
  BOOST_TEST(r.exit_code != 0);
  BOOST_TEST(r.err.find("--processes is for --form http") != std::string::npos, r.all());
}
