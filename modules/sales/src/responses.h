#pragma once
// The module's HTTP conventions in one place: quantities and money as decimal
// strings in JSON and raw integers in SQL, JSON answers, and the site scope of a key.
#include <downstream/domain/decimal.h>
#include <downstream/domain/money.h>
#include <downstream/http.h>
#include <downstream/http_answers.h>
#include <downstream/json.h>
#include <downstream/problem.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace downstream::sales_module {

// "12.5" for a raw 12500000: how quantities travel in JSON (DOMAIN-RULES.md).
inline json::Value decimal_json(std::int64_t raw) { return json::Value(Decimal::from_raw(raw).to_string()); }
// {"amount": "50.00", "currency": "EUR"}
json::Value money_json(std::int64_t minor, const std::string& currency);

// The SDK's (downstream/http_answers.h): a JSON answer, and a key's site scope.
using http::json_response;
using http::require_site_access;


// 409 naming the document, its state and what the state allows.
[[noreturn]] void state_conflict(const std::string& document, const std::string& state, const std::string& allowed);

}  // namespace downstream::sales_module
