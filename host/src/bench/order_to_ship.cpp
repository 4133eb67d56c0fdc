// W1 order-to-ship: create (3 distinct products, 1-5 each, at list price),
// confirm, pick, pack, ship; one request per step, sites A and B in turn.
#include <downstream/json.h>
#include <downstream/ports/database.h>

#include <array>
#include <chrono>
#include <stdexcept>

#include "bench/bench_random.h"
#include "bench/distribution_data.h"
#include "bench/distribution_workloads.h"
#include "runtime/runtime.h"

namespace downstream::host::bench {

namespace {

constexpr std::array<const char*, 5> kSteps = {"create", "confirm", "pick", "pack", "ship"};
constexpr std::int64_t kMillionths = 1'000'000;

void require(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("check failed: " + what);
}

struct OrderRun {
  const DistributionData& data;
  const ApiCall& call;
  std::map<std::pair<std::string, std::string>, std::int64_t> shipped;  // (site, sku) -> units
  std::vector<std::string> numbers;
  std::array<LatencySample, kSteps.size()> per_step;

  // One order through its five requests; each request is timed into `requests`.
  void one_order(SeededRandom& rnd, const std::string& site, LatencySample& requests) {
    std::array<std::size_t, 3> picked{};
    for (std::size_t i = 0; i < picked.size(); ++i) {
      bool fresh = false;
      while (!fresh) {
        picked[i] = static_cast<std::size_t>(rnd.below(static_cast<std::int64_t>(data.skus.size())));
        fresh = true;
        for (std::size_t j = 0; j < i; ++j) fresh = fresh && picked[j] != picked[i];
      }
    }
    json::Array lines;
    std::array<std::int64_t, 3> quantity{};
    for (std::size_t i = 0; i < picked.size(); ++i) {
      quantity[i] = rnd.between(1, 5);
      lines.push_back(json::Object{
          {"sku", data.skus[picked[i]]},
          {"quantity", std::to_string(quantity[i])},
          {"unit_price", json::Object{{"amount", data.list_prices[picked[i]]}, {"currency", "EUR"}}}});
    }
    auto body = json::Value(json::Object{{"site", site}, {"customer", data.customer}, {"currency", "EUR"},
                                         {"lines", std::move(lines)}})
                    .dump();
    Answer a;
    auto step = [&](std::size_t n, int status, const std::string& method, const std::string& target,
                    const std::string& b) {
      auto t0 = std::chrono::steady_clock::now();
      a = call(method, target, b);
      auto took = std::chrono::steady_clock::now() - t0;
      requests.add(took);
      per_step[n].add(took);
      require(a.status == status, std::string(kSteps[n]) + " " + target + " answered " + std::to_string(a.status) +
                                      ": " + a.body.substr(0, 400));
    };
    step(0, 201, "POST", "/api/v1/sales-orders", body);
    auto number = json::parse(a.body).as_object().at("number").as_string();
    step(1, 200, "POST", "/api/v1/sales-orders/" + number + "/confirm", "");
    auto confirmed = json::parse(a.body).as_object();
    const auto& shipments = confirmed.at("shipments").as_array();
    require(shipments.size() == 1, "order " + number + " is confirmed into one shipment: " + a.body.substr(0, 400));
    auto shipment = shipments.at(0).as_object().at("number").as_string();
    step(2, 200, "POST", "/api/v1/shipments/" + shipment + "/pick", "");
    step(3, 200, "POST", "/api/v1/shipments/" + shipment + "/pack", R"({"packages":[{"weight_kg":"1"}]})");
    step(4, 200, "POST", "/api/v1/shipments/" + shipment + "/ship", R"({"tracking":"BENCH-)" + number + R"("})");
    require(json::parse(a.body).as_object().at("state").as_string() == "shipped", "shipment " + shipment + " is shipped");
    for (std::size_t i = 0; i < picked.size(); ++i) shipped[{site, data.skus[picked[i]]}] += quantity[i];
    numbers.push_back(number);
  }
};

void check_orders_shipped(db::Database& db, const std::vector<std::string>& numbers) {
  db.read([&](db::Transaction& tx) {
    for (const auto& n : numbers) {
      auto row = tx.query_one("SELECT state FROM sal_order WHERE number = ?", {n});
      require(row && row->get_text(0) == "shipped", "order " + n + " ends shipped");
    }
  });
}

void check_stock(const StockFigures& before, const StockFigures& after,
                 const std::map<std::pair<std::string, std::string>, std::int64_t>& shipped) {
  require(before.size() == after.size(), "the W1 products keep their stock rows");
  for (const auto& [key, figures] : before) {
    auto it = shipped.find(key);
    std::int64_t out = it == shipped.end() ? 0 : it->second * kMillionths;
    const auto& now = after.at(key);
    require(now.first == figures.first - out, "on hand of " + key.second + " at " + key.first +
                                                  " is the opening less what was shipped");
    require(now.second == figures.second, "nothing stays reserved for " + key.second + " at " + key.first);
  }
}

Figure figure_of(const std::string& measure, const std::string& form, std::int64_t calls,
                 const std::vector<Percentiles>& p, const std::vector<double>& rate) {
  std::vector<double> p50, p95, p99;
  for (const auto& x : p) {
    p50.push_back(x.p50);
    p95.push_back(x.p95);
    p99.push_back(x.p99);
  }
  Figure f;
  f.measure = measure;
  f.form = form;
  f.calls = calls;
  f.repeats = static_cast<int>(rate.size());
  f.p50 = spread_of(p50);
  f.p95 = spread_of(p95);
  f.p99 = spread_of(p99);
  f.per_second = spread_of(rate);
  return f;
}

}  // namespace

Report run_order_to_ship(const BenchSession& session) {
  auto& db = session.rt.database();
  const auto& o = session.options;
  Report report;
  report.workload = "W1 order-to-ship";
  report.env = describe_environment(db);
  create_distribution_sites(db);
  BenchApi api(session, o.work.form);
  auto call = api.caller(0);
  auto data = prepare_distribution_data(call, db, o.seed);
  report.env.data = "sites A and B, " + std::to_string(data.skus.size()) + " products, opening " +
                    std::to_string(data.opening) + " each at each site; " + std::to_string(o.work.orders) +
                    " orders a repetition";
  auto before = distribution_stock(db);

  OrderRun run{data, call, {}, {}, {}};
  LatencySample unused;
  SeededRandom warm(o.seed ^ 0x5eedULL);
  for (int i = 0; i < 10; ++i) run.one_order(warm, data.sites[static_cast<std::size_t>(i % 2)], unused);
  run.per_step = {};

  std::vector<Percentiles> per_order, per_request;
  std::vector<double> orders_rate, requests_rate;
  for (int r = 0; r < o.work.repeat; ++r) {
    SeededRandom rnd(o.seed + static_cast<std::uint64_t>(r));
    LatencySample orders, requests;
    auto t0 = std::chrono::steady_clock::now();
    for (std::int64_t i = 0; i < o.work.orders; ++i)
      timed(orders, [&] { run.one_order(rnd, data.sites[static_cast<std::size_t>(i % 2)], requests); });
    auto wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    per_order.push_back(orders.percentiles());
    per_request.push_back(requests.percentiles());
    orders_rate.push_back(static_cast<double>(o.work.orders) / wall);
    requests_rate.push_back(static_cast<double>(requests.size()) / wall);
  }
  report.peak_rss_kb = api.stop();
  report.peak_rss_of = api.memory_of();

  check_orders_shipped(db, run.numbers);
  check_stock(before, distribution_stock(db), run.shipped);
  report.notes.push_back("check: every order shipped (" + std::to_string(run.numbers.size()) +
                         " orders, 10 of them warm-up): ok");
  report.notes.push_back("check: stock at A and B = opening less shipped, per product, nothing left reserved: ok");

  report.figures.push_back(figure_of("order-to-ship: orders (latency per order)", o.work.form, o.work.orders,
                                     per_order, orders_rate));
  report.figures.push_back(figure_of("order-to-ship: one request (of 5 an order)", o.work.form,
                                     o.work.orders * static_cast<std::int64_t>(kSteps.size()), per_request,
                                     requests_rate));
  std::string steps = "per step, p50/p99 ms over all repetitions:";
  for (std::size_t n = 0; n < kSteps.size(); ++n) {
    auto p = run.per_step[n].percentiles();
    char buf[64];
    std::snprintf(buf, sizeof buf, " %s %.3f/%.3f", kSteps[n], p.p50, p.p99);
    steps += buf;
  }
  report.notes.push_back(steps);
  if (o.work.form == "in-process")
    report.notes.push_back("in-process = the host's request pipeline (ApiPipeline) without sockets");
  return report;
}

}  // namespace downstream::host::bench
