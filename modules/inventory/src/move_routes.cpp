// The ledger over HTTP: moves read page by page, and a done move posted by hand
// (put-away, relocation, an adjustment with its reason).
#include <downstream/error.h>
#include <downstream/problem.h>
#include <downstream/validation.h>

#include <charconv>

#include "responses.h"
#include "stock_routes.h"

namespace downstream::inventory_module {

namespace {

constexpr std::int64_t kDefaultPage = 100;
constexpr std::int64_t kMaxPage = 1000;

constexpr const char* kMoveSelect =
    "SELECT m.id, p.sku, lt.code, m.quantity, f.site, f.code, t.site, t.code, m.state, m.planned_at, m.done_at, "
    "m.doc_type, m.doc_id, m.doc_line, m.reason, m.created_at, p.unit FROM inv_move m "
    "JOIN inv_product p ON p.id = m.product_id JOIN inv_location f ON f.id = m.from_location "
    "JOIN inv_location t ON t.id = m.to_location LEFT JOIN inv_lot lt ON lt.id = m.lot_id ";

std::string label(const std::string& site, const std::string& code) { return site.empty() ? code : site + "/" + code; }

json::Object move_json(const db::Row& r) {
  auto opt = [](const std::optional<std::string>& v) { return v ? json::Value(*v) : json::Value(); };
  return json::Object{{"id", r.get_int(0)},
                      {"sku", r.get_text(1)},
                      {"lot", opt(r.opt_text(2))},
                      {"quantity", decimal_json(r.get_int(3))},
                      {"unit", r.get_text(16)},
                      {"from", label(r.get_text(4), r.get_text(5))},
                      {"to", label(r.get_text(6), r.get_text(7))},
                      {"state", r.get_text(8)},
                      {"planned_at", r.get_text(9)},
                      {"done_at", opt(r.opt_text(10))},
                      {"document", json::Object{{"type", r.get_text(11)}, {"id", r.get_text(12)}, {"line", r.get_text(13)}}},
                      {"reason", r.get_text(14)},
                      {"created_at", r.get_text(15)}};
}

std::optional<std::int64_t> int_param(const http::Request& rq, const std::string& name,
                                      std::vector<http::FieldError>& errors) {
  auto it = rq.query.find(name);
  if (it == rq.query.end() || it->second.empty()) return std::nullopt;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || p != it->second.data() + it->second.size() || v < 0) {
    errors.push_back({name, "must be a whole number of at least 0"});
    return std::nullopt;
  }
  return v;
}

http::Response list_moves(StockLedger& ledger, const http::Request& rq, db::Transaction& tx) {
  std::vector<http::FieldError> errors;
  auto after = int_param(rq, "after", errors).value_or(0);
  auto limit = int_param(rq, "limit", errors).value_or(kDefaultPage);
  if (limit < 1 || limit > kMaxPage) errors.push_back({"limit", "must be between 1 and " + std::to_string(kMaxPage)});
  std::string sql = std::string(kMoveSelect) + "WHERE m.id > ?";
  db::Params params{after};
  auto param = [&](const char* name) {
    auto it = rq.query.find(name);
    return it == rq.query.end() ? std::string() : it->second;
  };
  if (auto sku = param("product"); !sku.empty()) {
    auto product = ledger.find_product(tx, sku);
    if (!product) errors.push_back({"product", "names no known product ('" + sku + "')"});
    else {
      sql += " AND m.product_id = ?";
      params.emplace_back(product->id);
    }
  }
  if (auto doc = param("document"); !doc.empty()) {
    sql += " AND m.doc_id = ?";
    params.emplace_back(doc);
  }
  if (auto type = param("document_type"); !type.empty()) {
    sql += " AND m.doc_type = ?";
    params.emplace_back(type);
  }
  auto sites = visible_sites(rq, param("site"));
  if (!sites.empty()) {
    std::string marks;
    for (std::size_t i = 0; i < sites.size(); ++i) marks += i ? ", ?" : "?";
    sql += " AND (f.site IN (" + marks + ") OR t.site IN (" + marks + "))";
    for (int twice = 0; twice < 2; ++twice)
      for (const auto& s : sites) params.emplace_back(s);
  }
  if (!errors.empty()) throw http::Problem::validation(errors);
  sql += " ORDER BY m.id LIMIT ?";
  params.emplace_back(limit + 1);  // one more tells whether another page follows

  auto rows = tx.query(sql, params);
  json::Array moves;
  json::Value next;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (static_cast<std::int64_t>(i) == limit) {
      next = json::Value(rows[i - 1].get_int(0));
      break;
    }
    moves.push_back(move_json(rows[i]));
  }
  return json_response(200, json::Object{{"moves", std::move(moves)}, {"next_after", next}});
}

http::Response post_move(StockLedger& ledger, const http::Request& rq, db::Transaction& tx) {
  http::RequestReader body(http::parse_body(rq.body));
  auto sku = body.required_string("sku");
  auto quantity = body.required_quantity("quantity");
  auto from_label = body.required_string("from");
  auto to_label = body.required_string("to");
  auto lot = body.optional_string("lot");
  auto reason = body.optional_string("reason").value_or("");
  DocumentLine document{"manual", "", ""};
  if (auto doc = body.optional_object("document")) {
    document.type = doc->required_string("type");
    document.id = doc->required_string("id");
    document.line = doc->optional_string("line").value_or("");
  }

  std::optional<Product> product;
  if (!sku.empty()) {
    product = ledger.find_product(tx, sku);
    if (!product) body.add_error("sku", "names no known product ('" + sku + "')");
  }
  auto locate = [&](const char* field, const std::string& text) -> std::optional<Location> {
    if (text.empty()) return std::nullopt;
    try {
      return ledger.location(tx, text);
    } catch (const InvalidValue& e) {
      body.add_error(field, e.what());
      return std::nullopt;
    }
  };
  auto from = locate("from", from_label);
  auto to = locate("to", to_label);
  if (from && to && from->id == to->id) body.add_error("to", "must differ from 'from' ('" + to->label() + "')");
  if (to && !to->active) body.add_error("to", "location '" + to->label() + "' is inactive");
  if (((from && from->kind == "adjustment") || (to && to->kind == "adjustment")) && reason.empty())
    body.add_error("reason", "is required for a move to or from adjustment");
  std::int64_t lot_id = 0;
  if (product) {
    try {
      lot_id = ledger.lot_id(tx, *product, lot, from && !from->physical);
    } catch (const InvalidValue& e) {
      body.add_error("lot", e.what());
    }
  }
  body.finish();

  for (const auto* l : {&*from, &*to})
    if (l->physical) require_site_access(rq, l->site);
  auto id = ledger.move_done(tx, *product, lot_id, quantity, *from, *to, document, reason);
  auto row = tx.query_one(std::string(kMoveSelect) + "WHERE m.id = ?", {id});
  return json_response(201, move_json(*row));
}

constexpr const char* kMoveSchema =
    R"({"type":"object","properties":{"id":{"type":"integer"},"sku":{"type":"string"},"lot":{"type":["string","null"]},)"
    R"("quantity":{"type":"string"},"unit":{"type":"string"},"from":{"type":"string"},"to":{"type":"string"},)"
    R"("state":{"type":"string","enum":["draft","reserved","done","cancelled"]},"planned_at":{"type":"string"},)"
    R"("done_at":{"type":["string","null"]},"document":{"type":"object"},"reason":{"type":"string"},)"
    R"("created_at":{"type":"string"}}})";

}  // namespace

void add_move_routes(ModuleParts& parts) {
  auto& ledger = parts.ledger;
  parts.ctx.routes().add(
      {http::Method::get, "/api/v1/moves", http::Role::viewer,
       "Moves in id order, filtered by ?product=SKU&site=S&document=ID&document_type=T; paged by ?after=ID&limit=N "
       "(default 100)",
       "",
       std::string(R"({"type":"object","properties":{"moves":{"type":"array","items":)") + kMoveSchema +
           R"(},"next_after":{"type":["integer","null"]}}})",
       [&ledger](const http::Request& rq, db::Transaction& tx) { return list_moves(ledger, rq, tx); }});
  parts.ctx.routes().add(
      {http::Method::post, "/api/v1/moves", http::Role::operator_,
       "A done move between two locations (\"SITE/code\" or supplier, customer, adjustment); never takes a physical "
       "location below zero",
       R"({"type":"object","required":["sku","quantity","from","to"],"properties":{"sku":{"type":"string"},)"
       R"("quantity":{"type":"string"},"from":{"type":"string"},"to":{"type":"string"},"lot":{"type":"string"},)"
       R"("reason":{"type":"string"},"document":{"type":"object","properties":{"type":{"type":"string"},)"
       R"("id":{"type":"string"},"line":{"type":"string"}}}}})",
       kMoveSchema,
       [&ledger](const http::Request& rq, db::Transaction& tx) { return post_move(ledger, rq, tx); }});
}

}  // namespace downstream::inventory_module
