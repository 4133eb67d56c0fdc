#pragma once
// The manifest beside each plugin library (lib<name>.so.manifest): everything the
// host needs to check the plugin graph without opening any library. It is read by
// the strict INI reader of the configuration: comments go on their own lines
// (";" or "#"), never after a value.
//
//   [plugin]
//   name = sales
//   version = 1.0.0
//   ; module or adapter
//   kind = module
//   abi = 1
//   build_tag = GNU-12.2/c++20/sdk-0.1
//   description = Sales orders, allocation, shipments
//   ; ';'-separated entries, each "name [range]"; "host >=1.0" requires a host version
//   requires = inventory >=1.0, <2; customers >=1.0
//   ; ports this plugin fills, and ports it needs filled
//   provides = database
//   uses = database, carrier
//
//   ; one section per config key (section = the plugin's name in the configuration)
//   [config.allocation_policy]
//   type = enum(single_site|priority|region)
//   default = single_site
//   help = How confirm picks sites
//
// Required: name ([a-z][a-z0-9_]*, not "host"), version, kind, abi, build_tag.
// A config key needs type and help; default and required (bool) are optional.
// Version ranges: comparisons joined by ',' that must all hold, with >= > <= < = !=,
// and ^1.2 (>=1.2.0, <2.0.0) and ~1.2 (>=1.2.0, <1.3.0); an empty range accepts any.
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
