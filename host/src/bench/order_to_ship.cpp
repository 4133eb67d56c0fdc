// W1 order-to-ship: create (3 distinct products, 1-5 each, at list price),
// confirm, pick, pack, ship; one request per step, sites A and B in turn.
// --clients streams run side by side; --form floor runs the modules in-process
// and, interleaved repetition by repetition, the floor: each request's SQL
// statements as the modules issued them, run again through the database port.
#include <downstream/json.h>
#include <downstream/ports/database.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "bench/bench_random.h"
#include "bench/distribution_data.h"
#include "bench/distribution_workloads.h"
#include "bench/statement_trace.h"
#include "runtime/runtime.h"

namespace downstream::host::bench {

namespace {

constexpr std::array<const char*, 5> kSteps = {"create", "confirm", "pick", "pack", "ship"};
constexpr std::int64_t kMillionths = 1'000'000;

void require(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("check failed: " + what);
}

// One client stream's orders and what they shipped.
struct OrderStream {
  const DistributionData& data;
  ApiCall call;
  std::map<std::pair<std::string, std::string>, std::int64_t> shipped;  // (site, sku) -> units
  std::vector<std::string> numbers;
  std::array<LatencySample, kSteps.size()> per_step;
  std::array<std::int64_t, kSteps.size()> statements{};   // summed over counted requests
  std::array<std::int64_t, kSteps.size()> round_trips{};  // likewise
  std::int64_t counted = 0;                               // orders whose statements were counted
  LatencySample orders, requests;
  double measured_seconds = 0;  // the time the requests took, as counted

  void reset_figures() {
    per_step = {};
    statements = {};
    round_trips = {};
    counted = 0;
    orders = {};
    requests = {};
    measured_seconds = 0;
  }

  // One order through its five requests.
  void one_order(SeededRandom& rnd, const std::string& site) {
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
    std::chrono::nanoseconds order_took{0};
    bool all_counted = true;
    std::array<std::int64_t, kSteps.size()> order_statements{}, order_trips{};
    auto step = [&](std::size_t n, int status, const std::string& method, const std::string& target,
                    const std::string& b) {
      auto t0 = std::chrono::steady_clock::now();
      a = call(method, target, b);
      auto took = a.took ? *a.took : std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0);
      order_took += took;
      requests.add(took);
      per_step[n].add(took);
      if (a.statements < 0) all_counted = false;
      order_statements[n] = a.statements;
      order_trips[n] = a.round_trips;
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
    orders.add(order_took);
    measured_seconds += std::chrono::duration<double>(order_took).count();
    if (all_counted) {
      for (std::size_t n = 0; n < kSteps.size(); ++n) {
        statements[n] += order_statements[n];
        round_trips[n] += order_trips[n];
      }
      ++counted;
    }
  }
};

// One repetition of `orders` orders over the streams; returns its wall time in seconds.
double run_repetition(std::vector<OrderStream>& streams, std::int64_t orders, std::uint64_t seed) {
  for (auto& s : streams) s.reset_figures();
  auto clients = static_cast<std::int64_t>(streams.size());
  auto t0 = std::chrono::steady_clock::now();
  if (clients == 1) {
    SeededRandom rnd(seed);
    for (std::int64_t i = 0; i < orders; ++i)
      streams[0].one_order(rnd, streams[0].data.sites[static_cast<std::size_t>(i % 2)]);
  } else {
    std::vector<std::thread> threads;
    std::exception_ptr failed;
    std::mutex m;
    for (std::int64_t c = 0; c < clients; ++c) {
      threads.emplace_back([&, c] {
        try {
          SeededRandom rnd(seed * 1009 + static_cast<std::uint64_t>(c));
          auto& s = streams[static_cast<std::size_t>(c)];
          for (std::int64_t i = c; i < orders; i += clients) s.one_order(rnd, s.data.sites[static_cast<std::size_t>(i % 2)]);
        } catch (...) {
          std::lock_guard lock(m);
          if (!failed) failed = std::current_exception();
        }
      });
    }
    for (auto& t : threads) t.join();
    if (failed) std::rethrow_exception(failed);
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The figures of one form over its repetitions.
struct FormFigures {
  std::vector<Percentiles> per_order, per_request;
  std::vector<double> orders_rate, requests_rate;
  std::array<LatencySample, kSteps.size()> per_step;
  std::array<std::int64_t, kSteps.size()> statements{}, step_trips{};
  std::int64_t counted = 0;
  std::int64_t round_trips = 0, round_trip_orders = 0;  // PostgreSQL, one stream in this process

  void add(const std::vector<OrderStream>& streams, std::int64_t orders, double seconds) {
    LatencySample o, rq;
    for (const auto& s : streams) {
      o.merge(s.orders);
      rq.merge(s.requests);
      for (std::size_t n = 0; n < kSteps.size(); ++n) {
        per_step[n].merge(s.per_step[n]);
        statements[n] += s.statements[n];
        step_trips[n] += s.round_trips[n];
      }
      counted += s.counted;
    }
    per_order.push_back(o.percentiles());
    per_request.push_back(rq.percentiles());
    orders_rate.push_back(static_cast<double>(orders) / seconds);
    requests_rate.push_back(static_cast<double>(rq.size()) / seconds);
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

void add_figures(Report& report, const std::string& what, const std::string& form, std::int64_t orders,
                 const FormFigures& f) {
  report.figures.push_back(figure_of(what + ": orders (latency per order)", form, orders, f.per_order, f.orders_rate));
  report.figures.push_back(figure_of(what + ": one request (of 5 an order)", form,
                                     orders * static_cast<std::int64_t>(kSteps.size()), f.per_request,
                                     f.requests_rate));
  std::string steps = form + ", per step, p50/p99 ms over all repetitions:";
  for (std::size_t n = 0; n < kSteps.size(); ++n) {
    auto p = f.per_step[n].percentiles();
    char buf[64];
    std::snprintf(buf, sizeof buf, " %s %.3f/%.3f", kSteps[n], p.p50, p.p99);
    steps += buf;
  }
  report.notes.push_back(steps);
  if (f.counted > 0) {
    std::string line = form + ", SQL statements per request (mean):";
    std::int64_t total = 0;
    for (std::size_t n = 0; n < kSteps.size(); ++n) {
      char buf[64];
      std::snprintf(buf, sizeof buf, " %s %.1f", kSteps[n],
                    static_cast<double>(f.statements[n]) / static_cast<double>(f.counted));
      line += buf;
      total += f.statements[n];
    }
    char buf[96];
    std::snprintf(buf, sizeof buf, "; %.1f an order, plus 5 commits",
                  static_cast<double>(total) / static_cast<double>(f.counted));
    report.notes.push_back(line + buf);
  }
  if (f.round_trips > 0) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s, round trips to the server per order: %.1f (BEGIN and queued writes travel "
                  "with the next statement or the COMMIT)", form.c_str(),
                  static_cast<double>(f.round_trips) / static_cast<double>(f.round_trip_orders));
    report.notes.push_back(buf);
    if (f.counted > 0 && form != "floor") {
      std::string line = form + ", round trips per request (mean):";
      for (std::size_t n = 0; n < kSteps.size(); ++n) {
        std::snprintf(buf, sizeof buf, " %s %.1f", kSteps[n],
                      static_cast<double>(f.step_trips[n]) / static_cast<double>(f.counted));
        line += buf;
      }
      report.notes.push_back(line);
    }
  }
}

}  // namespace

Report run_order_to_ship(const BenchSession& session) {
  auto& rt = session.rt;
  const auto& o = session.options;
  const bool floor = o.work.form == "floor";
  const int clients = o.work.clients_or(1);
  Report report;
  report.workload = floor ? "W1 order-to-ship, modules and floor" : "W1 order-to-ship";
  report.env = describe_environment(rt.database());
  create_distribution_sites(rt.database());
  // Over http, a serve thread per kept-alive client connection (as W2 does).
  const int processes = o.work.form == "http" ? o.work.processes : 1;
  const int per_process = (clients + processes - 1) / processes;
  BenchApi api(session, floor ? "in-process" : o.work.form, processes,
               {"http.threads=" + std::to_string(std::max(8, per_process + 2))});
  auto data = prepare_distribution_data(api.caller(0), rt.database(), o.seed);
  report.env.data = "sites A and B, " + std::to_string(data.skus.size()) + " products, opening " +
                    std::to_string(data.opening) + " each at each site; " + std::to_string(o.work.orders) +
                    " orders a repetition over " + std::to_string(clients) + " client stream(s)" +
                    (o.work.form == "http" ? " and " + std::to_string(api.processes()) + " serve process(es)" : "");
  auto before = distribution_stock(rt.database());

  // In-process with one stream, count each request's statements; the floor replays them.
  TracingDatabase* trace = nullptr;
  if (o.work.form != "http" && clients == 1) {
    rt.interpose_database([&](std::unique_ptr<db::Database> inner) {
      auto t = std::make_unique<TracingDatabase>(std::move(inner));
      trace = t.get();
      return std::unique_ptr<db::Database>(std::move(t));
    });
  }
  std::vector<OrderStream> streams;
  for (int c = 0; c < clients; ++c) {
    ApiCall call = api.caller(c);
    if (trace) {
      call = [call, trace](const std::string& m, const std::string& t, const std::string& b) {
        auto trips = trace->pool_stats().round_trips;
        auto a = call(m, t, b);
        a.statements = trace->last_statements();
        a.round_trips = trace->pool_stats().round_trips - trips;
        return a;
      };
    }
    streams.push_back(OrderStream{data, call, {}, {}, {}, {}, {}, 0, {}, {}, 0});
  }
  std::vector<OrderStream> floor_stream;
  if (floor) {
    // Capture the request in a unit of work that is rolled back, then run its
    // statements again, committed; only the second counts.
    auto modules = api.caller(0);
    ApiCall replayed = [modules, trace](const std::string& m, const std::string& t, const std::string& b) {
      trace->set_capture(true);
      Answer a;
      try {
        a = modules(m, t, b);
      } catch (...) {
        trace->set_capture(false);
        throw;
      }
      trace->set_capture(false);
      a.statements = static_cast<std::int64_t>(trace->captured().size());
      if (a.status >= 200 && a.status <= 299) a.took = trace->replay(trace->captured());
      return a;
    };
    floor_stream.push_back(OrderStream{data, replayed, {}, {}, {}, {}, {}, 0, {}, {}, 0});
  }

  // Warm-up: ten orders in each form, not counted.
  SeededRandom warm(o.seed ^ 0x5eedULL);
  for (int i = 0; i < 10; ++i) streams[0].one_order(warm, data.sites[static_cast<std::size_t>(i % 2)]);
  for (int i = 0; i < 10 && floor; ++i) floor_stream[0].one_order(warm, data.sites[static_cast<std::size_t>(i % 2)]);

  FormFigures modules_figures, floor_figures;
  std::vector<double> ratio;
  auto round_trips = [&] { return rt.database().pool_stats().round_trips; };
  for (int r = 0; r < o.work.repeat; ++r) {
    auto seed = o.seed + static_cast<std::uint64_t>(r);
    auto trips = round_trips();
    auto wall = run_repetition(streams, o.work.orders, seed);
    modules_figures.add(streams, o.work.orders, wall);
    if (o.work.form != "http") {
      modules_figures.round_trips += round_trips() - trips;
      modules_figures.round_trip_orders += o.work.orders;
    }
    if (floor) {
      // Same orders (same seed); the floor's rate counts only the replays.
      run_repetition(floor_stream, o.work.orders, seed);
      floor_figures.add(floor_stream, o.work.orders, floor_stream[0].measured_seconds);
      ratio.push_back(floor_figures.orders_rate.back() / modules_figures.orders_rate.back());
    }
  }
  report.peak_rss_kb = api.stop();
  report.peak_rss_of = api.memory_of();

  std::map<std::pair<std::string, std::string>, std::int64_t> shipped;
  std::vector<std::string> numbers;
  for (const auto* group : {&streams, &floor_stream})
    for (const auto& s : *group) {
      for (const auto& [k, v] : s.shipped) shipped[k] += v;
      numbers.insert(numbers.end(), s.numbers.begin(), s.numbers.end());
    }
  check_orders_shipped(rt.database(), numbers);
  check_stock(before, distribution_stock(rt.database()), shipped);
  report.notes.push_back("check: every order shipped (" + std::to_string(numbers.size()) + " orders, " +
                         std::to_string(floor ? 20 : 10) + " of them warm-up): ok");
  report.notes.push_back("check: stock at A and B = opening less shipped, per product, nothing left reserved: ok");

  auto form = floor ? std::string("in-process") : o.work.form;
  add_figures(report, "order-to-ship", form, o.work.orders, modules_figures);
  if (floor) {
    add_figures(report, "order-to-ship floor", "floor", o.work.orders, floor_figures);
    auto rs = spread_of(ratio);
    char buf[160];
    std::snprintf(buf, sizeof buf, "modules cost %.2fx the floor (orders/s floor / modules, median of %d "
                  "interleaved repetitions; min %.2f, max %.2f)", rs.median, static_cast<int>(ratio.size()),
                  rs.min, rs.max);
    report.notes.push_back(buf);
    report.notes.push_back("floor = each request's SQL statements, captured from the modules in a unit of work "
                           "that was rolled back, run again through the database port in one unit of work with "
                           "no module logic; its orders/s counts only those runs");
  }
  if (form == "in-process")
    report.notes.push_back("in-process = the host's request pipeline (ApiPipeline) without sockets");
  return report;
}

}  // namespace downstream::host::bench
