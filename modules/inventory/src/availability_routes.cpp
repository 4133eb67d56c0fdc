// What is there and what can be promised: availability per site and across
// sites (from the summary, never the ledger), and a site's balances.
#include <downstream/error.h>
#include <downstream/problem.h>

#include <algorithm>

#include "responses.h"
#include "stock_routes.h"

namespace downstream::inventory_module {

namespace {

std::string query_param(const http::Request& rq, const std::string& name) {
  auto it = rq.query.find(name);
  return it == rq.query.end() ? std::string() : it->second;
}

json::Object figures_json(const inventory::StockFigures& f) {
  return json::Object{{"on_hand", decimal_json(f.on_hand)},   {"reserved", decimal_json(f.reserved)},
                      {"available", decimal_json(f.available)}, {"incoming", decimal_json(f.incoming)},
                      {"outgoing", decimal_json(f.outgoing)}};
}

constexpr const char* kFiguresSchema =
    R"({"type":"object","properties":{"on_hand":{"type":"string"},"reserved":{"type":"string"},)"
    R"("available":{"type":"string"},"incoming":{"type":"string"},"outgoing":{"type":"string"}}})";

http::Response availability(StockLedger& ledger, const http::Request& rq, db::Transaction& tx) {
  auto sku = query_param(rq, "product");
  auto site = query_param(rq, "site");
  if (!query_param(rq, "date").empty())
    throw http::Problem::validation({{"date", "is not taken here; ask /api/v1/projected-availability for a future date "
                                              "or /api/v1/stock-as-of for a past one"}});
  if (sku.empty()) throw http::Problem::validation({{"product", "is required (a SKU)"}});
  auto product = ledger.find_product(tx, sku);
  if (!product) throw http::Problem::validation({{"product", "names no known product ('" + sku + "')"}});
  std::vector<std::string> sites;
  if (!site.empty()) sites.push_back(site);

  std::vector<inventory::SiteStock> stock;
  try {
    stock = ledger.availability(tx, *product, sites);
  } catch (const InvalidValue& e) {
    throw http::Problem::validation({{"site", e.what()}});
  }

  inventory::StockFigures total;
  json::Array per_site;
  for (const auto& s : stock) {
    // A key scoped to sites sees those only, and a total over them.
    if (site.empty() && !rq.sites.empty() && std::find(rq.sites.begin(), rq.sites.end(), s.site) == rq.sites.end())
      continue;
    total.on_hand += s.stock.on_hand;
    total.reserved += s.stock.reserved;
    total.available += s.stock.available;
    total.incoming += s.stock.incoming;
    total.outgoing += s.stock.outgoing;
    auto o = figures_json(s.stock);
    json::Object row{{"site", s.site}};
    for (const auto& [k, v] : o) row[k] = v;
    per_site.push_back(std::move(row));
  }
  json::Object body{{"product", product->sku}, {"unit", product->unit}};
  body["sites"] = std::move(per_site);
  body["total"] = figures_json(total);
  return json_response(200, body);
}

http::Response site_stock(StockLedger& ledger, const http::Request& rq, db::Transaction& tx) {
  const auto& site = rq.path_params.at("site");
  if (!tx.query_one("SELECT code FROM inv_site WHERE code = ?", {site})) not_found("site '" + site + "'");
  std::string sql =
      "SELECT l.code, p.sku, lt.code, lt.expiry, b.on_hand, b.reserved, b.received_at FROM inv_balance b "
      "JOIN inv_location l ON l.id = b.location_id JOIN inv_product p ON p.id = b.product_id "
      "LEFT JOIN inv_lot lt ON lt.id = b.lot_id WHERE b.site = ? AND b.physical = 1 "
      "AND (b.on_hand <> 0 OR b.reserved <> 0)";
  db::Params params{site};
  auto sku = query_param(rq, "product");
  if (!sku.empty()) {
    auto product = ledger.find_product(tx, sku);
    if (!product) throw http::Problem::validation({{"product", "names no known product ('" + sku + "')"}});
    sql += " AND b.product_id = ?";
    params.emplace_back(product->id);
  }
  sql += " ORDER BY l.code, p.sku, lt.code";
  json::Array balances;
  for (const auto& row : tx.query(sql, params)) {
    auto on_hand = row.get_int(4), reserved = row.get_int(5);
    json::Object b{{"location", site + "/" + row.get_text(0)}, {"sku", row.get_text(1)}};
    b["lot"] = row.opt_text(2) ? json::Value(*row.opt_text(2)) : json::Value();
    b["expiry"] = row.opt_text(3) ? json::Value(*row.opt_text(3)) : json::Value();
    b["on_hand"] = decimal_json(on_hand);
    b["reserved"] = decimal_json(reserved);
    b["available"] = decimal_json(on_hand - reserved);
    b["received_at"] = row.get_text(6);
    balances.push_back(std::move(b));
  }
  return json_response(200, json::Object{{"site", site}, {"balances", std::move(balances)}});
}

}  // namespace

void add_availability_routes(ModuleParts& parts) {
  auto& ledger = parts.ledger;
  parts.ctx.routes().add(
      {http::Method::get, "/api/v1/availability", http::Role::viewer,
       "Availability now of ?product=SKU per site and in total (&site= for one site); from the stock summary, never "
       "the ledger",
       "",
       std::string(R"({"type":"object","properties":{"product":{"type":"string"},"unit":{"type":"string"},)") +
           R"("sites":{"type":"array","items":)" + kFiguresSchema + R"(},"total":)" +
           kFiguresSchema + "}}",
       [&ledger](const http::Request& rq, db::Transaction& tx) { return availability(ledger, rq, tx); }});
  parts.ctx.routes().add(
      {http::Method::get, "/api/v1/sites/{site}/stock", http::Role::viewer,
       "Balances at a site by location, product and lot (?product=SKU for one product)", "",
       R"({"type":"object","properties":{"site":{"type":"string"},"balances":{"type":"array","items":{"type":"object"}}}})",
       [&ledger](const http::Request& rq, db::Transaction& tx) { return site_stock(ledger, rq, tx); }});
}

}  // namespace downstream::inventory_module
