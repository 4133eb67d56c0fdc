// Sites and their locations, read-only: they change through config/sites.d and
// `downstream config apply`, never through the API.
#include <algorithm>

#include "responses.h"
#include "site_parts.h"

namespace downstream::inventory_module {

namespace {

constexpr const char* kSiteSchema =
    R"({"type":"object","properties":{"code":{"type":"string"},"name":{"type":"string"},)"
    R"("kind":{"type":"string","enum":["warehouse","store","distribution_centre"]},"timezone":{"type":"string"},)"
    R"("address":{"type":"string"},"active":{"type":"boolean"}}})";

constexpr const char* kSiteColumns = "SELECT code, name, kind, timezone, address, active FROM inv_site";

json::Object site_json(const db::Row& r) {
  return json::Object{{"code", r.get_text(0)},     {"name", r.get_text(1)},    {"kind", r.get_text(2)},
                      {"timezone", r.get_text(3)}, {"address", r.get_text(4)}, {"active", r.get_int(5) != 0}};
}

// Byte order on both databases, so lists come in the same order everywhere.
std::string by_code(db::Transaction& tx, const std::string& column) {
  return tx.dialect() == db::Dialect::postgresql ? column + " COLLATE \"C\"" : column;
}

std::optional<db::Row> site_row(db::Transaction& tx, const std::string& code) {
  return tx.query_one(std::string(kSiteColumns) + " WHERE code = ?", {code});
}

}  // namespace

void add_site_routes(ModuleParts& parts) {
  auto& routes = parts.ctx.routes();

  routes.add({http::Method::get, "/api/v1/sites", http::Role::viewer, "The sites this key may see, by code", "",
              std::string(R"({"type":"object","properties":{"items":{"type":"array","items":)") + kSiteSchema + "}}}",
              [](const http::Request& rq, db::Transaction& tx) {
                json::Array items;
                for (const auto& r : tx.query(std::string(kSiteColumns) + " ORDER BY " + by_code(tx, "code"))) {
                  auto code = r.get_text(0);
                  if (!rq.sites.empty() && std::find(rq.sites.begin(), rq.sites.end(), code) == rq.sites.end())
                    continue;
                  items.push_back(site_json(r));
                }
                return json_response(200, json::Object{{"items", items}});
              }});

  routes.add({http::Method::get, "/api/v1/sites/{site}", http::Role::viewer, "One site", "", kSiteSchema,
              [](const http::Request& rq, db::Transaction& tx) {
                const auto& code = rq.path_params.at("site");
                auto r = site_row(tx, code);
                if (!r) not_found("site '" + code + "'");
                return json_response(200, site_json(*r));
              }});

  routes.add({http::Method::get, "/api/v1/sites/{site}/locations", http::Role::viewer,
              "The site's locations by path, deactivated ones included (active false)", "",
              R"({"type":"object","properties":{"site":{"type":"string"},"items":{"type":"array","items":)"
              R"({"type":"object","properties":{"code":{"type":"string"},"label":{"type":"string"},)"
              R"("name":{"type":"string"},"kind":{"type":"string"},"parent":{"type":["string","null"]},)"
              R"("active":{"type":"boolean"}}}}}})",
              [](const http::Request& rq, db::Transaction& tx) {
                const auto& code = rq.path_params.at("site");
                if (!site_row(tx, code)) not_found("site '" + code + "'");
                json::Array items;
                for (const auto& r : tx.query("SELECT l.code, l.name, l.kind, p.code, l.active FROM inv_location l "
                                              "LEFT JOIN inv_location p ON p.id = l.parent_id "
                                              "WHERE l.site = ? AND l.physical = 1 ORDER BY " +
                                                  by_code(tx, "l.code"),
                                              {code})) {
                  auto parent = r.opt_text(3);
                  items.push_back(json::Object{{"code", r.get_text(0)},
                                               {"label", code + "/" + r.get_text(0)},
                                               {"name", r.get_text(1)},
                                               {"kind", r.get_text(2)},
                                               {"parent", parent ? json::Value(*parent) : json::Value(nullptr)},
                                               {"active", r.get_int(4) != 0}});
                }
                return json_response(200, json::Object{{"site", code}, {"items", items}});
              }});
}

}  // namespace downstream::inventory_module
