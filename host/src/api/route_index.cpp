#include "api/route_index.h"

#include <algorithm>

namespace downstream::host {

std::optional<std::string> percent_decode(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::optional<std::vector<std::string>> split_path(const std::string& path, bool decode) {
  std::vector<std::string> out;
  if (path.empty() || path[0] != '/') return std::nullopt;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    auto part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (slash == std::string::npos && part.empty() && !out.empty()) break;  // one trailing slash is tolerated
    if (decode) {
      auto d = percent_decode(part);
      if (!d) return std::nullopt;
      part = *d;
    }
    out.push_back(part);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

RouteIndex::RouteIndex(std::vector<RegisteredRoute> routes) : routes_(std::move(routes)) {
  for (const auto& r : routes_) segments_.push_back(split_path(r.route.path, false).value_or(std::vector<std::string>{}));
}

namespace {
bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}
}  // namespace

RouteLookup RouteIndex::find(http::Method method, const std::string& path) const {
  RouteLookup out;
  auto parts = split_path(path, true);
  if (!parts) return out;
  int best_score = -1;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& tpl = segments_[i];
    if (tpl.size() != parts->size()) continue;
    int score = 0;
    bool ok = true;
    std::map<std::string, std::string> params;
    for (std::size_t s = 0; s < tpl.size() && ok; ++s) {
      if (is_param(tpl[s])) {
        if ((*parts)[s].empty()) ok = false;
        else params[tpl[s].substr(1, tpl[s].size() - 2)] = (*parts)[s];
      } else if (tpl[s] == (*parts)[s]) {
        ++score;
      } else {
        ok = false;
      }
    }
    if (!ok) continue;
    const char* m = method_name(routes_[i].route.method);
    if (std::find(out.allowed.begin(), out.allowed.end(), m) == out.allowed.end()) out.allowed.push_back(m);
    if (routes_[i].route.method == method && score > best_score) {
      best_score = score;
      out.route = &routes_[i];
      out.params = std::move(params);
    }
  }
  std::sort(out.allowed.begin(), out.allowed.end());
  return out;
}

}  // namespace downstream::host
