// Reads the configuration layers in order (downstream.ini, modules.d/*.ini,
// environment, -D) into one store; each value keeps where it came from.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "config/config_store.h"

namespace downstream::host {

namespace {

namespace fs = std::filesystem;

std::optional<IniDocument> read_document(const fs::path& file, ConfigProblems& problems) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    problems.push_back({file.string(), "cannot be read: check that it exists and its permissions"});
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_ini(text.str(), file, problems);
}

// The *.ini files of a folder, sorted by name so the layering is the same on every machine.
std::vector<fs::path> ini_files(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".ini" && it->is_regular_file(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

void ConfigStore::note_section(const std::string& section, const std::string& origin) {
  auto& origins = section_origins_[section];
  if (std::find(origins.begin(), origins.end(), origin) == origins.end()) origins.push_back(origin);
}

void ConfigStore::merge_settings(const IniDocument& doc, ConfigProblems& problems) {
  const std::string file = doc.file.string();
  // A section may be opened twice in one file; a key is still set once per file.
  std::map<std::pair<std::string, std::string>, int> set_here;
  for (const auto& section : doc.sections) {
    note_section(section.name, file + ":" + std::to_string(section.line));
    for (const auto& entry : section.entries) {
      auto [it, fresh] = set_here.emplace(std::make_pair(section.name, entry.key), entry.line);
      if (!fresh) {
        problems.push_back({file + ":" + std::to_string(entry.line),
                            "key '" + entry.key + "' in [" + section.name + "] is already set at line " +
                                std::to_string(it->second) + " of this file: keep one"});
        continue;
      }
      values_[section.name][entry.key] = {entry.value, file + ":" + std::to_string(entry.line)};
    }
  }
}

ConfigStore ConfigStore::load(const ConfigSources& sources, ConfigProblems& problems) {
  ConfigStore store;
  store.dir_ = sources.config_dir;

  const fs::path main_file = sources.config_dir / "downstream.ini";
  std::error_code ec;
  if (!fs::is_regular_file(main_file, ec)) {
    problems.push_back({main_file.string(), "not found: give the folder holding downstream.ini with --config <dir>"});
  } else if (auto doc = read_document(main_file, problems)) {
    store.merge_settings(*doc, problems);
  }

  for (const auto& file : ini_files(sources.config_dir / "modules.d"))
    if (auto doc = read_document(file, problems)) store.merge_settings(*doc, problems);

  // Site documents are checked for syntax here and handed on whole, with their lines.
  for (const auto& file : ini_files(sources.config_dir / "sites.d"))
    if (auto doc = read_document(file, problems)) store.sites_.push_back(std::move(*doc));

  const std::string prefix = "DOWNSTREAM_";
  for (const auto& [name, value] : sources.environment) {
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    auto split = rest.find("__");
    // Without "__" the variable is not a setting (DOWNSTREAM_TEST_PG and the like).
    if (split == std::string::npos) continue;
    const std::string origin = "env " + name;
    const std::string section = lower(rest.substr(0, split));
    const std::string key = lower(rest.substr(split + 2));
    if (!valid_section_name(section) || !valid_key_name(key)) {
      problems.push_back({origin, "expected DOWNSTREAM_<SECTION>__<KEY>, such as DOWNSTREAM_HTTP__LISTEN, "
                                  "with letters, digits and '_' on both sides of '__'"});
      continue;
    }
    store.note_section(section, origin);
    store.values_[section][key] = {value, origin};
  }

  for (const auto& [name, value] : sources.defines) {
    const std::string origin = "-D " + name;
    // Keys never hold a '.', so the last one separates section and key even if a
    // section name has dots; for today's sections that is also the first '.'.
    auto dot = name.rfind('.');
    if (dot == std::string::npos) {
      problems.push_back({origin, "expected section.key=value, such as -D http.listen=0.0.0.0:8080"});
      continue;
    }
    const std::string section = name.substr(0, dot);
    const std::string key = name.substr(dot + 1);
    if (!valid_section_name(section) || !valid_key_name(key)) {
      problems.push_back({origin, "expected section.key=value with lower-case names, such as -D http.listen=0.0.0.0:8080"});
      continue;
    }
    store.note_section(section, origin);
    store.values_[section][key] = {value, origin};
  }
  return store;
}

std::optional<ConfigValue> ConfigStore::get(const std::string& section, const std::string& key) const {
  auto s = values_.find(section);
  if (s == values_.end()) return std::nullopt;
  auto k = s->second.find(key);
  if (k == s->second.end()) return std::nullopt;
  return k->second;
}

std::vector<std::string> ConfigStore::sections() const {
  std::vector<std::string> out;
  for (const auto& [name, keys] : values_)
    if (!keys.empty()) out.push_back(name);
  return out;
}

std::map<std::string, ConfigValue> ConfigStore::section(const std::string& name) const {
  auto s = values_.find(name);
  return s == values_.end() ? std::map<std::string, ConfigValue>{} : s->second;
}

void ConfigStore::set(const std::string& section, const std::string& key, ConfigValue value) {
  note_section(section, value.origin);
  values_[section][key] = std::move(value);
}

}  // namespace downstream::host
