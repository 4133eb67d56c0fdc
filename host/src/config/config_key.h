#pragma once
// A declared configuration key: what `config check` validates against and
// `config docs` prints. Plugins declare theirs in their manifest; the host
// declares its own sections (host, database, security, http, log) in host_keys.cpp.
#include <optional>
#include <string>
#include <vector>

namespace downstream::host {

enum class KeyType { string, integer, boolean, list, enumeration, timestamp, path };

struct ConfigKey {
  std::string section;                    // "database", or the plugin's name
  std::string name;                       // "url"
  KeyType type = KeyType::string;
  std::vector<std::string> choices;       // for enumeration
  std::optional<std::string> default_value;
  bool required = false;
  std::string help;                       // one line
  std::string declared_by;                // "host" or the plugin's name
};

// "int", "bool", "enum(a|b)", ... as written in manifests and docs.
std::string key_type_name(const ConfigKey& key);
// Parses a type as written in a manifest; false if unknown.
bool parse_key_type(const std::string& text, ConfigKey& key);
// Checks one value against the key's type; returns an error message or "".
std::string check_value(const ConfigKey& key, const std::string& value);

// The host's own keys.
std::vector<ConfigKey> host_config_keys();

}  // namespace downstream::host
