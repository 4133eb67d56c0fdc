// json::Value and json::Object: construction, lookup and typed access.
#include "json_detail.h"

#include <algorithm>

namespace downstream::json {

namespace detail {
const char* type_name(Type type) {
  switch (type) {
    case Type::null: return "null";
    case Type::boolean: return "a boolean";
    case Type::number: return "a number";
    case Type::string: return "a string";
    case Type::array: return "an array";
    case Type::object: return "an object";
  }
  return "a JSON value";
}
}  // namespace detail

namespace {
[[noreturn]] void wrong_type(Type wanted, Type found) {
  throw InvalidValue(std::string("expected ") + detail::type_name(wanted) + ", found " + detail::type_name(found));
}
}  // namespace

Object::Object(std::initializer_list<Member> members) {
  for (const auto& [key, value] : members) (*this)[key] = value;
}

Value& Object::operator[](std::string_view key) {
  if (Value* v = find(key)) return *v;
  return members_.emplace_back(std::string(key), Value()).second;
}

const Value* Object::find(std::string_view key) const {
  auto it = std::find_if(members_.begin(), members_.end(), [&](const Member& m) { return m.first == key; });
  return it == members_.end() ? nullptr : &it->second;
}

Value* Object::find(std::string_view key) {
  return const_cast<Value*>(static_cast<const Object&>(*this).find(key));
}

const Value& Object::at(std::string_view key) const {
  if (const Value* v = find(key)) return *v;
  throw InvalidValue("the object has no member \"" + std::string(key) + "\"");
}

bool Object::erase(std::string_view key) {
  auto it = std::find_if(members_.begin(), members_.end(), [&](const Member& m) { return m.first == key; });
  if (it == members_.end()) return false;
  members_.erase(it);
  return true;
}

bool Object::operator==(const Object& other) const { return members_ == other.members_; }

Value number(std::string_view text) {
  auto scan = detail::scan_number(text);
  if (scan.error || scan.length != text.size())
    throw InvalidValue("'" + std::string(text) + "' is not a JSON number");
  Value v;
  v.v_ = Value::Number{std::string(text)};
  return v;
}

Value::Value(int n) : v_(Number{std::to_string(n)}) {}
Value::Value(long n) : v_(Number{std::to_string(n)}) {}
Value::Value(long long n) : v_(Number{std::to_string(n)}) {}
Value::Value(unsigned n) : v_(Number{std::to_string(n)}) {}
Value::Value(unsigned long n) : v_(Number{std::to_string(n)}) {}
Value::Value(unsigned long long n) : v_(Number{std::to_string(n)}) {}
Value::Value(Decimal d) : v_(Number{d.to_string()}) {}

bool Value::as_bool() const {
  if (!is_bool()) wrong_type(Type::boolean, type());
  return std::get<bool>(v_);
}

const std::string& Value::as_string() const {
  if (!is_string()) wrong_type(Type::string, type());
  return std::get<std::string>(v_);
}

const Array& Value::as_array() const {
  if (!is_array()) wrong_type(Type::array, type());
  return std::get<Array>(v_);
}

Array& Value::as_array() {
  if (!is_array()) wrong_type(Type::array, type());
  return std::get<Array>(v_);
}

const Object& Value::as_object() const {
  if (!is_object()) wrong_type(Type::object, type());
  return std::get<Object>(v_);
}

Object& Value::as_object() {
  if (!is_object()) wrong_type(Type::object, type());
  return std::get<Object>(v_);
}

const std::string& Value::number_text() const {
  if (!is_number()) wrong_type(Type::number, type());
  return std::get<Number>(v_).text;
}

std::int64_t Value::as_int64() const {
  const std::string& text = number_text();
  std::int64_t out = 0;
  switch (detail::scale_number(text, 0, out)) {
    case detail::Scaled::ok: return out;
    case detail::Scaled::inexact: throw InvalidValue(text + " is not a whole number");
    case detail::Scaled::out_of_range: break;
  }
  throw InvalidValue(text + " is out of range for a 64-bit integer");
}

Decimal Value::as_decimal() const {
  const std::string& text = number_text();
  std::int64_t raw = 0;
  switch (detail::scale_number(text, Decimal::kScaleDigits, raw)) {
    case detail::Scaled::ok: return Decimal::from_raw(raw);
    case detail::Scaled::inexact:
      throw InvalidValue(text + " has more than " + std::to_string(Decimal::kScaleDigits) + " decimal places");
    case detail::Scaled::out_of_range: break;
  }
  throw InvalidValue(text + " is out of range for a decimal");
}

bool Value::operator==(const Value& other) const { return v_ == other.v_; }

}  // namespace downstream::json
