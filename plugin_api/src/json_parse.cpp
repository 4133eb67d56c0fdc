// The strict RFC 8259 parser. Every refusal names the line and column of the
// offending character, because that is what a client needs to fix its request.
#include "json_detail.h"

#include <cstdio>
#include <unordered_set>

namespace downstream::json {

ParseError::ParseError(std::string reason, std::size_t line, std::size_t column)
    : InvalidValue("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + reason),
      reason_(std::move(reason)),
      line_(line),
      column_(column) {}

ParseError::~ParseError() = default;

namespace {

// Objects up to this size check for a repeated key by scanning; larger ones
// keep a set, so a hostile body with many keys costs no quadratic time.
constexpr std::size_t kScanLimit = 16;

class Parser {
public:
  explicit Parser(std::string_view text) : s_(text) {}

  Value document() {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") fail("a byte order mark is not allowed; send UTF-8 without one", 0);
    skip_space();
    Value v = value();
    skip_space();
    if (i_ != s_.size()) fail("unexpected " + describe(i_) + " after the JSON value", i_);
    return v;
  }

private:
  std::string_view s_;
  std::size_t i_ = 0;
  int depth_ = 0;

  [[noreturn]] void fail(const std::string& reason, std::size_t at) const {
    std::size_t line = 1, column = 1;
    for (std::size_t k = 0; k < at && k < s_.size(); ++k) {
      auto c = static_cast<unsigned char>(s_[k]);
      if (c == '\n') {
        ++line;
        column = 1;
      } else if ((c & 0xC0) != 0x80) {  // count characters, not continuation bytes
        ++column;
      }
    }
    throw ParseError(reason, line, column);
  }

  std::string describe(std::size_t at) const {
    if (at >= s_.size()) return "end of input";
    auto c = static_cast<unsigned char>(s_[at]);
    char buf[32];
    if (c < 0x20 || c == 0x7F) {
      std::snprintf(buf, sizeof buf, "control character U+%04X", c);
      return buf;
    }
    if (c < 0x80) return std::string("'") + static_cast<char>(c) + "'";
    if (std::size_t n = detail::utf8_sequence_length(s_, at)) return "'" + std::string(s_.substr(at, n)) + "'";
    std::snprintf(buf, sizeof buf, "byte 0x%02X (not UTF-8)", c);
    return buf;
  }

  bool at_end() const { return i_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[i_]; }

  void skip_space() {
    while (!at_end() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }

  Value value() {
    if (at_end()) fail("unexpected end of input; expected a value", i_);
    char c = s_[i_];
    switch (c) {
      case '{': return object();
      case '[': return array();
      case '"': return Value(string());
      case 't': return literal("true", Value(true));
      case 'f': return literal("false", Value(false));
      case 'n': return literal("null", Value());
      case '\'': fail("strings must be in double quotes", i_);
      default: break;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return number_value();
    fail("expected a value, found " + describe(i_), i_);
  }

  Value literal(std::string_view word, Value v) {
    if (s_.substr(i_, word.size()) != word) fail("expected true, false or null", i_);
    i_ += word.size();
    return v;
  }

  Value number_value() {
    auto scan = detail::scan_number(s_.substr(i_));
    if (scan.error) fail(std::string(scan.error) + ", found " + describe(i_ + scan.error_at), i_ + scan.error_at);
    std::string_view text = s_.substr(i_, scan.length);
    i_ += scan.length;
    return json::number(text);
  }

  void enter() {
    if (++depth_ > kMaxDepth) fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels", i_);
  }

  Value array() {
    enter();
    ++i_;  // '['
    Array items;
    skip_space();
    if (peek() == ']') {
      ++i_;
      --depth_;
      return items;
    }
    for (;;) {
      skip_space();
      if (peek() == ']' && !items.empty()) fail("trailing comma before ']'", i_);
      items.push_back(value());
      skip_space();
      if (peek() == ',') {
        ++i_;
        continue;
      }
      if (peek() == ']') break;
      fail("expected ',' or ']' after an array element, found " + describe(i_), i_);
    }
    ++i_;
    --depth_;
    return items;
  }

  Value object() {
    enter();
    ++i_;  // '{'
    Object members;
    std::unordered_set<std::string> seen;
    skip_space();
    if (peek() == '}') {
      ++i_;
      --depth_;
      return members;
    }
    for (;;) {
      skip_space();
      if (peek() == '}' && !members.empty()) fail("trailing comma before '}'", i_);
      if (peek() == '\'') fail("strings must be in double quotes", i_);
      if (peek() != '"') fail("expected a key in double quotes, found " + describe(i_), i_);
      std::size_t key_at = i_;
      std::string key = string();
      bool repeated;
      if (members.size() < kScanLimit) {
        repeated = members.contains(key);
      } else {
        if (seen.empty())
          for (const auto& m : members) seen.insert(m.first);
        repeated = !seen.insert(key).second;
      }
      if (repeated) fail("duplicate key \"" + key + "\"", key_at);
      skip_space();
      if (peek() != ':') fail("expected ':' after the key, found " + describe(i_), i_);
      ++i_;
      skip_space();
      Value v = value();
      detail::ObjectAccess::append(members, std::move(key), std::move(v));
      skip_space();
      if (peek() == ',') {
        ++i_;
        continue;
      }
      if (peek() == '}') break;
      fail("expected ',' or '}' after an object member, found " + describe(i_), i_);
    }
    ++i_;
    --depth_;
    return members;
  }

  std::uint32_t hex4() {
    if (s_.size() - i_ < 4) fail("expected four hex digits after \\u", i_);
    std::uint32_t cp = 0;
    for (int k = 0; k < 4; ++k, ++i_) {
      char c = s_[i_];
      std::uint32_t d;
      if (c >= '0' && c <= '9') d = static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') d = static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') d = static_cast<std::uint32_t>(c - 'A' + 10);
      else fail("expected four hex digits after \\u", i_);
      cp = cp * 16 + d;
    }
    return cp;
  }

  // A \u escape, with i_ on the backslash; joins a surrogate pair into one code point.
  std::uint32_t unicode_escape() {
    std::size_t start = i_;
    i_ += 2;
    std::uint32_t cp = hex4();
    if (cp >= 0xDC00 && cp <= 0xDFFF) fail("lone low surrogate; it must follow a high surrogate", start);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (s_.substr(i_, 2) != "\\u") fail("lone high surrogate; it must be followed by a low surrogate", start);
      i_ += 2;
      std::uint32_t low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail("lone high surrogate; it must be followed by a low surrogate", start);
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    return cp;
  }

  std::string string() {
    ++i_;  // '"'
    std::string out;
    for (;;) {
      if (at_end()) fail("unexpected end of input inside a string", i_);
      auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return out;
      }
      if (c < 0x20) fail(describe(i_) + " must be escaped in a string", i_);
      if (c >= 0x80) {
        std::size_t n = detail::utf8_sequence_length(s_, i_);
        if (n == 0) fail("invalid UTF-8: " + describe(i_), i_);
        out.append(s_.substr(i_, n));
        i_ += n;
        continue;
      }
      if (c != '\\') {
        out += static_cast<char>(c);
        ++i_;
        continue;
      }
      char e = i_ + 1 < s_.size() ? s_[i_ + 1] : '\0';
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': detail::append_utf8(out, unicode_escape()); continue;
        default:
          if (i_ + 1 >= s_.size()) fail("unexpected end of input inside a string", i_ + 1);
          if (e > 0x20 && e < 0x7F) fail(std::string("invalid escape '\\") + e + "'", i_);
          fail("invalid escape: backslash before " + describe(i_ + 1), i_);
      }
      i_ += 2;
    }
  }
};

}  // namespace

Value parse(std::string_view text) { return Parser(text).document(); }

}  // namespace downstream::json
