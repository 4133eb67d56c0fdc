// RequestReader: request bodies read into domain values, every field error kept.
#include <downstream/validation.h>

#include "json_detail.h"

namespace downstream::http {

json::Object parse_body(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw Problem::bad_request("the request body is empty; expected a JSON object");
  json::Value v;
  try {
    v = json::parse(text);
  } catch (const json::ParseError& e) {
    throw Problem::bad_request(std::string("the request body is not valid JSON: ") + e.what());
  }
  if (!v.is_object())
    throw Problem::unprocessable(std::string("the request body must be a JSON object, not ") +
                                 json::detail::type_name(v.type()));
  return std::move(v.as_object());
}

struct RequestReader::Shared {
  json::Object root;
  std::vector<FieldError> errors;
};

namespace {
const json::Object& empty_object() {
  static const json::Object empty;
  return empty;
}

bool is_number_text(std::string_view s) {
  auto scan = json::detail::scan_number(s);
  return !scan.error && scan.length == s.size();
}
}  // namespace

RequestReader::RequestReader(json::Object body) : shared_(std::make_shared<Shared>()), object_(nullptr) {
  shared_->root = std::move(body);
  object_ = &shared_->root;
}

RequestReader::RequestReader(std::shared_ptr<Shared> shared, const json::Object* object, std::string prefix,
                             bool detached)
    : shared_(std::move(shared)), object_(object), prefix_(std::move(prefix)), detached_(detached) {}

std::string RequestReader::path(std::string_view field) const {
  return prefix_.empty() ? std::string(field) : prefix_ + "." + std::string(field);
}

void RequestReader::add_error(std::string_view field, std::string message) {
  if (!detached_) shared_->errors.push_back({path(field), std::move(message)});
}

const std::vector<FieldError>& RequestReader::errors() const { return shared_->errors; }

void RequestReader::finish() const {
  if (!shared_->errors.empty()) throw Problem::validation(shared_->errors);
}

const json::Value* RequestReader::member(std::string_view field, bool required) {
  if (detached_) return nullptr;
  const json::Value* v = object_->find(field);
  if (v && v->is_null()) v = nullptr;
  if (!v && required) add_error(field, "is required");
  return v;
}

RequestReader RequestReader::detached() const { return RequestReader(shared_, &empty_object(), prefix_, true); }

RequestReader RequestReader::nested(std::string full_path, const json::Value& value) {
  if (!value.is_object()) {
    shared_->errors.push_back({full_path, "must be an object"});
    return RequestReader(shared_, &empty_object(), std::move(full_path), true);
  }
  return RequestReader(shared_, &value.as_object(), std::move(full_path), false);
}

// ---- strings

namespace {
std::optional<std::string> text_of(RequestReader& r, std::string_view field, const json::Value& v, bool required) {
  if (!v.is_string()) {
    r.add_error(field, "must be a string");
    return std::nullopt;
  }
  const std::string& s = v.as_string();
  if (required && s.find_first_not_of(" \t\r\n") == std::string::npos) {
    r.add_error(field, "must not be empty");
    return std::nullopt;
  }
  if (s.find('\0') != std::string::npos) {
    r.add_error(field, "must not contain NUL characters");
    return std::nullopt;
  }
  return s;
}
}  // namespace

std::string RequestReader::required_string(std::string_view field) {
  const json::Value* v = member(field, true);
  return v ? text_of(*this, field, *v, true).value_or("") : std::string();
}

std::optional<std::string> RequestReader::optional_string(std::string_view field) {
  const json::Value* v = member(field, false);
  return v ? text_of(*this, field, *v, false) : std::nullopt;
}

std::string RequestReader::enum_of(std::string_view field, std::initializer_list<std::string_view> allowed) {
  const json::Value* v = member(field, true);
  if (!v) return {};
  auto s = text_of(*this, field, *v, true);
  if (!s) return {};
  for (std::string_view a : allowed)
    if (*s == a) return *s;
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  add_error(field, "must be one of: " + list);
  return {};
}

// ---- numbers

std::optional<std::int64_t> RequestReader::scaled(std::string_view field, const json::Value& v, int digits,
                                                  std::string_view too_precise) {
  std::string_view text;
  if (v.is_number()) {
    text = v.number_text();
  } else if (v.is_string() && is_number_text(v.as_string())) {
    text = v.as_string();
  } else {
    add_error(field, digits == 0 ? "must be a whole number" : "must be a decimal number");
    return std::nullopt;
  }
  std::int64_t out = 0;
  switch (json::detail::scale_number(text, digits, out)) {
    case json::detail::Scaled::ok: return out;
    case json::detail::Scaled::inexact: add_error(field, std::string(too_precise)); return std::nullopt;
    case json::detail::Scaled::out_of_range: break;
  }
  add_error(field, "is out of range");
  return std::nullopt;
}

namespace {
bool sign_allowed(RequestReader& r, std::string_view field, std::int64_t value, Sign sign) {
  if (sign == Sign::positive && value <= 0) {
    r.add_error(field, "must be greater than 0");
    return false;
  }
  if (sign == Sign::non_negative && value < 0) {
    r.add_error(field, "must not be negative");
    return false;
  }
  return true;
}

const std::string& decimal_places() {
  static const std::string text = "must have at most " + std::to_string(Decimal::kScaleDigits) + " decimal places";
  return text;
}
}  // namespace

std::int64_t RequestReader::required_int(std::string_view field) {
  if (!member(field, true)) return 0;
  return optional_int(field).value_or(0);
}

std::optional<std::int64_t> RequestReader::optional_int(std::string_view field) {
  const json::Value* v = member(field, false);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    add_error(field, "must be a whole number");
    return std::nullopt;
  }
  return scaled(field, *v, 0, "must be a whole number");
}

Decimal RequestReader::required_quantity(std::string_view field, Sign sign) {
  const json::Value* v = member(field, true);
  if (!v) return {};
  auto raw = scaled(field, *v, Decimal::kScaleDigits, decimal_places());
  return raw && sign_allowed(*this, field, *raw, sign) ? Decimal::from_raw(*raw) : Decimal();
}

std::optional<Decimal> RequestReader::optional_quantity(std::string_view field, Sign sign) {
  if (!member(field, false)) return std::nullopt;
  return required_quantity(field, sign);
}

Money RequestReader::required_money(std::string_view field, Currency currency, Sign sign) {
  const json::Value* v = member(field, true);
  if (!v) return Money(0, currency);
  int digits = currency.minor_digits();
  std::string too_precise = digits == 0 ? "must be a whole amount in " + currency.code()
                                        : "must have at most " + std::to_string(digits) + " decimal places in " +
                                              currency.code();
  auto minor = scaled(field, *v, digits, too_precise);
  return Money(minor && sign_allowed(*this, field, *minor, sign) ? *minor : 0, currency);
}

Currency RequestReader::required_currency(std::string_view field) {
  const json::Value* v = member(field, true);
  if (!v) return {};
  auto s = text_of(*this, field, *v, true);
  if (!s) return {};
  try {
    return Currency::of(*s);
  } catch (const InvalidValue&) {
    add_error(field, "must be an ISO 4217 currency code such as \"EUR\"");
    return {};
  }
}

// ---- arrays and objects

std::vector<RequestReader> RequestReader::required_array(std::string_view field, std::size_t min_items) {
  const json::Value* v = member(field, true);
  if (!v) return {};
  if (!v->is_array()) {
    add_error(field, "must be an array");
    return {};
  }
  const json::Array& items = v->as_array();
  if (items.size() < min_items)
    add_error(field, min_items == 1 ? "must not be empty" : "must have at least " + std::to_string(min_items) + " items");
  std::vector<RequestReader> readers;
  readers.reserve(items.size());
  for (std::size_t k = 0; k < items.size(); ++k)
    readers.push_back(nested(path(field) + "[" + std::to_string(k) + "]", items[k]));
  return readers;
}

std::vector<RequestReader> RequestReader::optional_array(std::string_view field) {
  if (!member(field, false)) return {};
  return required_array(field, 0);
}

RequestReader RequestReader::required_object(std::string_view field) {
  const json::Value* v = member(field, true);
  if (!v) return detached();
  return nested(path(field), *v);
}

std::optional<RequestReader> RequestReader::optional_object(std::string_view field) {
  const json::Value* v = member(field, false);
  if (!v) return std::nullopt;
  return nested(path(field), *v);
}

}  // namespace downstream::http
