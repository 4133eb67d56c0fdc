#include <unistd.h>

#include <array>
#include <filesystem>

#include "runtime/runtime.h"

namespace downstream::host {

namespace {
// The install prefix (or build tree) this binary sits in: <prefix>/bin/downstream.
std::filesystem::path prefix_of_binary() {
  std::array<char, 4096> buf{};
  auto n = readlink("/proc/self/exe", buf.data(), buf.size() - 1);
  if (n <= 0) return {};
  return std::filesystem::path(std::string(buf.data(), static_cast<std::size_t>(n))).parent_path().parent_path();
}

std::string setting(const ConfigStore& c, const std::string& section, const std::string& key) {
  auto v = c.get(section, key);
  return v ? v->value : std::string();
}
}  // namespace

PluginHostOptions plugin_host_options(const ConfigStore& config) {
  PluginHostOptions o;
  auto prefix = prefix_of_binary();
  auto dir = setting(config, "host", "plugin_dir");
  o.plugin_dir = dir.empty() ? prefix / DOWNSTREAM_PLUGIN_SUBDIR : std::filesystem::path(dir);
  auto keys = setting(config, "security", "trusted_keys");
  o.trusted_keys_dir = keys.empty() ? prefix / DOWNSTREAM_SHARE_SUBDIR / "trusted-keys" : std::filesystem::path(keys);
  auto req = setting(config, "security", "require_signed_plugins");
  o.require_signed = !(req == "false" || req == "no" || req == "off" || req == "0");
  for (const auto& section : config.sections()) {
    auto enabled = setting(config, section, "enabled");
    if (enabled == "false" || enabled == "no" || enabled == "off" || enabled == "0") o.disabled.push_back(section);
  }
  return o;
}

}  // namespace downstream::host
