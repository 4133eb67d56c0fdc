#pragma once
// Reading a request body into domain values while collecting every invalid
// field, so a client learns all its mistakes from one 422 instead of one per
// round trip.
//
//   http::RequestReader body(http::parse_body(request.body));
//   auto customer = body.required_string("customer");
//   auto channel = body.enum_of("channel", {"web", "retail"});
//   for (auto& line : body.required_array("lines", 1)) {
//     auto sku = line.required_string("sku");
//     auto quantity = line.required_quantity("quantity");  // > 0
//   }
//   body.finish();  // throws Problem::validation listing every field error
//
// Field paths: member names joined by "." with zero-based array indexes in
// brackets, relative to the body: "customer", "lines[2].quantity",
// "delivery.address.city". Names are written as they are, unescaped.
//
// After an error a read returns an empty or zero value and carries on; the
// values are only to be used once finish() has returned.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <downstream/domain/decimal.h>
#include <downstream/domain/money.h>
#include <downstream/export.h>
#include <downstream/json.h>
#include <downstream/problem.h>

namespace downstream::http {

// The JSON object a request body must be: throws Problem::bad_request (400)
// naming line and column when the text is not JSON, Problem::unprocessable
// (422) when it is JSON but not an object.
DOWNSTREAM_API json::Object parse_body(std::string_view text);

// Which signs a decimal read accepts.
enum class Sign { any, positive, non_negative };

// One object of a request body (the body itself, or one nested in it), read
// field by field. Readers for nested objects and array elements share their
// parent's error list, so finish() on any of them reports them all.
//
// Decimals (quantities, amounts) are accepted as JSON numbers or as strings
// holding one ("12.5" or 12.5), exactly either way; integers only as numbers.
// A missing member and a null one are the same.
class DOWNSTREAM_API RequestReader {
public:
  explicit RequestReader(json::Object body);

  // Present, a string and not empty (and without NUL, which no database column takes).
  std::string required_string(std::string_view field);
  std::optional<std::string> optional_string(std::string_view field);
  // A required string that is one of `allowed`.
  std::string enum_of(std::string_view field, std::initializer_list<std::string_view> allowed);

  std::int64_t required_int(std::string_view field);
  std::optional<std::int64_t> optional_int(std::string_view field);

  // An amount of a product, at most Decimal::kScaleDigits decimal places.
  // Positive unless asked otherwise: a zero or negative line quantity is
  // almost always a mistake, and adjustments say Sign::any explicitly.
  Decimal required_quantity(std::string_view field, Sign sign = Sign::positive);
  std::optional<Decimal> optional_quantity(std::string_view field, Sign sign = Sign::positive);
  // An amount in `currency`, with no more decimal places than it has ("50.00" in EUR).
  // Not negative unless asked otherwise.
  Money required_money(std::string_view field, Currency currency, Sign sign = Sign::non_negative);
  // An ISO 4217 code ("EUR").
  Currency required_currency(std::string_view field);

  // One reader per element, in order; an element that is not an object is
  // reported and read as an empty object that reports nothing further.
  std::vector<RequestReader> required_array(std::string_view field, std::size_t min_items = 0);
  std::vector<RequestReader> optional_array(std::string_view field);
  // A nested object; when it is missing or not an object, the error is
  // reported once and the returned reader reports nothing further.
  RequestReader required_object(std::string_view field);
  std::optional<RequestReader> optional_object(std::string_view field);

  // A rule of the caller's own ("must be after order_date"), with the same path rules.
  void add_error(std::string_view field, std::string message);
  // The full path of a member of this reader's object.
  std::string path(std::string_view field) const;

  // The object being read, for what the reads above do not cover.
  const json::Object& object() const { return *object_; }
  const std::vector<FieldError>& errors() const;
  bool has_errors() const { return !errors().empty(); }
  // Throws Problem::validation with every error collected so far, if any.
  void finish() const;

private:
  struct Shared;
  RequestReader(std::shared_ptr<Shared> shared, const json::Object* object, std::string prefix, bool detached);
  // The member, or nullptr after reporting `is required` (if `required`).
  const json::Value* member(std::string_view field, bool required);
  RequestReader nested(std::string path, const json::Value& value);
  RequestReader detached() const;
  std::optional<std::int64_t> scaled(std::string_view field, const json::Value& v, int digits, std::string_view places);

  std::shared_ptr<Shared> shared_;
  const json::Object* object_;
  std::string prefix_;
  bool detached_ = false;  // an invalid part already reported: reads report nothing
};

}  // namespace downstream::http
