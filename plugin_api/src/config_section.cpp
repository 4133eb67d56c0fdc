#include <downstream/config.h>
#include <downstream/error.h>

#include <charconv>

namespace downstream {

ConfigSection::~ConfigSection() = default;

namespace {
std::string where(const ConfigSection& s, std::string_view key) {
  return std::string(s.name()) + "." + std::string(key) + " (" + s.origin(key) + ")";
}
std::string trim(std::string_view v) {
  auto b = v.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = v.find_last_not_of(" \t");
  return std::string(v.substr(b, e - b + 1));
}
}  // namespace

std::string ConfigSection::get_string(std::string_view key) const {
  auto v = raw(key);
  if (!v) throw ConfigError("missing required setting " + std::string(name()) + "." + std::string(key));
  return *v;
}

std::int64_t ConfigSection::get_int(std::string_view key) const {
  auto v = get_string(key);
  std::int64_t out = 0;
  auto t = trim(v);
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
  if (ec != std::errc() || p != t.data() + t.size() || t.empty())
    throw ConfigError(where(*this, key) + ": '" + v + "' is not an integer");
  return out;
}

bool ConfigSection::get_bool(std::string_view key) const {
  auto t = trim(get_string(key));
  if (t == "true" || t == "yes" || t == "on" || t == "1") return true;
  if (t == "false" || t == "no" || t == "off" || t == "0") return false;
  throw ConfigError(where(*this, key) + ": '" + t + "' is not true or false");
}

std::vector<std::string> ConfigSection::get_list(std::string_view key) const {
  std::vector<std::string> out;
  auto v = raw(key);
  if (!v) return out;
  std::string_view rest = *v;
  while (true) {
    auto comma = rest.find(',');
    auto item = trim(rest.substr(0, comma));
    if (!item.empty()) out.push_back(item);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace downstream
