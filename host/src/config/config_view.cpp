// A plugin's view of its section: the layered value, else the declared default.
#include "config/config_view.h"

namespace downstream::host {

ConfigView::ConfigView(const ConfigStore& store, std::string section, std::vector<ConfigKey> declared)
    : store_(store), section_(std::move(section)), declared_(std::move(declared)) {}

std::optional<std::string> ConfigView::raw(std::string_view key) const {
  const std::string name(key);
  if (auto v = store_.get(section_, name)) return v->value;
  for (const auto& k : declared_)
    if (k.section == section_ && k.name == name) return k.default_value;
  return std::nullopt;
}

std::string ConfigView::origin(std::string_view key) const {
  if (auto v = store_.get(section_, std::string(key))) return v->origin;
  return "default";
}

}  // namespace downstream::host
