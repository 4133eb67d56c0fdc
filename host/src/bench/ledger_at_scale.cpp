#include "bench/ledger_at_scale.h"

#include <downstream/json.h>
#include <downstream/ports/database.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>

#include "api/api_keys.h"
#include "bench/inventory_access.h"
#include "bench/loopback_client.h"
#include "bench/measure_calls.h"
#include "bench/serve_process.h"
#include "runtime/runtime.h"
#include "serve/http_listener.h"

namespace downstream::host::bench {

namespace {

constexpr std::int64_t kPage = 1'000;

struct LedgerShape {
  std::vector<std::string> skus;
  std::vector<std::string> sites;
  std::int64_t moves = 0;
  std::int64_t periods = 0;
  std::chrono::sys_days first_day{};
  std::chrono::sys_days last_day{};  // yesterday: the latest day stock-as-of accepts that is over
};

std::chrono::sys_days parse_day(const std::string& text) {
  int y = std::stoi(text.substr(0, 4));
  auto m = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
  auto d = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

std::string day_text(std::chrono::sys_days d) {
  std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

LedgerShape read_shape(db::Database& db) {
  LedgerShape s;
  db.read([&](db::Transaction& tx) {
    for (const auto& row : tx.query("SELECT sku FROM inv_product WHERE active = 1 ORDER BY sku"))
      s.skus.push_back(row.get_text(0));
    for (const auto& row : tx.query("SELECT code FROM inv_site WHERE active = 1 ORDER BY code"))
      s.sites.push_back(row.get_text(0));
    s.moves = tx.query_int("SELECT COUNT(*) FROM inv_move WHERE state = 'done'");
    s.periods = tx.query_int("SELECT COUNT(*) FROM inv_period");
    auto first = tx.query_one("SELECT MIN(done_at) FROM inv_move WHERE state = 'done'");
    s.last_day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) - std::chrono::days{1};
    s.first_day = first && first->opt_text(0) ? parse_day(*first->opt_text(0)) : s.last_day;
  });
  if (s.skus.empty() || s.sites.empty())
    throw std::runtime_error("the database has no products or no sites: run `downstream bench generate` first");
  return s;
}

const std::string& pick(SeededRandom& rnd, const std::vector<std::string>& from) {
  return from[static_cast<std::size_t>(rnd.below(static_cast<std::int64_t>(from.size())))];
}

std::string as_of_day(SeededRandom& rnd, const LedgerShape& s) {
  auto span = (s.last_day - s.first_day).count();
  return day_text(s.first_day + std::chrono::days{span > 0 ? rnd.below(span + 1) : 0});
}

void require(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("check failed: " + what);
}

// The three calls, whichever form makes them.
struct LedgerCalls {
  std::function<void(const std::string& sku)> availability;
  std::function<std::int64_t(const std::string& site, std::string& after_sku)> site_page;  // rows in the page
  std::function<void(const std::string& sku, const std::string& site, const std::string& day)> as_of;
  std::string site_measure;
};

LedgerCalls in_process_calls(Runtime& rt, const LedgerShape& shape) {
  auto& db = rt.database();
  auto& stock = inventory_service(rt);
  auto as_of_route = get_route(rt, "/api/v1/stock-as-of");
  LedgerCalls c;
  c.availability = [&db, &stock, &shape](const std::string& sku) {
    auto sites = db.read_value([&](db::Transaction& tx) { return stock.availability(tx, sku); });
    require(sites.size() == shape.sites.size(), "availability of " + sku + " lists every site");
  };
  // What a paged site-stock route would run: the per-site summary, keyset by product id.
  c.site_page = [&db](const std::string& site, std::string& after) {
    return db.read_value([&](db::Transaction& tx) {
      auto rows = tx.query("SELECT s.product_id, p.sku, s.on_hand, s.reserved, s.incoming, s.outgoing FROM inv_stock s "
                           "JOIN inv_product p ON p.id = s.product_id WHERE s.site = ? AND s.product_id > ? "
                           "ORDER BY s.product_id LIMIT " + std::to_string(kPage),
                           {site, after.empty() ? std::int64_t{0} : std::stoll(after)});
      std::int64_t n = 0;
      for (const auto& row : rows) {
        after = std::to_string(row.get_int(0));
        require(row.get_int(2) >= row.get_int(3), "reserved within on hand at " + site + " for " + row.get_text(1));
        ++n;
      }
      return n;
    });
  };
  c.site_measure = "site stock: one page of 1,000 (summary SQL)";
  c.as_of = [&db, as_of_route](const std::string& sku, const std::string& site, const std::string& day) {
    http::Request rq;
    rq.path = "/api/v1/stock-as-of";
    rq.query = {{"product", sku}, {"site", site}, {"date", day}};
    auto answer = db.read_value([&](db::Transaction& tx) { return as_of_route(rq, tx); });
    require(answer.status == 200, "stock as of " + day + " answers 200: " + answer.body);
  };
  return c;
}

LedgerCalls http_calls(LoopbackClient& http) {
  LedgerCalls c;
  c.availability = [&http](const std::string& sku) {
    auto a = http.get("/api/v1/availability?product=" + sku);
    require(a.status == 200, "GET /api/v1/availability answers 200: " + a.body);
  };
  // The route has no paging: one call is the whole site.
  c.site_page = [&http](const std::string& site, std::string& after) {
    auto a = http.get("/api/v1/sites/" + site + "/stock");
    require(a.status == 200, "GET /api/v1/sites/" + site + "/stock answers 200: " + a.body.substr(0, 300));
    after.clear();
    return std::int64_t{0};
  };
  c.site_measure = "site stock: whole site (route, unpaged)";
  c.as_of = [&http](const std::string& sku, const std::string& site, const std::string& day) {
    auto a = http.get("/api/v1/stock-as-of?product=" + sku + "&site=" + site + "&date=" + day);
    require(a.status == 200, "GET /api/v1/stock-as-of answers 200: " + a.body);
  };
  return c;
}

}  // namespace

Report run_ledger_at_scale(const BenchSession& session) {
  auto& rt = session.rt;
  const auto& o = session.options;
  auto& db = rt.database();
  Report report;
  report.workload = "W3 ledger-at-scale";
  report.env = describe_environment(db);
  auto shape = read_shape(db);
  report.env.data = std::to_string(shape.sites.size()) + " sites, " + std::to_string(shape.skus.size()) + " products, " +
                    std::to_string(shape.moves) + " done moves, " + std::to_string(shape.periods) + " closed periods";

  std::unique_ptr<ServeProcess> serve;
  std::unique_ptr<LoopbackClient> client;
  LedgerCalls calls;
  const bool http = o.work.form == "http";
  if (http) {
    std::string address = o.work.url, key = o.work.key;
    if (address.empty()) {
      serve = std::make_unique<ServeProcess>(session.cl.config_dir, session.serve_defines());
      address = serve->wait_listening();
      ApiKeys keys(db, load_or_create_key_secret(listener_settings(rt).key_secret_file));
      key = keys.create("bench", http::Role::viewer, {}, format_timestamp(rt.clock().now())).second;
    }
    client = std::make_unique<LoopbackClient>(address, key);
    calls = http_calls(*client);
  } else {
    calls = in_process_calls(rt, shape);
  }

  CallPlan plan{.measure = "availability: one product at all sites",
                .form = o.work.form,
                .calls = o.work.calls,
                .repeats = o.work.repeat,
                .warm_up = 20,
                .seed = o.seed};
  report.figures.push_back(measure_calls(plan, [&](SeededRandom& rnd) { calls.availability(pick(rnd, shape.skus)); }));

  // Pages follow one another through a site; a short page moves to another site.
  std::string site, after;
  plan.measure = calls.site_measure;
  plan.calls = std::max<std::int64_t>(http ? o.work.calls / 20 : o.work.calls / 5, 1);
  plan.warm_up = 2;
  report.figures.push_back(measure_calls(plan, [&](SeededRandom& rnd) {
    if (site.empty()) site = pick(rnd, shape.sites);
    if (calls.site_page(site, after) < kPage) {
      site.clear();
      after.clear();
    }
  }));

  plan.measure = "stock as of a past day: one product, one site";
  plan.calls = o.work.calls;
  plan.warm_up = 20;
  report.figures.push_back(measure_calls(plan, [&](SeededRandom& rnd) {
    const auto& sku = pick(rnd, shape.skus);
    calls.as_of(sku, pick(rnd, shape.sites), as_of_day(rnd, shape));
  }));

  if (serve) {
    report.peak_rss_kb = serve->stop();
    report.peak_rss_of = "downstream serve";
  } else {
    report.peak_rss_kb = own_peak_rss_kb();
    report.peak_rss_of = o.work.url.empty() ? "bench process, in-process calls" : "bench process (client only)";
  }
  report.notes.push_back("as-of days drawn between " + day_text(shape.first_day) + " and " + day_text(shape.last_day) +
                         "; each call one read unit of work");
  return report;
}

}  // namespace downstream::host::bench
