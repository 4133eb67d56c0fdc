// Transfers between sites over HTTP. Site scope (DECISION): creating, shipping
// and cancelling act on the from site's stock, so the key needs the from site;
// receiving acts on the to site's, so it needs the to site; reading needs either.
#include <downstream/validation.h>

#include <algorithm>

#include "module_parts.h"
#include "responses.h"
#include "transfers.h"

namespace downstream::inventory_module {
namespace {

json::Value transfer_json(const Transfer& t) {
  json::Array lines;
  for (const auto& l : t.lines)
    lines.push_back(json::Object{{"line", l.line},
                                 {"sku", l.sku},
                                 {"lot", l.lot.empty() ? json::Value(nullptr) : json::Value(l.lot)},
                                 {"quantity", decimal_json(l.quantity)},
                                 {"received", decimal_json(l.received)},
                                 {"lost", decimal_json(l.lost)},
                                 {"in_transit", decimal_json(t.state == "draft" || t.state == "cancelled"
                                                                 ? Decimal()
                                                                 : l.in_transit())},
                                 {"loss_reason", l.loss_reason},
                                 {"from_location", l.from_location},
                                 {"to_location", l.to_location}});
  auto opt = [](const std::optional<std::string>& s) { return s ? json::Value(*s) : json::Value(nullptr); };
  return json::Object{{"number", t.number},         {"from_site", t.from_site},
                      {"to_site", t.to_site},       {"state", t.state},
                      {"created_at", t.created_at}, {"shipped_at", opt(t.shipped_at)},
                      {"closed_at", opt(t.closed_at)}, {"lines", std::move(lines)}};
}

http::Response transfer_answer(int status, const Transfer& t) {
  auto r = json_response(status, transfer_json(t));
  if (status == 201) r.headers.emplace_back("Location", "/api/v1/transfers/" + t.number);
  return r;
}

std::optional<CalendarDay> read_day(http::RequestReader& body, std::string_view field) {
  auto text = body.optional_string(field);
  if (!text) return std::nullopt;
  auto day = parse_calendar_day(*text);
  if (!day) body.add_error(field, "must be a date in the form YYYY-MM-DD");
  return day;
}

TransferPlan read_plan(const http::Request& request) {
  http::RequestReader body(http::parse_body(request.body));
  TransferPlan plan;
  plan.from_site = body.required_string("from_site");
  plan.to_site = body.required_string("to_site");
  plan.ship_date = read_day(body, "ship_date");
  plan.arrival_date = read_day(body, "arrival_date");
  for (auto& line : body.required_array("lines", 1)) {
    TransferLineInput in;
    in.sku = line.required_string("sku");
    in.quantity = line.required_quantity("quantity");
    in.lot = line.optional_string("lot");
    plan.lines.push_back(std::move(in));
  }
  body.finish();
  return plan;
}

// No body, or one without lines: everything still in transit arrives.
std::optional<std::vector<ReceiptLine>> read_receipt(const http::Request& request) {
  if (std::all_of(request.body.begin(), request.body.end(), [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }))
    return std::nullopt;
  http::RequestReader body(http::parse_body(request.body));
  if (!body.object().contains("lines")) return std::nullopt;
  std::vector<ReceiptLine> lines;
  for (auto& line : body.required_array("lines", 1)) {
    ReceiptLine r;
    r.line = line.required_int("line");
    r.quantity = line.required_quantity("quantity", http::Sign::non_negative);
    r.lost = line.optional_quantity("lost", http::Sign::non_negative).value_or(Decimal());
    r.loss_reason = line.optional_string("loss_reason").value_or("");
    lines.push_back(std::move(r));
  }
  body.finish();
  return lines;
}

constexpr const char* kCreateSchema = R"({"type":"object","required":["from_site","to_site","lines"],"properties":{
  "from_site":{"type":"string"},"to_site":{"type":"string"},
  "ship_date":{"type":"string","format":"date","description":"when the goods are planned to leave; default today"},
  "arrival_date":{"type":"string","format":"date","description":"when they are planned to arrive; default ship_date"},
  "lines":{"type":"array","minItems":1,"items":{"type":"object","required":["sku","quantity"],"properties":{
    "sku":{"type":"string"},"quantity":{"type":"string","description":"decimal > 0"},"lot":{"type":"string"}}}}}})";

constexpr const char* kReceiveSchema = R"({"type":"object","properties":{
  "lines":{"type":"array","minItems":1,"description":"absent: everything still in transit arrives",
  "items":{"type":"object","required":["line","quantity"],"properties":{
    "line":{"type":"integer"},"quantity":{"type":"string","description":"arrived in good order, >= 0"},
    "lost":{"type":"string","description":"found missing or broken, >= 0; written off to adjustment"},
    "loss_reason":{"type":"string","description":"required when lost > 0"}}}}}})";

constexpr const char* kTransferSchema = R"({"type":"object","properties":{
  "number":{"type":"string"},"from_site":{"type":"string"},"to_site":{"type":"string"},
  "state":{"enum":["draft","shipped","partially_received","received","cancelled"]},
  "created_at":{"type":"string"},"shipped_at":{"type":["string","null"]},"closed_at":{"type":["string","null"]},
  "lines":{"type":"array","items":{"type":"object","properties":{"line":{"type":"integer"},"sku":{"type":"string"},
    "lot":{"type":["string","null"]},"quantity":{"type":"string"},"received":{"type":"string"},
    "lost":{"type":"string"},"in_transit":{"type":"string"},"loss_reason":{"type":"string"},
    "from_location":{"type":"string"},"to_location":{"type":"string"}}}}}})";

}  // namespace

void register_transfers(ModuleParts& parts) {
  auto& routes = parts.ctx.routes();
  auto& ledger = parts.ledger;

  routes.add({http::Method::post, "/api/v1/transfers", http::Role::operator_,
              "Plan a transfer between two sites (draft: outgoing at one, incoming at the other)", kCreateSchema,
              kTransferSchema, [&ledger](const http::Request& request, db::Transaction& tx) {
                auto plan = read_plan(request);
                require_site_access(request, plan.from_site);
                return transfer_answer(201, create_transfer(tx, ledger, plan));
              }});

  routes.add({http::Method::get, "/api/v1/transfers/{number}", http::Role::viewer, "A transfer with its lines", "",
              kTransferSchema, [](const http::Request& request, db::Transaction& tx) {
                auto t = load_transfer(tx, request.path_params.at("number"));
                try {
                  require_site_access(request, t.from_site);
                } catch (const http::Problem&) {
                  require_site_access(request, t.to_site);
                }
                return transfer_answer(200, t);
              }});

  routes.add({http::Method::post, "/api/v1/transfers/{number}/ship", http::Role::operator_,
              "Ship a draft transfer: its lines leave the from site's storage for transit", "", kTransferSchema,
              [&ledger](const http::Request& request, db::Transaction& tx) {
                const auto& number = request.path_params.at("number");
                require_site_access(request, load_transfer(tx, number).from_site);
                return transfer_answer(200, ship_transfer(tx, ledger, number));
              }});

  routes.add({http::Method::post, "/api/v1/transfers/{number}/receive", http::Role::operator_,
              "Receive a shipped transfer, in full or in part; a shortfall is recorded as a loss with a reason",
              kReceiveSchema, kTransferSchema, [&ledger](const http::Request& request, db::Transaction& tx) {
                const auto& number = request.path_params.at("number");
                auto receipt = read_receipt(request);
                require_site_access(request, load_transfer(tx, number).to_site);
                return transfer_answer(200, receive_transfer(tx, ledger, number, receipt));
              }});

  routes.add({http::Method::post, "/api/v1/transfers/{number}/cancel", http::Role::operator_,
              "Cancel a draft transfer (a shipped one cannot be cancelled)", "", kTransferSchema,
              [&ledger](const http::Request& request, db::Transaction& tx) {
                const auto& number = request.path_params.at("number");
                require_site_access(request, load_transfer(tx, number).from_site);
                return transfer_answer(200, cancel_transfer(tx, ledger, number));
              }});
}

}  // namespace downstream::inventory_module
