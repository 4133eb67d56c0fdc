// `downstream inventory close-period DATE` and the dated stock routes:
// GET /api/v1/stock-as-of (past) and GET /api/v1/projected-availability (future).
#include <downstream/problem.h>
#include <downstream/validation.h>

#include <ostream>

#include "module_parts.h"
#include "periods.h"
#include "responses.h"
#include "stock_as_of.h"

namespace downstream::inventory_module {
namespace {

// The query of a dated stock route, read with every bad parameter listed.
struct DatedQuery {
  Product product;
  CalendarDay day;
  std::vector<std::string> sites;
};

DatedQuery read_dated_query(const http::Request& request, db::Transaction& tx, StockLedger& ledger,
                            bool future) {
  std::vector<http::FieldError> errors;
  auto param = [&](const std::string& name) -> std::optional<std::string> {
    auto it = request.query.find(name);
    if (it == request.query.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
  DatedQuery q;
  if (auto sku = param("product")) {
    if (auto p = ledger.find_product(tx, *sku))
      q.product = *p;
    else
      errors.push_back({"product", "names an unknown product '" + *sku + "'"});
  } else {
    errors.push_back({"product", "is required (a SKU)"});
  }
  auto today = utc_day(ledger.clock().now());
  if (auto text = param("date")) {
    if (auto day = parse_calendar_day(*text)) {
      q.day = *day;
      if (future && *day < today)
        errors.push_back({"date", "is before today (" + day_text(today) + ", UTC); ask /api/v1/stock-as-of for the past"});
      if (!future && *day > today)
        errors.push_back({"date", "is after today (" + day_text(today) +
                                      ", UTC); ask /api/v1/projected-availability for the future"});
    } else {
      errors.push_back({"date", "must be a date in the form YYYY-MM-DD"});
    }
  } else {
    errors.push_back({"date", "is required (YYYY-MM-DD)"});
  }
  if (auto site = param("site")) {
    try {
      ledger.require_site(tx, *site);
      q.sites = {*site};
    } catch (const InvalidValue&) {
      errors.push_back({"site", "names an unknown site '" + *site + "'"});
    }
  } else {
    q.sites = request.sites;  // a key scoped to sites sees only those
  }
  if (!errors.empty()) throw http::Problem::validation(std::move(errors));
  return q;
}

json::Value stock_as_of_json(const std::string& sku, const StockAsOf& s) {
  json::Array sites;
  for (const auto& site : s.sites) sites.push_back(json::Object{{"site", site.site}, {"on_hand", decimal_json(site.on_hand)}});
  return json::Object{{"product", sku},
                      {"date", s.date},
                      {"basis", s.basis ? json::Value(*s.basis) : json::Value(nullptr)},
                      {"on_hand", decimal_json(s.total)},
                      {"sites", std::move(sites)}};
}

json::Object projected_json(const ProjectedSite& p) {
  json::Object o;
  if (!p.site.empty()) o["site"] = p.site;
  o["on_hand"] = decimal_json(p.on_hand);
  o["reserved"] = decimal_json(p.reserved);
  o["incoming"] = decimal_json(p.incoming);
  o["outgoing"] = decimal_json(p.outgoing);
  o["projected_on_hand"] = decimal_json(p.projected_on_hand);
  o["projected_available"] = decimal_json(p.projected_available);
  return o;
}

constexpr const char* kStockAsOfSchema = R"({"type":"object","properties":{
  "product":{"type":"string"},"date":{"type":"string","format":"date"},
  "basis":{"type":["string","null"],"description":"the closed day the figures start from"},
  "on_hand":{"type":"string"},
  "sites":{"type":"array","items":{"type":"object","properties":{"site":{"type":"string"},"on_hand":{"type":"string"}}}}}})";

constexpr const char* kProjectedSchema = R"({"type":"object","properties":{
  "product":{"type":"string"},"date":{"type":"string","format":"date"},
  "total":{"$ref":"#/$defs/figures"},
  "sites":{"type":"array","items":{"$ref":"#/$defs/figures"}}},
  "$defs":{"figures":{"type":"object","properties":{"site":{"type":"string"},"on_hand":{"type":"string"},
  "reserved":{"type":"string"},"incoming":{"type":"string"},"outgoing":{"type":"string"},
  "projected_on_hand":{"type":"string"},"projected_available":{"type":"string"}}}}})";

}  // namespace

void register_periods(ModuleParts& parts) {
  auto& ctx = parts.ctx;
  auto& ledger = parts.ledger;

  ctx.commands().add(
      {"inventory close-period", "DATE",
       "Snapshot on-hand per location, product and lot as of the end of DATE (UTC, YYYY-MM-DD, a day that is over)",
       [&ctx, &ledger](const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
         if (args.size() != 1) {
           err << "usage: downstream inventory close-period DATE (YYYY-MM-DD)\n";
           return 64;
         }
         auto day = parse_calendar_day(args[0]);
         if (!day) {
           err << "DATE must be a date in the form YYYY-MM-DD, not '" << args[0] << "'\n";
           return 64;
         }
         try {
           auto closed = ctx.database().write_value(
               [&](db::Transaction& tx) { return close_period(tx, ledger.clock(), *day); });
           out << "closed through " << closed.closed_through << ": " << closed.balances << " balance"
               << (closed.balances == 1 ? "" : "s") << " snapshotted";
           if (closed.after) out << ", built on the period closed through " << *closed.after;
           out << "\n";
           return 0;
         } catch (const Error& e) {
           err << "refused: " << e.what() << "\n";
           return 1;
         }
       }});

  ctx.routes().add({http::Method::get, "/api/v1/stock-as-of", http::Role::viewer,
                    "On hand of a product per site as of the end of a past day (UTC), from the closed periods", "",
                    kStockAsOfSchema, [&ledger](const http::Request& request, db::Transaction& tx) {
                      auto q = read_dated_query(request, tx, ledger, false);
                      return json_response(200, stock_as_of_json(q.product.sku,
                                                                 stock_as_of(tx, q.product.id, q.sites, q.day)));
                    }});

  ctx.routes().add({http::Method::get, "/api/v1/projected-availability", http::Role::viewer,
                    "On hand and availability of a product per site at the end of a future day, from planned moves",
                    "", kProjectedSchema, [&ledger](const http::Request& request, db::Transaction& tx) {
                      auto q = read_dated_query(request, tx, ledger, true);
                      auto p = projected(tx, q.product.id, q.sites, q.day);
                      json::Array sites;
                      for (const auto& s : p.sites) sites.push_back(projected_json(s));
                      return json_response(200, json::Object{{"product", q.product.sku},
                                                             {"date", p.date},
                                                             {"total", projected_json(p.total)},
                                                             {"sites", std::move(sites)}});
                    }});
}

}  // namespace downstream::inventory_module
