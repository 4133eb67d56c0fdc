// Customers over HTTP: the host ERP upserts them by its own reference.
#include <downstream/validation.h>

#include "customers.h"
#include "responses.h"
#include "sales_office.h"

namespace downstream::sales_module {

namespace {

constexpr const char* kCustomerSchema =
    R"({"type":"object","properties":{"ref":{"type":"string"},"name":{"type":"string"},)"
    R"("channel":{"type":"string","enum":["web","retail","wholesale","marketplace"]},"country":{"type":"string"},)"
    R"("region":{"type":"string"},"addresses":{"type":"array","items":{"type":"object"}},"updated_at":{"type":"string"}}})";

json::Value customer_json(const Customer& c) {
  return json::Object{{"ref", c.ref},         {"name", c.name},     {"channel", c.channel},
                      {"country", c.country}, {"region", c.region}, {"addresses", json::parse(c.addresses_json)},
                      {"updated_at", c.updated_at}};
}

http::Response put_customer(const Clock& clock, const http::Request& rq, db::Transaction& tx) {
  http::RequestReader body(http::parse_body(rq.body));
  Customer c;
  c.ref = rq.path_params.at("ref");
  c.name = body.required_string("name");
  c.channel = body.enum_of("channel", {"web", "retail", "wholesale", "marketplace"});
  c.country = body.optional_string("country").value_or("");
  c.region = body.optional_string("region").value_or("");
  json::Array addresses;
  for (auto& a : body.optional_array("addresses")) {
    json::Object address;
    for (const char* field : {"name", "street", "postcode", "city"})
      if (auto v = a.optional_string(field)) address[field] = *v;
    auto country = a.required_string("country");
    if (!country.empty() && country.size() != 2) a.add_error("country", "must be an ISO 3166-1 alpha-2 code (\"DE\")");
    address["country"] = country;
    address["region"] = a.optional_string("region").value_or("");
    addresses.push_back(std::move(address));
  }
  if (c.country.empty() && !addresses.empty()) c.country = addresses.front().as_object().at("country").as_string();
  if (c.region.empty() && !addresses.empty()) c.region = addresses.front().as_object().at("region").as_string();
  if (!c.country.empty() && c.country.size() != 2) body.add_error("country", "must be an ISO 3166-1 alpha-2 code (\"DE\")");
  body.finish();
  c.addresses_json = json::Value(std::move(addresses)).dump();
  c.updated_at = format_timestamp(clock.now());
  bool created = upsert_customer(tx, c);
  return json_response(created ? 201 : 200, customer_json(*find_customer(tx, c.ref)));
}

}  // namespace

void add_customer_routes(http::RouteRegistry& routes, const Clock& clock) {
  routes.add({http::Method::put, "/api/v1/customers/{ref}", http::Role::operator_,
              "Create or update a customer by the host ERP's reference (201 created, 200 updated); the region of the "
              "first address is the customer's region unless `region` is given",
              R"({"type":"object","required":["name","channel"],"properties":{"name":{"type":"string"},)"
              R"("channel":{"type":"string","enum":["web","retail","wholesale","marketplace"]},)"
              R"("country":{"type":"string"},"region":{"type":"string"},"addresses":{"type":"array","items":)"
              R"({"type":"object","required":["country"],"properties":{"name":{"type":"string"},"street":{"type":"string"},)"
              R"("postcode":{"type":"string"},"city":{"type":"string"},"country":{"type":"string"},"region":{"type":"string"}}}}}})",
              kCustomerSchema,
              [&clock](const http::Request& rq, db::Transaction& tx) { return put_customer(clock, rq, tx); }});
  routes.add({http::Method::get, "/api/v1/customers/{ref}", http::Role::viewer, "One customer", "", kCustomerSchema,
              [](const http::Request& rq, db::Transaction& tx) {
                auto c = find_customer(tx, rq.path_params.at("ref"));
                if (!c) throw http::Problem::not_found("customer '" + rq.path_params.at("ref") + "'");
                return json_response(200, customer_json(*c));
              }});
}

}  // namespace downstream::sales_module
