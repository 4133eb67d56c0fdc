// UTF-8 validation and encoding, as RFC 3629 defines it.
#include "json_detail.h"

namespace downstream::json::detail {

std::size_t utf8_sequence_length(std::string_view s, std::size_t at) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[at + k]); };
  auto in = [&](std::size_t k, unsigned lo, unsigned hi) { return at + k < s.size() && byte(k) >= lo && byte(k) <= hi; };
  unsigned b0 = byte(0);
  if (b0 < 0x80) return 1;
  // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
  unsigned lo = 0x80, hi = 0xBF;
  std::size_t length;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (!in(1, lo, hi)) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (!in(k, 0x80, 0xBF)) return 0;
  return length;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  auto put = [&](std::uint32_t b) { out += static_cast<char>(static_cast<unsigned char>(b)); };
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
}

}  // namespace downstream::json::detail
