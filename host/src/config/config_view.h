#pragma once
// A ConfigSection (the SDK's view) over one section of the store, with declared defaults.
#include <string>
#include <vector>

#include <downstream/config.h>

#include "config/config_store.h"

namespace downstream::host {

class ConfigView final : public ConfigSection {
public:
  ConfigView(const ConfigStore& store, std::string section, std::vector<ConfigKey> declared);
  std::string_view name() const override { return section_; }
  std::optional<std::string> raw(std::string_view key) const override;
  std::string origin(std::string_view key) const override;

private:
  const ConfigStore& store_;
  std::string section_;
  std::vector<ConfigKey> declared_;
};

}  // namespace downstream::host
