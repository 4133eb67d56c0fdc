#pragma once
// A plugin's typed configuration section: the keys its manifest declares, already
// validated by the host (type, required), with defaults filled in.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <downstream/export.h>

namespace downstream {

// A configuration document that is not key = value settings of one section, such
// as a site in config/sites.d/<code>.ini: every section and entry with its line,
// so the plugin that reads it reports problems as "file:line: message".
struct ConfigDocument {
  struct Entry {
    std::string key;
    std::string value;
    int line = 0;
  };
  struct Section {
    std::string name;
    int line = 0;
    std::vector<Entry> entries;
  };
  std::string file;
  std::vector<Section> sections;
};

class DOWNSTREAM_API ConfigSection {
public:
  virtual ~ConfigSection();
  // The section's name: the plugin's name, or a host section such as "database".
  virtual std::string_view name() const = 0;
  // The value as written (after layering), or its declared default; nullopt if neither.
  virtual std::optional<std::string> raw(std::string_view key) const = 0;
  // Where the value came from: "config/downstream.ini:12", "env DOWNSTREAM_HTTP__LISTEN",
  // "-D http.listen=...", or "default".
  virtual std::string origin(std::string_view key) const = 0;

  // Typed reads. A key that is missing, or does not parse as the type, throws
  // ConfigError naming the key and its origin.
  std::string get_string(std::string_view key) const;
  std::int64_t get_int(std::string_view key) const;
  bool get_bool(std::string_view key) const;
  // A comma-separated list, each item trimmed, empty items dropped.
  std::vector<std::string> get_list(std::string_view key) const;
  bool has(std::string_view key) const { return raw(key).has_value(); }
};

}  // namespace downstream
