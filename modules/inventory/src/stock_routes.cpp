// The stock area: the ledger's invariant checks (CLI and HTTP) and its routes.
#include "stock_routes.h"

#include <downstream/problem.h>

#include "ledger_check.h"
#include "responses.h"

namespace downstream::inventory_module {

namespace {

constexpr const char* kCheckSchema =
    R"({"type":"object","properties":{"ok":{"type":"boolean"},"checks":{"type":"array","items":{"type":"object",)"
    R"("properties":{"name":{"type":"string"},"violations":{"type":"array","items":{"type":"string"}}}}}}})";

http::Response run_checks(db::Transaction& tx) {
  json::Array checks;
  json::Array violations;
  for (const auto& c : ledger_invariants()) {
    json::Array found;
    for (auto& v : c.run(tx)) {
      violations.push_back(v);
      found.push_back(std::move(v));
    }
    checks.push_back(json::Object{{"name", c.name}, {"violations", std::move(found)}});
  }
  if (violations.empty()) return json_response(200, json::Object{{"ok", true}, {"checks", std::move(checks)}});
  auto count = violations.size();
  auto body = http::Problem(409, http::problem_type("inventory/ledger-inconsistent"), "Ledger invariants violated",
                            std::to_string(count) + " violation" + (count == 1 ? "" : "s") +
                                " of the ledger's invariants; see violations")
                  .to_json();
  body["ok"] = false;
  body["violations"] = std::move(violations);
  body["checks"] = std::move(checks);
  auto r = json_response(409, body);
  r.content_type = std::string(http::kProblemContentType);
  return r;
}

}  // namespace

std::vector<std::string> visible_sites(const http::Request& request, const std::string& asked) {
  if (!asked.empty()) {
    require_site_access(request, asked);
    return {asked};
  }
  return request.sites;
}

void register_stock(ModuleParts& parts) {
  for (auto& check : ledger_invariants()) parts.ctx.commands().add_check(std::move(check));
  parts.ctx.routes().add({http::Method::get, "/api/v1/inventory/check", http::Role::admin,
                          "Prove the stock ledger's invariants (as `downstream check`); 409 lists each violation", "",
                          kCheckSchema, [](const http::Request&, db::Transaction& tx) { return run_checks(tx); }});
  add_availability_routes(parts);
  add_move_routes(parts);
  add_reservation_routes(parts);
}

}  // namespace downstream::inventory_module
