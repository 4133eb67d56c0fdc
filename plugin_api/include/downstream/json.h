#pragma once
// JSON values for request and response bodies. Numbers keep the exact decimal
// text they were written with and are never converted through double, so
// quantities and amounts survive a round trip digit for digit.
//
//   json::Object line{{"sku", "A-1"}, {"quantity", json::number("12.5")}};
//   json::Array lines;
//   lines.push_back(line);
//   std::string body = json::Value(json::Object{{"lines", lines}}).dump();
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <downstream/domain/decimal.h>
#include <downstream/error.h>
#include <downstream/export.h>

namespace downstream::json {

class Value;
namespace detail {
struct ObjectAccess;
}

// A number from its decimal text, such as a quantity's amount ("12.5",
// "-3", "1e-3"). Throws InvalidValue unless the text is a JSON number.
DOWNSTREAM_API Value number(std::string_view text);

// Elements in order; an ordinary vector, so push_back, size and range-for work.
using Array = std::vector<Value>;

// Members in insertion order, which dump() keeps, so responses read the way
// the code builds them. Keys are unique: assigning an existing key replaces
// its value in place.
class DOWNSTREAM_API Object {
public:
  using Member = std::pair<std::string, Value>;
  using const_iterator = std::vector<Member>::const_iterator;

  Object() = default;
  // A repeated key keeps its first position and its last value.
  Object(std::initializer_list<Member> members);

  // The value under `key`, appended as null when the key is new.
  Value& operator[](std::string_view key);
  // nullptr when there is no such key.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  // Throws InvalidValue naming the key when it is missing.
  const Value& at(std::string_view key) const;
  bool contains(std::string_view key) const;
  bool erase(std::string_view key);

  std::size_t size() const;
  bool empty() const;
  const_iterator begin() const;
  const_iterator end() const;

  // Same keys in the same order with equal values.
  bool operator==(const Object& other) const;

private:
  friend struct detail::ObjectAccess;  // the parser appends without a lookup per key
  std::vector<Member> members_;
};

// What a Value holds.
enum class Type { null, boolean, number, string, array, object };

// One JSON value. Accessors of the wrong type throw InvalidValue rather than
// return a default, so a route never mistakes a missing amount for zero.
class DOWNSTREAM_API Value {
public:
  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : v_(b) {}
  // Integers become numbers; every width is listed so no call is ambiguous.
  Value(int n);
  Value(long n);
  Value(long long n);
  Value(unsigned n);
  Value(unsigned long n);
  Value(unsigned long long n);
  // A decimal becomes a number in its shortest exact form ("6.8").
  Value(Decimal d);
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(Array a) : v_(std::move(a)) {}
  Value(Object o) : v_(std::move(o)) {}
  // Floating point has no place next to money and quantities; so that no
  // pointer silently becomes a bool, only character pointers convert.
  Value(float) = delete;
  Value(double) = delete;
  Value(long double) = delete;
  template <class T>
  Value(const T*) = delete;

  Type type() const { return static_cast<Type>(v_.index()); }
  bool is_null() const { return type() == Type::null; }
  bool is_bool() const { return type() == Type::boolean; }
  bool is_number() const { return type() == Type::number; }
  bool is_string() const { return type() == Type::string; }
  bool is_array() const { return type() == Type::array; }
  bool is_object() const { return type() == Type::object; }

  bool as_bool() const;
  const std::string& as_string() const;
  const Array& as_array() const;
  Array& as_array();
  const Object& as_object() const;
  Object& as_object();
  // The number exactly as written or built: "12.50" stays "12.50".
  const std::string& number_text() const;
  // The number when it is a whole number in range ("1e3" is 1000); throws
  // InvalidValue for a fraction or overflow instead of truncating.
  std::int64_t as_int64() const;
  // The number as a Decimal; throws InvalidValue when it has more than
  // Decimal::kScaleDigits significant fractional digits or is out of range.
  Decimal as_decimal() const;

  // Compact JSON: no whitespace, numbers exactly as stored, strings escaped.
  std::string dump() const;

  // Structural equality; numbers compare by text, so 1.0 differs from 1.
  bool operator==(const Value& other) const;

  friend Value number(std::string_view text);

private:
  struct Number {
    std::string text;
    bool operator==(const Number&) const = default;
  };
  // The alternatives' order matches Type.
  std::variant<std::monostate, bool, Number, std::string, Array, Object> v_;
};

// Object's inline members need Value complete, hence out here.
inline bool Object::contains(std::string_view key) const { return find(key) != nullptr; }
inline std::size_t Object::size() const { return members_.size(); }
inline bool Object::empty() const { return members_.empty(); }
inline Object::const_iterator Object::begin() const { return members_.begin(); }
inline Object::const_iterator Object::end() const { return members_.end(); }

// Why a document is not JSON, and where: line and column count from 1, the
// column in characters. what() reads "line 3, column 7: expected ':' after the
// key, found '1'"; reason() is the part after the position.
class DOWNSTREAM_API ParseError : public InvalidValue {
public:
  ParseError(std::string reason, std::size_t line, std::size_t column);
  ~ParseError() override;
  const std::string& reason() const { return reason_; }
  std::size_t line() const { return line_; }
  std::size_t column() const { return column_; }

private:
  std::string reason_;
  std::size_t line_;
  std::size_t column_;
};

// Arrays and objects nested deeper than this are refused, so a hostile body
// cannot exhaust the stack.
inline constexpr int kMaxDepth = 64;

// Parses one JSON text strictly by RFC 8259: UTF-8 only, no comments, no
// trailing commas, no duplicate keys, nothing after the value but whitespace.
DOWNSTREAM_API Value parse(std::string_view text);

}  // namespace downstream::json
