// Reservations over HTTP, for an ERP that holds stock for its own documents
// without a sales module: reserve for a document line, release it again.
#include <downstream/error.h>
#include <downstream/problem.h>
#include <downstream/validation.h>

#include "responses.h"
#include "stock_routes.h"

namespace downstream::inventory_module {

namespace {

DocumentLine read_document(http::RequestReader& body) {
  DocumentLine d;
  auto doc = body.required_object("document");
  d.type = doc.required_string("type");
  d.id = doc.required_string("id");
  d.line = doc.optional_string("line").value_or("");
  return d;
}

http::Response post_reservation(StockLedger& ledger, const http::Request& rq, db::Transaction& tx) {
  http::RequestReader body(http::parse_body(rq.body));
  auto site = body.required_string("site");
  auto sku = body.required_string("sku");
  auto quantity = body.required_quantity("quantity");
  auto lot = body.optional_string("lot");
  auto document = read_document(body);
  std::optional<Product> product;
  if (!sku.empty()) {
    product = ledger.find_product(tx, sku);
    if (!product) body.add_error("sku", "names no known product ('" + sku + "')");
  }
  if (!site.empty()) {
    try {
      ledger.require_site(tx, site);
    } catch (const InvalidValue& e) {
      body.add_error("site", e.what());
    }
  }
  std::optional<std::int64_t> lot_id;
  if (product && lot) {
    try {
      lot_id = ledger.lot_id(tx, *product, lot);
    } catch (const InvalidValue& e) {
      body.add_error("lot", e.what());
    }
  }
  body.finish();
  require_site_access(rq, site);

  auto r = ledger.reserve(tx, site, *product, quantity, document, lot_id);
  if (r.reserved.is_zero())
    throw http::Problem(409, http::problem_type("inventory/insufficient-stock"), "Not enough stock",
                        "nothing of " + sku + " is available to reserve at " + site + " (asked " +
                            quantity.to_string() + "); nothing was reserved");
  return json_response(201, reservation_json(r));
}

http::Response post_release(StockLedger& ledger, const http::Request& rq, db::Transaction& tx) {
  http::RequestReader body(http::parse_body(rq.body));
  auto document = read_document(body);
  body.finish();
  for (const auto& row : tx.query("SELECT DISTINCT site FROM inv_reservation WHERE doc_type = ? AND doc_id = ? "
                                  "AND doc_line = ? AND state = 'open'",
                                  {document.type, document.id, document.line}))
    require_site_access(rq, row.get_text(0));
  auto released = ledger.release(tx, document);
  return json_response(200, json::Object{{"document", json::Object{{"type", document.type},
                                                                   {"id", document.id},
                                                                   {"line", document.line}}},
                                         {"released", decimal_json(released)}});
}

constexpr const char* kDocumentSchema =
    R"({"type":"object","required":["type","id"],"properties":{"type":{"type":"string"},"id":{"type":"string"},)"
    R"("line":{"type":"string"}}})";

}  // namespace

json::Object reservation_json(const inventory::Reservation& r) {
  json::Array pieces;
  for (const auto& p : r.pieces)
    pieces.push_back(json::Object{{"id", p.reservation_id},
                                  {"location", p.location},
                                  {"lot", p.lot.empty() ? json::Value() : json::Value(p.lot)},
                                  {"quantity", decimal_json(p.quantity)}});
  return json::Object{{"requested", decimal_json(r.requested)},
                      {"reserved", decimal_json(r.reserved)},
                      {"missing", decimal_json(r.missing())},
                      {"complete", r.complete()},
                      {"pieces", std::move(pieces)}};
}

void add_reservation_routes(ModuleParts& parts) {
  auto& ledger = parts.ledger;
  parts.ctx.routes().add(
      {http::Method::post, "/api/v1/reservations", http::Role::operator_,
       "Reserve stock at a site for a document line (FEFO for lots, else FIFO); a partial reservation is reported, "
       "none at all is a 409",
       std::string(R"({"type":"object","required":["site","sku","quantity","document"],"properties":{)") +
           R"("site":{"type":"string"},"sku":{"type":"string"},"quantity":{"type":"string"},"lot":{"type":"string"},)" +
           R"("document":)" + kDocumentSchema + "}}",
       R"({"type":"object","properties":{"requested":{"type":"string"},"reserved":{"type":"string"},)"
       R"("missing":{"type":"string"},"complete":{"type":"boolean"},"pieces":{"type":"array","items":{"type":"object"}}}})",
       [&ledger](const http::Request& rq, db::Transaction& tx) { return post_reservation(ledger, rq, tx); }});
  parts.ctx.routes().add(
      {http::Method::post, "/api/v1/reservations/release", http::Role::operator_,
       "Release what is still reserved for a document line; answers the quantity released",
       std::string(R"({"type":"object","required":["document"],"properties":{"document":)") + kDocumentSchema + "}}",
       R"({"type":"object","properties":{"document":{"type":"object"},"released":{"type":"string"}}})",
       [&ledger](const http::Request& rq, db::Transaction& tx) { return post_release(ledger, rq, tx); }});
}

}  // namespace downstream::inventory_module
