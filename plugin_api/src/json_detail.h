#pragma once
// Pieces the JSON parser, serializer and accessors share; not part of the SDK.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <downstream/json.h>

namespace downstream::json::detail {

// Appends to an object without the per-key lookup; the parser checks for
// repeated keys itself.
struct ObjectAccess {
  static void append(Object& object, std::string key, Value value) {
    object.members_.emplace_back(std::move(key), std::move(value));
  }
};

// The JSON number at the start of `text`: its length, or on malformed text a
// reason and the offset it applies to.
struct NumberScan {
  std::size_t length = 0;
  const char* error = nullptr;
  std::size_t error_at = 0;
};
NumberScan scan_number(std::string_view text);

// value * 10^scale_digits as an integer, when that is exact and fits.
enum class Scaled { ok, inexact, out_of_range };
Scaled scale_number(std::string_view number_text, int scale_digits, std::int64_t& out);

// Length of the well-formed UTF-8 sequence at text[at] (RFC 3629: no overlong
// forms, no surrogates, nothing past U+10FFFF), or 0.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);
void append_utf8(std::string& out, std::uint32_t code_point);

// "a string", "an object": for messages.
const char* type_name(Type type);

}  // namespace downstream::json::detail
