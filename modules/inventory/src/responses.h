#pragma once
// The module's HTTP conventions in one place: quantities as decimal strings in
// JSON and raw millionths in SQL, JSON answers, and the site scope of a key.
#include <downstream/domain/decimal.h>
#include <downstream/http.h>
#include <downstream/http_answers.h>
#include <downstream/json.h>
#include <downstream/problem.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace downstream::inventory_module {

// "12.5" for a raw 12500000: how quantities travel in JSON (DOMAIN-RULES.md).
inline std::string decimal_text(std::int64_t raw) { return Decimal::from_raw(raw).to_string(); }
inline json::Value decimal_json(Decimal d) { return json::Value(d.to_string()); }
inline json::Value decimal_json(std::int64_t raw) { return json::Value(decimal_text(raw)); }

// The SDK's (downstream/http_answers.h): a JSON answer, and a key's site scope.
using http::json_response;
using http::require_site_access;


// 404 problem naming the thing: not_found("product 'X'").
[[noreturn]] void not_found(const std::string& what);

}  // namespace downstream::inventory_module
