#include "runtime/plugin_context.h"

namespace downstream::host {

HostContext::HostContext(HostParts& parts, std::string plugin)
    : parts_(parts),
      plugin_(plugin),
      logger_(parts.log, plugin),
      services_(parts.services, plugin),
      routes_(parts.routes, plugin),
      commands_(parts.commands, plugin) {}

const ConfigSection& HostContext::config(std::string_view section) const {
  std::lock_guard lock(views_mutex_);
  if (auto it = views_.find(section); it != views_.end()) return *it->second;
  std::vector<ConfigKey> keys;
  for (const auto& k : parts_.declared)
    if (k.section == section) keys.push_back(k);
  if (keys.empty()) throw ConfigError("plugin '" + plugin_ + "' asked for unknown config section [" + std::string(section) + "]");
  auto view = std::make_unique<ConfigView>(*parts_.config, std::string(section), std::move(keys));
  auto& ref = *view;
  views_.emplace(std::string(section), std::move(view));
  return ref;
}

db::Database& HostContext::database() {
  if (!parts_.database)
    throw ServiceMissing("plugin '" + plugin_ + "' used the database before the migrate phase, when it is not open yet");
  return *parts_.database;
}

}  // namespace downstream::host
