#pragma once
// Semantic versions and the ranges plugins require of each other
// ("inventory >=1.0, <2": every comparison must hold).
#include <compare>
#include <optional>
#include <string>
#include <vector>

namespace downstream::host {

struct SemVer {
  int major = 0, minor = 0, patch = 0;
  // "1", "1.2", "1.2.3" (missing parts are 0); nullopt if malformed.
  static std::optional<SemVer> parse(const std::string& text);
  std::string to_string() const;
  auto operator<=>(const SemVer&) const = default;
};

struct VersionComparison {
  enum class Op { eq, ne, lt, le, gt, ge } op;
  SemVer version;
};

struct VersionRange {
  std::vector<VersionComparison> all_of;  // empty: any version
  std::string text;                       // as written, for messages
  // ">=1.0, <2"; nullopt if malformed.
  static std::optional<VersionRange> parse(const std::string& text);
  bool contains(const SemVer& v) const;
};

}  // namespace downstream::host
