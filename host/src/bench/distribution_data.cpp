#include "bench/distribution_data.h"

#include <downstream/json.h>
#include <downstream/ports/database.h>

#include <cstdio>

#include "bench/bench_random.h"

namespace downstream::host::bench {

namespace {

constexpr std::int64_t kProducts = 200;

std::string w1_sku(std::int64_t index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "W1-P%04lld", static_cast<long long>(index + 1));
  return buf;
}

std::string cents_text(std::int64_t cents) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(cents / 100), static_cast<long long>(cents % 100));
  return buf;
}

}  // namespace

void create_bench_site(db::Database& db, const std::string& code) {
  db.write([&](db::Transaction& tx) {
    tx.execute("INSERT INTO inv_site (code, name, kind, timezone, address, active) VALUES (?, ?, 'warehouse', 'UTC', "
               "'', 1) ON CONFLICT (code) DO NOTHING",
               {code, "Bench site " + code});
    tx.execute("INSERT INTO inv_location (site, code, name, kind, parent_id, physical, active) "
               "VALUES (?, 'storage', 'Storage', 'storage', NULL, 1, 1) ON CONFLICT (site, code) DO NOTHING",
               {code});
  });
}

void create_distribution_sites(db::Database& db) {
  for (const char* code : {"A", "B"}) create_bench_site(db, code);
}

void count_stock(const ApiCall& call, const std::string& site, const std::vector<std::string>& skus,
                 const std::string& quantity) {
  json::Array lines;
  for (const auto& sku : skus)
    lines.push_back(json::Object{{"location", "storage"}, {"sku", sku}, {"counted", quantity}});
  auto created = expect_status(call, 201, "POST", "/api/v1/counts",
                               json::Value(json::Object{{"site", site}, {"lines", std::move(lines)}}).dump());
  auto number = json::parse(created.body).as_object().at("number").as_string();
  expect_status(call, 200, "POST", "/api/v1/counts/" + number + "/post", "{}");
}

void put_bench_customer(const ApiCall& call, const std::string& ref) {
  auto a = call("PUT", "/api/v1/customers/" + ref,
                R"({"name":"Bench customer","channel":"retail","addresses":[{"city":"Hamburg","country":"DE","region":"DE-HH"}]})");
  if (a.status != 200 && a.status != 201) expect_status(call, 201, "PUT", "/api/v1/customers/" + ref, "{}");
}

DistributionData prepare_distribution_data(const ApiCall& call, db::Database& db, std::uint64_t seed) {
  DistributionData d;
  d.sites = {"A", "B"};
  d.customer = "W1-CUSTOMER";
  SeededRandom prices(seed ^ 0x9e1ce5ULL);
  for (std::int64_t i = 0; i < kProducts; ++i) {
    d.skus.push_back(w1_sku(i));
    d.list_prices.push_back(cents_text(prices.between(100, 99'99)));
  }
  auto existing = db.read_value(
      [](db::Transaction& tx) { return tx.query_int("SELECT COUNT(*) FROM inv_product WHERE sku LIKE 'W1-P%'"); });
  if (existing == kProducts) return d;
  for (std::int64_t i = 0; i < kProducts; ++i) {
    const auto& sku = d.skus[static_cast<std::size_t>(i)];
    auto a = call("PUT", "/api/v1/products/" + sku, R"({"name":"Bench product )" + std::to_string(i + 1) + R"(","unit":"each"})");
    if (a.status != 200 && a.status != 201) expect_status(call, 201, "PUT", "/api/v1/products/" + sku, "{}");
  }
  put_bench_customer(call, d.customer);
  for (const auto& site : d.sites) count_stock(call, site, d.skus, std::to_string(d.opening));
  return d;
}

StockFigures distribution_stock(db::Database& db) {
  StockFigures out;
  db.read([&](db::Transaction& tx) {
    out.clear();
    for (const auto& row : tx.query("SELECT s.site, p.sku, s.on_hand, s.reserved FROM inv_stock s JOIN inv_product p "
                                    "ON p.id = s.product_id WHERE p.sku LIKE 'W1-P%'"))
      out[{row.get_text(0), row.get_text(1)}] = {row.get_int(2), row.get_int(3)};
  });
  return out;
}

}  // namespace downstream::host::bench
