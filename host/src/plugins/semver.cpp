// Versions as plugins write them ("1", "1.2", "1.2.3") and the ranges they
// require of each other: comma-separated comparisons that must all hold, plus the
// two usual shorthands, ^1.2 (same major, at least 1.2) and ~1.2 (same minor).
#include "plugins/semver.h"

#include <charconv>
#include <string_view>

namespace downstream::host {

namespace {

std::string_view trim(std::string_view s) {
  auto begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  auto end = s.find_last_not_of(" \t");
  return s.substr(begin, end - begin + 1);
}

// One numeric part: digits only, no sign, no leading zero (as semver.org says),
// fitting an int.
std::optional<int> parse_part(std::string_view text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  if (text.size() > 1 && text.front() == '0') return std::nullopt;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<SemVer> parse_version(std::string_view text, int& parts) {
  SemVer v;
  int* fields[] = {&v.major, &v.minor, &v.patch};
  parts = 0;
  while (true) {
    if (parts == 3) return std::nullopt;  // "1.2.3.4"
    auto dot = text.find('.');
    auto part = parse_part(text.substr(0, dot));
    if (!part) return std::nullopt;
    *fields[parts++] = *part;
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  return v;
}

}  // namespace

std::optional<SemVer> SemVer::parse(const std::string& text) {
  int parts = 0;
  return parse_version(text, parts);
}

std::string SemVer::to_string() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::optional<VersionRange> VersionRange::parse(const std::string& text) {
  VersionRange range;
  range.text = std::string(trim(text));
  std::string_view rest = range.text;
  if (rest.empty()) return range;  // any version
  while (true) {
    auto comma = rest.find(',');
    std::string_view item = trim(rest.substr(0, comma));
    using Op = VersionComparison::Op;
    static const std::pair<std::string_view, char> operators[] = {
        // Longest first, so ">=" is not read as ">" followed by "=1.0".
        {">=", 'g'}, {"<=", 'l'}, {"==", '='}, {"!=", '!'}, {">", '>'}, {"<", '<'}, {"=", '='}, {"^", '^'}, {"~", '~'},
    };
    char op = 0;
    for (const auto& [spelling, code] : operators) {
      if (item.substr(0, spelling.size()) == spelling) {
        op = code;
        item = trim(item.substr(spelling.size()));
        break;
      }
    }
    // A bare version is refused: "1.2" could mean exactly 1.2.0 or any 1.2.x.
    if (op == 0) return std::nullopt;
    int parts = 0;
    auto version = parse_version(item, parts);
    if (!version) return std::nullopt;
    switch (op) {
      case 'g': range.all_of.push_back({Op::ge, *version}); break;
      case 'l': range.all_of.push_back({Op::le, *version}); break;
      case '=': range.all_of.push_back({Op::eq, *version}); break;
      case '!': range.all_of.push_back({Op::ne, *version}); break;
      case '>': range.all_of.push_back({Op::gt, *version}); break;
      case '<': range.all_of.push_back({Op::lt, *version}); break;
      case '^': {
        // The left-most non-zero part may not change: ^1.2 is <2, ^0.2 is <0.3, ^0.0.3 is <0.0.4.
        SemVer upper;
        if (version->major > 0 || parts == 1)
          upper = {version->major + 1, 0, 0};
        else if (version->minor > 0 || parts == 2)
          upper = {0, version->minor + 1, 0};
        else
          upper = {0, 0, version->patch + 1};
        range.all_of.push_back({Op::ge, *version});
        range.all_of.push_back({Op::lt, upper});
        break;
      }
      case '~': {
        // ~1.2 and ~1.2.3 are <1.3; ~1 is <2.
        SemVer upper = parts == 1 ? SemVer{version->major + 1, 0, 0} : SemVer{version->major, version->minor + 1, 0};
        range.all_of.push_back({Op::ge, *version});
        range.all_of.push_back({Op::lt, upper});
        break;
      }
      default: return std::nullopt;
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return range;
}

bool VersionRange::contains(const SemVer& v) const {
  using Op = VersionComparison::Op;
  for (const auto& c : all_of) {
    bool holds = false;
    switch (c.op) {
      case Op::eq: holds = v == c.version; break;
      case Op::ne: holds = v != c.version; break;
      case Op::lt: holds = v < c.version; break;
      case Op::le: holds = v <= c.version; break;
      case Op::gt: holds = v > c.version; break;
      case Op::ge: holds = v >= c.version; break;
    }
    if (!holds) return false;
  }
  return true;
}

}  // namespace downstream::host
