#pragma once
// Codes of the generated master data: sites S001.., products P000001..
#include <cstdint>
#include <cstdio>
#include <string>

namespace downstream::host::bench {

inline std::string site_code(std::int64_t index) {  // 0-based
  char buf[24];
  std::snprintf(buf, sizeof buf, "S%03lld", static_cast<long long>(index + 1));
  return buf;
}

inline std::string product_sku(std::int64_t index) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "P%06lld", static_cast<long long>(index + 1));
  return buf;
}

}  // namespace downstream::host::bench
