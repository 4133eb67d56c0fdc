#include "responses.h"

namespace downstream::sales_module {

json::Value money_json(std::int64_t minor, const std::string& currency) {
  return json::Object{{"amount", Money(minor, Currency::of(currency)).amount_string()}, {"currency", currency}};
}

void state_conflict(const std::string& document, const std::string& state, const std::string& allowed) {
  throw http::Problem::conflict(document + " is " + state + "; " + allowed + "; nothing was changed");
}

}  // namespace downstream::sales_module
