// Stock counts over HTTP: POST /api/v1/counts, GET /api/v1/counts/{number},
// POST /api/v1/counts/{number}/post and /cancel.
#include <downstream/validation.h>

#include "module_parts.h"
#include "responses.h"
#include "stock_counts.h"

namespace downstream::inventory_module {
namespace {

json::Value count_json(const StockCount& c) {
  json::Array lines;
  for (const auto& l : c.lines)
    lines.push_back(json::Object{{"line", l.line},
                                 {"location", l.location},
                                 {"sku", l.sku},
                                 {"lot", l.lot.empty() ? json::Value(nullptr) : json::Value(l.lot)},
                                 {"counted", decimal_json(l.counted)},
                                 {"on_hand", decimal_json(l.on_hand)},
                                 {"difference", decimal_json(l.difference)}});
  return json::Object{{"number", c.number},
                      {"site", c.site},
                      {"state", c.state},
                      {"created_at", c.created_at},
                      {"posted_at", c.posted_at ? json::Value(*c.posted_at) : json::Value(nullptr)},
                      {"lines", std::move(lines)}};
}

http::Response count_answer(int status, const StockCount& c) {
  auto r = json_response(status, count_json(c));
  if (status == 201) r.headers.emplace_back("Location", "/api/v1/counts/" + c.number);
  return r;
}

constexpr const char* kCreateSchema = R"({"type":"object","required":["site","lines"],"properties":{
  "site":{"type":"string"},
  "lines":{"type":"array","minItems":1,"items":{"type":"object","required":["location","sku","counted"],"properties":{
    "location":{"type":"string","description":"site-local location code, such as storage/A-01"},
    "sku":{"type":"string"},"lot":{"type":"string"},
    "counted":{"type":"string","description":"decimal, not negative, in the product's unit"}}}}}})";

constexpr const char* kCountSchema = R"({"type":"object","properties":{
  "number":{"type":"string"},"site":{"type":"string"},"state":{"enum":["draft","posted","cancelled"]},
  "created_at":{"type":"string"},"posted_at":{"type":["string","null"]},
  "lines":{"type":"array","items":{"type":"object","properties":{"line":{"type":"integer"},
    "location":{"type":"string"},"sku":{"type":"string"},"lot":{"type":["string","null"]},
    "counted":{"type":"string"},"on_hand":{"type":"string"},"difference":{"type":"string"}}}}}})";

}  // namespace

void register_counts(ModuleParts& parts) {
  auto& routes = parts.ctx.routes();
  auto& ledger = parts.ledger;

  routes.add({http::Method::post, "/api/v1/counts", http::Role::operator_,
              "Start a stock count of a site: what was found per location, product and lot", kCreateSchema,
              kCountSchema, [&ledger](const http::Request& request, db::Transaction& tx) {
                http::RequestReader body(http::parse_body(request.body));
                auto site = body.required_string("site");
                std::vector<CountLineInput> lines;
                for (auto& line : body.required_array("lines", 1)) {
                  CountLineInput in;
                  in.location = line.required_string("location");
                  in.sku = line.required_string("sku");
                  in.lot = line.optional_string("lot");
                  in.counted = line.required_quantity("counted", http::Sign::non_negative);
                  lines.push_back(std::move(in));
                }
                body.finish();
                require_site_access(request, site);
                return count_answer(201, create_count(tx, ledger, site, lines));
              }});

  routes.add({http::Method::get, "/api/v1/counts/{number}", http::Role::viewer,
              "A stock count with its lines, on hand and differences", "", kCountSchema,
              [](const http::Request& request, db::Transaction& tx) {
                auto count = load_count(tx, request.path_params.at("number"));
                require_site_access(request, count.site);
                return count_answer(200, count);
              }});

  routes.add({http::Method::post, "/api/v1/counts/{number}/post", http::Role::operator_,
              "Post a draft count: adjustment moves for the differences; refused (409) if its locations saw "
              "stock move since the count started",
              "", kCountSchema, [&ledger](const http::Request& request, db::Transaction& tx) {
                const auto& number = request.path_params.at("number");
                require_site_access(request, load_count(tx, number).site);
                return count_answer(200, post_count(tx, ledger, number));
              }});

  routes.add({http::Method::post, "/api/v1/counts/{number}/cancel", http::Role::operator_, "Cancel a draft count",
              "", kCountSchema, [](const http::Request& request, db::Transaction& tx) {
                const auto& number = request.path_params.at("number");
                require_site_access(request, load_count(tx, number).site);
                return count_answer(200, cancel_count(tx, number));
              }});
}

}  // namespace downstream::inventory_module
