// Sales orders over HTTP: create (draft or quote), list, status, confirm,
// allocate again, cancel. Site scope: the key needs the order's site.
#include <downstream/error.h>
#include <downstream/validation.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "customers.h"
#include "order_actions.h"
#include "order_status.h"
#include "responses.h"

namespace downstream::sales_module {

namespace {

bool is_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  auto month = std::stoi(s.substr(5, 2));
  auto day = std::stoi(s.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::optional<std::string> read_date(http::RequestReader& r, std::string_view field) {
  auto v = r.optional_string(field);
  if (v && !is_date(*v)) r.add_error(field, "must be a date in the form YYYY-MM-DD");
  return v;
}

NewOrder read_order(SalesOffice& office, const http::Request& rq, db::Transaction& tx) {
  http::RequestReader body(http::parse_body(rq.body));
  NewOrder o;
  o.site = body.required_string("site");
  auto customer_ref = body.required_string("customer");
  auto errors_before_currency = body.errors().size();
  auto currency = body.required_currency("currency");
  bool currency_ok = body.errors().size() == errors_before_currency;
  o.currency = currency.code();
  o.quote_valid_until = read_date(body, "quote_valid_until");
  o.external_ref = body.optional_string("external_ref").value_or("");
  auto lines = body.required_array("lines", 1);

  if (!o.site.empty()) {
    auto sites = office.stock.sites(tx);
    if (std::find(sites.begin(), sites.end(), o.site) == sites.end())
      body.add_error("site", "names no active site ('" + o.site + "')");
  }
  if (!customer_ref.empty()) {
    auto customer = find_customer(tx, customer_ref);
    if (!customer) {
      body.add_error("customer", "names no known customer ('" + customer_ref + "'); PUT /api/v1/customers/{ref} first");
    } else {
      o.customer_id = customer->id;
      o.customer_ref = customer_ref;
      o.channel = customer->channel;
    }
  }

  // Every line's product in one read; a line without a usable sku is reported below.
  std::vector<std::string> skus;
  for (auto& line : lines)
    if (const auto* sku = line.object().find("sku"); sku && sku->is_string()) skus.push_back(sku->as_string());
  auto known = office.stock.products(tx, skus);

  std::int64_t n = 0;
  for (auto& line : lines) {
    OrderLine l;
    l.line = ++n;
    l.sku = line.required_string("sku");
    auto quantity = line.required_quantity("quantity");  // > 0: returns have their own documents
    auto unit = line.optional_string("unit");
    auto price = line.required_object("unit_price");
    auto errors_before = price.errors().size();
    auto price_currency = price.required_currency("currency");
    if (currency_ok && price.errors().size() == errors_before && !(price_currency == currency))
      price.add_error("currency", "must be the order's currency (" + o.currency + "), not " + price_currency.code());
    auto amount = price.required_money("amount", currency);
    l.requested_date = read_date(line, "requested_date");

    std::optional<inventory::ProductInfo> product;
    if (!l.sku.empty()) {
      if (auto it = known.find(l.sku); it != known.end()) product = it->second;
      if (!product) line.add_error("sku", "names no known product ('" + l.sku + "')");
      else if (!product->active) line.add_error("sku", "names an inactive product ('" + l.sku + "')");
    }
    l.ordered_quantity = quantity.raw();
    l.ordered_unit = unit.value_or(product ? product->unit : "");
    l.unit = product ? product->unit : "";
    l.quantity = quantity.raw();
    if (product && quantity.is_positive() && unit && *unit != product->unit) {
      try {
        l.quantity = office.stock.to_product_unit(tx, l.sku, Quantity(quantity, *unit)).raw();
        if (l.quantity <= 0) line.add_error("quantity", "is less than the smallest amount of " + product->unit);
      } catch (const InvalidValue& e) {
        line.add_error("unit", e.what());
      }
    }
    l.unit_price_minor = amount.minor_units();
    auto total = line_amount(l.unit_price_minor, l.ordered_quantity);
    if (!total) line.add_error("unit_price.amount", "times the quantity is too large");
    l.line_total_minor = total.value_or(0);
    o.lines.push_back(std::move(l));
  }
  body.finish();
  return o;
}

http::Response post_order(SalesOffice& office, const http::Request& rq, db::Transaction& tx) {
  auto in = read_order(office, rq, tx);
  require_site_access(rq, in.site);
  auto order = create_order(office, tx, in);
  auto r = json_response(201, new_order_status(order, in.lines, in.customer_ref));
  r.headers.emplace_back("Location", "/api/v1/sales-orders/" + order.number);
  return r;
}

SalesOrder visible_order(const http::Request& rq, db::Transaction& tx, bool lock) {
  const auto& number = rq.path_params.at("number");
  std::optional<SalesOrder> order;
  if (lock) order = lock_order(tx, number);
  else order = find_order(tx, number);
  if (!order) throw http::Problem::not_found("sales order '" + number + "'");
  require_site_access(rq, order->site);
  return *order;
}

http::Response list_orders(const http::Request& rq, db::Transaction& tx) {
  auto param = [&](const char* name) {
    auto it = rq.query.find(name);
    return it == rq.query.end() ? std::string() : it->second;
  };
  std::vector<http::FieldError> errors;
  static const std::set<std::string> states = {"draft", "confirmed", "partially_shipped", "shipped", "cancelled"};
  std::string sql = "SELECT number FROM sal_order WHERE 1 = 1";
  db::Params params;
  if (auto state = param("state"); !state.empty()) {
    if (!states.contains(state)) errors.push_back({"state", "must be one of draft, confirmed, partially_shipped, shipped, cancelled"});
    sql += " AND state = ?";
    params.emplace_back(state);
  }
  if (auto site = param("site"); !site.empty()) {
    sql += " AND site = ?";
    params.emplace_back(site);
  } else if (!rq.sites.empty()) {
    std::string marks;
    for (const auto& s : rq.sites) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(s);
    }
    sql += " AND site IN (" + marks + ")";
  }
  if (auto customer = param("customer"); !customer.empty()) {
    sql += " AND customer_id IN (SELECT id FROM sal_customer WHERE ref = ?)";
    params.emplace_back(customer);
  }
  if (!errors.empty()) throw http::Problem::validation(errors);
  sql += " ORDER BY id LIMIT 1000";
  json::Array orders;
  for (const auto& r : tx.query(sql, params)) orders.push_back(order_summary(tx, *find_order(tx, r.get_text(0))));
  return json_response(200, json::Object{{"orders", std::move(orders)}});
}

constexpr const char* kOrderSchema =
    R"({"type":"object","properties":{"number":{"type":"string"},"site":{"type":"string"},"customer":{"type":"string"},)"
    R"("channel":{"type":"string"},"currency":{"type":"string"},)"
    R"("state":{"type":"string","enum":["draft","confirmed","partially_shipped","shipped","cancelled"]},)"
    R"("total":{"type":"object"},"lines":{"type":"array"},"allocation":{"type":"array"},"backorders":{"type":"array"},)"
    R"("needs_allocation":{"type":"boolean"},"shipments":{"type":"array"},"events":{"type":"array"}}})";

}  // namespace

void add_order_routes(http::RouteRegistry& routes, SalesOffice& office) {
  routes.add(
      {http::Method::post, "/api/v1/sales-orders", http::Role::operator_,
       "Create a draft sales order (a quote with quote_valid_until); lines in the product's unit or another of its "
       "category, unit prices in the order's currency; the number (SO-<SITE>-000001) is taken per site",
       R"({"type":"object","required":["site","customer","currency","lines"],"properties":{"site":{"type":"string"},)"
       R"("customer":{"type":"string"},"currency":{"type":"string"},"quote_valid_until":{"type":"string","format":"date"},)"
       R"("external_ref":{"type":"string"},"lines":{"type":"array","minItems":1,"items":{"type":"object",)"
       R"("required":["sku","quantity","unit_price"],"properties":{"sku":{"type":"string"},"quantity":{"type":"string"},)"
       R"("unit":{"type":"string"},"unit_price":{"type":"object","required":["amount","currency"],"properties":)"
       R"({"amount":{"type":"string"},"currency":{"type":"string"}}},"requested_date":{"type":"string","format":"date"}}}}}})",
       kOrderSchema, [&office](const http::Request& rq, db::Transaction& tx) { return post_order(office, rq, tx); }});
  routes.add({http::Method::get, "/api/v1/sales-orders", http::Role::viewer,
              "Sales orders, oldest first, filtered by ?state=&site=&customer= (at most 1000)", "",
              R"({"type":"object","properties":{"orders":{"type":"array"}}})", &list_orders});
  routes.add({http::Method::get, "/api/v1/sales-orders/{number}", http::Role::viewer,
              "The order's status: lines, allocation per site, shipments with tracking, backorders, events sent", "",
              kOrderSchema, [&office](const http::Request& rq, db::Transaction& tx) {
                auto order = visible_order(rq, tx, false);
                return json_response(200, order_status(office, tx, order));
              }});
  auto action = [&office, &routes](const char* verb, const char* summary,
                                   void (*act)(SalesOffice&, db::Transaction&, SalesOrder&, std::vector<OrderLine>&)) {
    routes.add({http::Method::post, std::string("/api/v1/sales-orders/{number}/") + verb, http::Role::operator_,
                summary, "", kOrderSchema, [&office, act](const http::Request& rq, db::Transaction& tx) {
                  auto [order, lines] = lock_order_with_lines(tx, rq.path_params.at("number"));
                  require_site_access(rq, order.site);
                  act(office, tx, order, lines);
                  return json_response(200, order_status(office, tx, order, lines));
                }});
  };
  action("confirm",
         "Confirm a draft: reserve every line at the sites its channel's policy names, one shipment per site; "
         "shortages are backordered, or refused with 409 where the policy says so",
         &confirm_order);
  action("allocate", "Allocate a confirmed order's unallocated and backordered quantities again", &allocate_order);
  action("cancel",
         "Cancel the order: all of it while nothing has shipped, else the unshipped rest (the order is then done)",
         &cancel_order);
}

}  // namespace downstream::sales_module
