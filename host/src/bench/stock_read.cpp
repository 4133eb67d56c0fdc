// W1 stock read: the available quantity of all 200 products at site A, in one
// request (GET /api/v1/sites/A/stock: every balance of the site, with available).
#include <downstream/json.h>

#include <set>
#include <stdexcept>

#include "bench/distribution_data.h"
#include "bench/distribution_workloads.h"
#include "bench/measure_calls.h"
#include "runtime/runtime.h"

namespace downstream::host::bench {

Report run_stock_read(const BenchSession& session) {
  auto& db = session.rt.database();
  const auto& o = session.options;
  Report report;
  report.workload = "W1 stock read";
  report.env = describe_environment(db);
  create_distribution_sites(db);
  BenchApi api(session, o.work.form);
  auto call = api.caller(0);
  auto data = prepare_distribution_data(call, db, o.seed);
  report.env.data = "sites A and B, " + std::to_string(data.skus.size()) + " products";
  CallPlan plan{.measure = "stock read: 200 products at A, one request",
                .form = o.work.form,
                .calls = o.work.calls_given ? o.work.calls : 20,
                .repeats = o.work.repeat,
                .warm_up = 2,
                .seed = o.seed};
  report.figures.push_back(measure_calls(plan, [&](SeededRandom&) {
    auto a = expect_status(call, 200, "GET", "/api/v1/sites/A/stock", "");
    std::set<std::string> skus;
    auto doc = json::parse(a.body);
    for (const auto& b : doc.as_object().at("balances").as_array()) {
      const auto& sku = b.as_object().at("sku").as_string();
      if (sku.rfind("W1-P", 0) == 0) skus.insert(sku);
    }
    if (skus.size() != data.skus.size())
      throw std::runtime_error("check failed: site A's stock lists " + std::to_string(skus.size()) + " of the " +
                               std::to_string(data.skus.size()) + " products");
  }));
  report.peak_rss_kb = api.stop();
  report.peak_rss_of = api.memory_of();
  report.notes.push_back("check: every answer lists all " + std::to_string(data.skus.size()) + " products: ok");
  return report;
}

}  // namespace downstream::host::bench
