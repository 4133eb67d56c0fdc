#pragma once
// The layered configuration: config/downstream.ini, then config/modules.d/*.ini
// (sorted), then DOWNSTREAM_<SECTION>__<KEY> environment variables, then
// -D section.key=value options; later layers win. Every value remembers where it
// came from. config/sites.d/*.ini are site documents, kept apart for the
// inventory module (they are not key=value settings of the host).
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_key.h"
#include "config/config_problem.h"

namespace downstream::host {

struct ConfigValue {
  std::string value;
  std::string origin;  // as ConfigProblem::where
};

// A parsed INI file with line numbers, as sites.d documents are handed on.
struct IniEntry {
  std::string key;
  std::string value;
  int line = 0;
};
struct IniSection {
  std::string name;
  int line = 0;
  std::vector<IniEntry> entries;
};
struct IniDocument {
  std::filesystem::path file;
  std::vector<IniSection> sections;
};

// Parses INI text strictly: "[section]" headers, "key = value", ";" or "#"
// comments, blank lines. A malformed line, a key outside any section or a key
// given twice in one section is a problem with file and line.
IniDocument parse_ini(const std::string& text, const std::filesystem::path& file, ConfigProblems& problems);

// Section names: lower-case letters, digits, '_', '.', '-'. Key names: the same without '.'.
bool valid_section_name(std::string_view name);
bool valid_key_name(std::string_view name);

struct ConfigSources {
  std::filesystem::path config_dir;                          // holds downstream.ini, modules.d/, sites.d/
  std::map<std::string, std::string> environment;            // usually the process environment
  std::vector<std::pair<std::string, std::string>> defines;  // -D section.key=value, in order
};

class ConfigStore {
public:
  // Reads every layer. Syntax problems go into `problems`; reading continues so
  // that all of them are reported at once. A missing config_dir/downstream.ini is a problem.
  static ConfigStore load(const ConfigSources& sources, ConfigProblems& problems);

  // The layered value of section.key, if set anywhere.
  std::optional<ConfigValue> get(const std::string& section, const std::string& key) const;
  // Every section that has at least one value set.
  std::vector<std::string> sections() const;
  // Every key set in a section, with its value.
  std::map<std::string, ConfigValue> section(const std::string& name) const;
  // Where each section was named, in load order: its "[section]" header lines
  // ("config/downstream.ini:4") and the env/-D origins that set keys in it. Lets
  // `config check` report an unknown section once per place, even an empty one.
  const std::map<std::string, std::vector<std::string>>& section_origins() const { return section_origins_; }
  const std::vector<IniDocument>& site_documents() const { return sites_; }
  const std::filesystem::path& config_dir() const { return dir_; }

  // Sets a value (lowest-level layer semantics: overrides what is there). For tests and defaults.
  void set(const std::string& section, const std::string& key, ConfigValue value);

private:
  std::filesystem::path dir_;
  std::map<std::string, std::map<std::string, ConfigValue>> values_;
  std::map<std::string, std::vector<std::string>> section_origins_;
  std::vector<IniDocument> sites_;

  void merge_settings(const IniDocument& doc, ConfigProblems& problems);
  void note_section(const std::string& section, const std::string& origin);
};

// Validates the store against the declared keys: unknown sections and keys
// (with a did-you-mean), wrong types, missing required keys. Each plugin
// section has `enabled` (bool, default true): the caller declares it with the
// plugin's own keys (runtime's declared_keys() does), so this function and
// config_reference() treat it like any other declared key. A section is known
// when any declared key belongs to it.
ConfigProblems validate_config(const ConfigStore& store, const std::vector<ConfigKey>& declared);

// The reference of every declared key, grouped by section, for `config docs`.
std::string config_reference(const std::vector<ConfigKey>& declared);

}  // namespace downstream::host
