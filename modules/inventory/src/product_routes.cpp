// Products and units over HTTP. The host ERP owns product master data and pushes
// it with PUT, so PUT is a whole replacement: a field left out takes its default.
#include <downstream/validation.h>

#include <algorithm>
#include <set>

#include "catalogue_parts.h"
#include "products.h"
#include "responses.h"
#include "units.h"

namespace downstream::inventory_module {

namespace {

constexpr std::int64_t kDefaultPage = 100;
constexpr std::int64_t kMaxPage = 1000;

constexpr const char* kProductSchema =
    R"({"type":"object","required":["sku","name","unit","tracking","weight_kg","active"],"properties":{)"
    R"("sku":{"type":"string"},"name":{"type":"string"},"unit":{"type":"string"},)"
    R"("tracking":{"type":"string","enum":["none","lot","serial"]},)"
    R"("weight_kg":{"type":"string","description":"decimal, per unit"},"active":{"type":"boolean"}}})";

constexpr const char* kProductBodySchema =
    R"({"type":"object","required":["name","unit"],"additionalProperties":false,"properties":{)"
    R"("name":{"type":"string"},"unit":{"type":"string","description":"a unit code from GET /api/v1/units"},)"
    R"("tracking":{"type":"string","enum":["none","lot","serial"],"default":"none"},)"
    R"("weight_kg":{"type":["string","number"],"description":"decimal >= 0, per unit","default":"0"},)"
    R"("active":{"type":"boolean","default":true}}})";

// The body of a PUT, with every field error collected, the SKU's included.
ProductInput read_product_body(db::Transaction& tx, const std::string& sku, const std::string& text) {
  http::RequestReader body(http::parse_body(text));
  ProductInput in;
  in.sku = sku;
  in.name = body.required_string("name");
  in.unit = body.required_string("unit");
  auto present = [&](std::string_view field) {
    const auto* v = body.object().find(field);
    return v && !v->is_null();
  };
  if (present("tracking")) in.tracking = body.enum_of("tracking", {"none", "lot", "serial"});
  if (auto w = body.optional_quantity("weight_kg", http::Sign::non_negative)) in.weight_kg = *w;
  if (present("active")) {
    const auto& v = *body.object().find("active");
    if (v.is_bool())
      in.active = v.as_bool();
    else
      body.add_error("active", "must be true or false");
  }
  // A misspelt field would otherwise silently take its default.
  for (const auto& [key, value] : body.object())
    if (key != "name" && key != "unit" && key != "tracking" && key != "weight_kg" && key != "active")
      body.add_error(key, "is not a field of a product (name, unit, tracking, weight_kg, active)");

  std::set<std::string> reported;
  for (const auto& e : body.errors()) reported.insert(e.field);
  for (const auto& e : product_errors(tx, in))
    if (!reported.count(e.field)) body.add_error(e.field, e.message);
  body.finish();
  return in;
}

std::int64_t page_limit(const http::Request& rq) {
  auto it = rq.query.find("limit");
  if (it == rq.query.end() || it->second.empty()) return kDefaultPage;
  const auto& text = it->second;
  bool digits = text.size() <= 6 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  std::int64_t n = digits ? std::stoll(text) : 0;
  if (n < 1 || n > kMaxPage)
    throw http::Problem::validation({{"limit", "must be a whole number from 1 to " + std::to_string(kMaxPage)}});
  return n;
}

}  // namespace

json::Object product_json(const Product& p) {
  return json::Object{{"sku", p.sku},
                      {"name", p.name},
                      {"unit", p.unit},
                      {"tracking", p.tracking},
                      {"weight_kg", decimal_json(p.weight_kg)},
                      {"active", p.active}};
}

void add_product_routes(ModuleParts& parts) {
  auto& routes = parts.ctx.routes();
  const Clock& clock = parts.ctx.clock();

  routes.add({http::Method::put, "/api/v1/products/{sku}", http::Role::operator_,
              "Create or replace a product (201 created, 200 replaced); a unit or tracking change is refused "
              "while the product has stock",
              kProductBodySchema, kProductSchema, [&clock](const http::Request& rq, db::Transaction& tx) {
                auto in = read_product_body(tx, rq.path_params.at("sku"), rq.body);
                if (auto stored = product_by_sku(tx, in.sku))
                  if (auto conflict = product_change_conflict(tx, *stored, in))
                    throw http::Problem::conflict(*conflict);
                auto outcome = write_product(tx, in, clock.now());
                return json_response(outcome == Upserted::created ? 201 : 200,
                                     product_json(*product_by_sku(tx, in.sku)));
              }});

  routes.add({http::Method::get, "/api/v1/products/{sku}", http::Role::viewer, "One product", "", kProductSchema,
              [](const http::Request& rq, db::Transaction& tx) {
                const auto& sku = rq.path_params.at("sku");
                auto p = product_by_sku(tx, sku);
                if (!p) not_found("product '" + sku + "'");
                return json_response(200, product_json(*p));
              }});

  routes.add({http::Method::get, "/api/v1/products", http::Role::viewer,
              "Products by SKU, a page at a time: ?after=<last sku of the previous page>&limit=1..1000 (100)", "",
              std::string(R"({"type":"object","properties":{"items":{"type":"array","items":)") + kProductSchema +
                  R"(},"next_after":{"type":["string","null"]}}})",
              [](const http::Request& rq, db::Transaction& tx) {
                auto limit = page_limit(rq);
                auto after = rq.query.count("after") ? rq.query.at("after") : std::string();
                auto products = list_products(tx, after, limit);
                json::Array items;
                for (const auto& p : products) items.push_back(product_json(p));
                json::Value next = nullptr;
                if (static_cast<std::int64_t>(products.size()) == limit) next = products.back().sku;
                return json_response(200, json::Object{{"items", items}, {"next_after", next}});
              }});

  routes.add({http::Method::get, "/api/v1/units", http::Role::viewer,
              "Units of measure: factor of the category's reference unit, and rounding step", "",
              R"({"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{)"
              R"("code":{"type":"string"},"category":{"type":"string"},"factor":{"type":"string"},)"
              R"("rounding":{"type":"string"}}}}}})",
              [](const http::Request&, db::Transaction& tx) {
                json::Array items;
                for (const auto& u : list_units(tx))
                  items.push_back(json::Object{{"code", u.code},
                                               {"category", u.category},
                                               {"factor", decimal_json(u.factor)},
                                               {"rounding", decimal_json(u.rounding)}});
                return json_response(200, json::Object{{"items", items}});
              }});
}

}  // namespace downstream::inventory_module
