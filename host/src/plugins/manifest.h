#pragma once
// The manifest beside each plugin library (lib<name>.so.manifest): everything the
// host needs to check the plugin graph without opening any library.
//
//   [plugin]
//   name = sales
//   version = 1.0.0
//   kind = module                    ; or adapter
//   abi = 1
//   build_tag = GNU-12.2/c++20/sdk-0.1
//   description = Sales orders, allocation, shipments
//   requires = inventory >=1.0, <2; customers >=1.0
//   provides = database              ; ports this plugin fills
//   uses = database, carrier         ; ports it needs filled
//
//   [config.allocation_policy]       ; one section per config key
//   type = enum(single_site|priority|region)
//   default = single_site
//   help = How confirm picks sites
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/config_key.h"
#include "plugins/semver.h"

namespace downstream::host {

struct Requirement {
  std::string name;    // the plugin required
  VersionRange range;  // the versions accepted
};

struct Manifest {
  std::filesystem::path file;   // where it was read from
  std::string name;
  SemVer version;
  std::string version_text;
  std::string kind;             // "module" or "adapter"
  std::uint32_t abi = 0;
  std::string build_tag;
  std::string description;
  std::vector<Requirement> requires_plugins;
  std::vector<std::string> provides;
  std::vector<std::string> uses;
  std::vector<ConfigKey> config_keys;  // section = name, declared_by = name
};

// Parses a manifest; every problem found is appended as "file:line: message"
// and nullopt is returned if any was found.
std::optional<Manifest> read_manifest(const std::filesystem::path& file, std::vector<std::string>& problems);
std::optional<Manifest> parse_manifest(const std::string& text, const std::filesystem::path& file,
                                       std::vector<std::string>& problems);

}  // namespace downstream::host
