// W2 hot product: one product with K units at site A; C client streams (in
// process through the request pipeline, or over http spread over --processes
// serve processes) each try to order one unit
// (create + confirm) --attempts times. Exactly K orders are allocated in full;
// the others are backordered (the retail channel's default single-site policy)
// or refused with 409; nothing is reserved twice.
#include <downstream/json.h>
#include <downstream/ports/database.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "bench/distribution_data.h"
#include "bench/distribution_workloads.h"
#include "runtime/runtime.h"

namespace downstream::host::bench {

namespace {

constexpr std::int64_t kMillionths = 1'000'000;
const std::string kCustomer = "W2-CUSTOMER";

void require(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("check failed: " + what);
}

std::int64_t db_retries(const ApiCall& call) {
  auto body = expect_status(call, 200, "GET", "/metrics", "").body;
  const std::string name = "\ndownstream_db_retries_total ";
  auto at = body.find(name);
  return at == std::string::npos ? 0 : std::stoll(body.substr(at + name.size()));
}

struct Outcomes {
  std::atomic<std::int64_t> full{0}, backordered{0}, refused{0}, busy{0};
  std::mutex m;
  std::string failure;
  LatencySample attempts;
};

// One request, asked again while the server answers 503 (busy).
Answer answered(const ApiCall& call, Outcomes& out, const std::string& target) {
  for (;;) {
    auto a = call("POST", target, "");
    if (a.status != 503) return a;
    ++out.busy;
  }
}

void one_client(ApiCall call, const std::string& sku, std::int64_t attempts, Outcomes& out) {
  const std::string order = R"({"site":"A","customer":")" + kCustomer + R"(","currency":"EUR","lines":[{"sku":")" +
                            sku + R"(","quantity":"1","unit_price":{"amount":"10.00","currency":"EUR"}}]})";
  try {
    for (std::int64_t i = 0; i < attempts; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      Answer created;
      do {
        created = call("POST", "/api/v1/sales-orders", order);
        if (created.status == 503) ++out.busy;
      } while (created.status == 503);
      require(created.status == 201, "create answered " + std::to_string(created.status) + ": " + created.body);
      auto number = json::parse(created.body).as_object().at("number").as_string();
      auto confirmed = answered(call, out, "/api/v1/sales-orders/" + number + "/confirm");
      if (confirmed.status == 409) {
        ++out.refused;
      } else {
        require(confirmed.status == 200, "confirm answered " + std::to_string(confirmed.status) + ": " + confirmed.body);
        auto doc = json::parse(confirmed.body);
        const auto& line = doc.as_object().at("lines").as_array().at(0).as_object();
        if (line.at("allocated").as_string() == "1") ++out.full;
        else {
          require(line.at("backordered").as_string() == "1", "an order not allocated is backordered: " + confirmed.body);
          ++out.backordered;
        }
      }
      auto took = std::chrono::steady_clock::now() - t0;
      std::lock_guard lock(out.m);
      out.attempts.add(took);
    }
  } catch (const std::exception& e) {
    std::lock_guard lock(out.m);
    if (out.failure.empty()) out.failure = e.what();
  }
}

}  // namespace

Report run_hot_product(const BenchSession& session) {
  auto& db = session.rt.database();
  const auto& o = session.options;
  auto w = o.work;
  w.clients = w.clients_or(16);
  Report report;
  report.workload = "W2 hot product";
  report.env = describe_environment(db);
  report.env.data = "one product with " + std::to_string(w.units) + " units at site A; " + std::to_string(w.clients) +
                    " clients x " + std::to_string(w.attempts) + " attempts" +
                    (w.form == "http" ? " over " + std::to_string(w.processes) + " serve process(es)" : " in-process");
  create_bench_site(db, "A");
  // A thread per kept-alive connection: with fewer, the extra clients would
  // wait for an idle connection to time out, and the figure would measure that.
  auto per_process = (w.clients + w.processes - 1) / w.processes;
  if (w.form != "http" && w.processes > 1)
    throw std::invalid_argument("--processes is for --form http: in-process, the clients share the bench's process");
  BenchApi api(session, w.form, w.processes, {"http.threads=" + std::to_string(std::max(8, per_process + 2))});
  auto setup = api.caller(0);
  put_bench_customer(setup, kCustomer);

  std::vector<double> drain_ms, p50, p95, p99, rate;
  std::int64_t retries = 0, busy = 0;
  for (int r = 0; r < w.repeat; ++r) {
    // A fresh product each repetition, so each starts from exactly K.
    auto n = db.read_value([](db::Transaction& tx) {
      return tx.query_int("SELECT COUNT(*) FROM inv_product WHERE sku LIKE 'W2-HOT-%'");
    });
    auto sku = "W2-HOT-" + std::to_string(n + 1);
    expect_status(setup, 201, "PUT", "/api/v1/products/" + sku, R"({"name":"Hot product","unit":"each"})");
    count_stock(setup, "A", {sku}, std::to_string(w.units));

    std::int64_t retries_before = 0;
    for (int p = 0; p < api.processes(); ++p) retries_before += db_retries(api.caller(p));
    std::vector<ApiCall> callers;
    for (int c = 0; c < w.clients; ++c) callers.push_back(api.caller(c));
    Outcomes out;
    auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> clients;
    for (auto& c : callers) clients.emplace_back(one_client, c, sku, w.attempts, std::ref(out));
    for (auto& t : clients) t.join();
    auto wall = std::chrono::steady_clock::now() - t0;
    require(out.failure.empty(), out.failure);
    std::int64_t retries_after = 0;
    for (int p = 0; p < api.processes(); ++p) retries_after += db_retries(api.caller(p));

    auto tries = static_cast<std::int64_t>(w.clients) * w.attempts;
    require(out.full + out.backordered + out.refused == tries, "every attempt got an answer");
    require(out.full == std::min(w.units, tries), "exactly " + std::to_string(std::min(w.units, tries)) +
                                                      " orders were allocated in full, not " + std::to_string(out.full));
    db.read([&](db::Transaction& tx) {
      auto row = tx.query_one("SELECT s.on_hand, s.reserved FROM inv_stock s JOIN inv_product p ON p.id = s.product_id "
                              "WHERE p.sku = ? AND s.site = 'A'",
                              {sku});
      require(row.has_value(), sku + " has stock at A");
      require(row->get_int(0) == w.units * kMillionths, "on hand of " + sku + " is still " + std::to_string(w.units));
      require(row->get_int(1) == out.full * kMillionths,
              "reserved equals the orders allocated (" + std::to_string(out.full) + "): no unit reserved twice");
    });
    drain_ms.push_back(std::chrono::duration<double, std::milli>(wall).count());
    auto p = out.attempts.percentiles();
    p50.push_back(p.p50);
    p95.push_back(p.p95);
    p99.push_back(p.p99);
    rate.push_back(static_cast<double>(tries) / std::chrono::duration<double>(wall).count());
    retries += retries_after - retries_before;
    busy += out.busy;
    report.notes.push_back("repetition " + std::to_string(r + 1) + ": " + std::to_string(out.full) + " allocated, " +
                           std::to_string(out.backordered) + " backordered, " + std::to_string(out.refused) +
                           " refused (409); " + std::to_string(retries_after - retries_before) + " db retries, " +
                           std::to_string(out.busy) + " busy (503) answers");
  }
  report.peak_rss_kb = api.stop();
  report.peak_rss_of = api.memory_of();

  Figure f;
  f.measure = "hot product: one attempt (create + confirm)";
  f.form = w.form;
  f.calls = static_cast<std::int64_t>(w.clients) * w.attempts;
  f.repeats = w.repeat;
  f.p50 = spread_of(p50);
  f.p95 = spread_of(p95);
  f.p99 = spread_of(p99);
  f.per_second = spread_of(rate);
  report.figures.push_back(f);
  auto d = spread_of(drain_ms);
  char line[200];
  std::snprintf(line, sizeof line, "drain time: median %.1f ms (%.1f-%.1f); retries: %lld db (downstream_db_retries_total), %lld busy answers",
                d.median, d.min, d.max, static_cast<long long>(retries), static_cast<long long>(busy));
  report.notes.push_back(line);
  report.notes.push_back("check: exactly K allocated in full, reserved = allocated (none twice): ok");
  return report;
}

}  // namespace downstream::host::bench
