// Reads a plugin manifest with the strict INI reader the configuration uses, then
// checks every key of [plugin] and of each [config.<key>] section. Problems are
// collected, not thrown, so `plugins check` lists all of them at once.
#include "plugins/manifest.h"
#include "config/spelling.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string_view>

#include "config/config_store.h"

namespace downstream::host {

namespace {

std::string_view trim(std::string_view s) {
  auto begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  auto end = s.find_last_not_of(" \t");
  return s.substr(begin, end - begin + 1);
}

// Plugin and port names: [a-z][a-z0-9_]*.
bool valid_name(std::string_view name) {
  if (name.empty() || name.front() < 'a' || name.front() > 'z') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

using Names = std::vector<std::string_view>;

std::string did_you_mean(std::string_view name, const Names& candidates) {
  std::string_view best;
  std::size_t best_distance = 3;
  for (auto c : candidates) {
    auto d = edit_distance(name, c);
    if (d < best_distance && d < c.size()) {
      best = c;
      best_distance = d;
    }
  }
  return best.empty() ? std::string() : " (did you mean '" + std::string(best) + "'?)";
}

std::string join(const Names& items) {
  std::string out;
  for (auto item : items) out += (out.empty() ? "" : ", ") + std::string(item);
  return out;
}

const Names plugin_keys = {"name", "version", "kind", "abi", "build_tag", "description", "requires", "provides", "uses"};
const Names required_plugin_keys = {"name", "version", "kind", "abi", "build_tag"};
const Names config_key_keys = {"type", "default", "help", "required"};

class ManifestReader {
public:
  ManifestReader(const std::filesystem::path& file, std::vector<std::string>& problems)
      : file_(file), problems_(problems) {}

  std::optional<Manifest> read(const std::string& text) {
    ConfigProblems syntax;
    IniDocument doc = parse_ini(text, file_, syntax);
    for (const auto& p : syntax) {
      // The INI reader locates its problems as "file:line".
      auto colon = p.where.rfind(':');
      int line = 0;
      if (colon != std::string::npos) {
        const char* first = p.where.data() + colon + 1;
        (void)std::from_chars(first, p.where.data() + p.where.size(), line);
      }
      found_.push_back({line, p.message});
    }

    manifest_.file = file_;
    const IniSection* plugin = nullptr;
    std::map<std::string, int> seen;  // section name -> first line
    for (const auto& section : doc.sections) {
      auto [first, inserted] = seen.emplace(section.name, section.line);
      if (!inserted) {
        problem(section.line, "section [" + section.name + "] is repeated (first at line " +
                                  std::to_string(first->second) + "): merge them into one");
        continue;
      }
      if (section.name == "plugin") {
        plugin = &section;
        read_plugin(section);
      } else if (section.name.rfind("config.", 0) == 0) {
        read_config_key(section);
      } else {
        problem(section.line, "unknown section [" + section.name + "]" + did_you_mean(section.name, {"plugin"}) +
                                  ": a manifest has [plugin] and one [config.<key>] per config key");
      }
    }
    if (!plugin)
      problem(doc.sections.empty() ? 1 : doc.sections.front().line,
              "no [plugin] section: add one with " + join(required_plugin_keys));

    for (auto& key : manifest_.config_keys) {
      key.section = manifest_.name;
      key.declared_by = manifest_.name;
    }
    // In line order, as the admin reads the file.
    std::stable_sort(found_.begin(), found_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [line, message] : found_)
      problems_.push_back(file_.string() + ":" + std::to_string(line) + ": " + message);
    if (!found_.empty()) return std::nullopt;
    return manifest_;
  }

private:
  const std::filesystem::path& file_;
  std::vector<std::string>& problems_;
  std::vector<std::pair<int, std::string>> found_;
  Manifest manifest_;

  void problem(int line, const std::string& message) { found_.push_back({line, message}); }

  void read_plugin(const IniSection& section) {
    for (const auto& e : section.entries) {
      if (std::find(plugin_keys.begin(), plugin_keys.end(), e.key) == plugin_keys.end()) {
        problem(e.line, "unknown key '" + e.key + "' in [plugin]" + did_you_mean(e.key, plugin_keys) +
                            ": the keys are " + join(plugin_keys));
        continue;
      }
      read_plugin_key(e);
    }
    for (auto required : required_plugin_keys) {
      bool present = std::any_of(section.entries.begin(), section.entries.end(),
                                 [&](const IniEntry& e) { return e.key == required; });
      if (!present)
        problem(section.line,
                "[plugin] has no '" + std::string(required) + "': add '" + std::string(required) + " = ...'");
    }
  }

  void read_plugin_key(const IniEntry& e) {
    const std::string& v = e.value;
    if (e.key == "name") {
      if (!valid_name(v))
        problem(e.line, "name '" + v + "' is not valid: use a lower-case letter, then lower-case letters, digits or '_'");
      else if (v == "host")
        problem(e.line, "name 'host' is reserved for the host itself (plugins require it as 'host >=1.0'): choose another");
      manifest_.name = v;
    } else if (e.key == "version") {
      auto version = SemVer::parse(v);
      if (!version)
        problem(e.line, "version '" + v + "' is not a version: write major.minor.patch, such as 1.0.0");
      else
        manifest_.version = *version;
      manifest_.version_text = v;
    } else if (e.key == "kind") {
      if (v != "module" && v != "adapter")
        problem(e.line, "kind '" + v + "' is neither module nor adapter");
      manifest_.kind = v;
    } else if (e.key == "abi") {
      std::uint32_t abi = 0;
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), abi);
      if (v.empty() || ec != std::errc() || end != v.data() + v.size())
        problem(e.line, "abi '" + v + "' is not a plugin ABI number (a non-negative integer, such as 1)");
      else
        manifest_.abi = abi;
    } else if (e.key == "build_tag") {
      if (v.empty()) problem(e.line, "build_tag is empty: write the tag the plugin was built with, such as GNU-12.2/c++20/sdk-0.1");
      manifest_.build_tag = v;
    } else if (e.key == "description") {
      manifest_.description = v;
    } else if (e.key == "requires") {
      read_requires(e);
    } else if (e.key == "provides") {
      manifest_.provides = read_ports(e);
    } else if (e.key == "uses") {
      manifest_.uses = read_ports(e);
    }
  }

  // "inventory >=1.0, <2; customers >=1.0; host >=1.0"
  void read_requires(const IniEntry& e) {
    std::string_view rest = e.value;
    if (trim(rest).empty()) return;
    while (true) {
      auto semicolon = rest.find(';');
      std::string_view item = trim(rest.substr(0, semicolon));
      read_requirement(e, item);
      if (semicolon == std::string_view::npos) break;
      rest.remove_prefix(semicolon + 1);
    }
  }

  void read_requirement(const IniEntry& e, std::string_view item) {
    if (item.empty()) {
      problem(e.line, "requires has an empty entry: separate entries with ';', such as 'inventory >=1.0, <2; customers >=1.0'");
      return;
    }
    auto end = item.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_");
    std::string name(item.substr(0, end));
    std::string range_text(end == std::string_view::npos ? std::string_view() : trim(item.substr(end)));
    if (!valid_name(name)) {
      problem(e.line, "requires entry '" + std::string(item) +
                          "' does not start with a plugin name: write 'name [range]', such as 'inventory >=1.0, <2'");
      return;
    }
    auto range = VersionRange::parse(range_text);
    if (!range) {
      problem(e.line, "requires entry '" + std::string(item) + "' has a malformed version range '" + range_text +
                          "': write comparisons separated by ',', such as '>=1.0, <2' (operators >= > <= < = != ^ ~)");
      return;
    }
    for (const auto& r : manifest_.requires_plugins) {
      if (r.name == name) {
        problem(e.line, "requires names '" + name + "' twice: join the ranges with ',' in one entry");
        return;
      }
    }
    manifest_.requires_plugins.push_back({name, *range});
  }

  std::vector<std::string> read_ports(const IniEntry& e) {
    std::vector<std::string> ports;
    std::string_view rest = e.value;
    if (trim(rest).empty()) return ports;
    while (true) {
      auto comma = rest.find(',');
      std::string port(trim(rest.substr(0, comma)));
      if (!valid_name(port)) {
        problem(e.line, e.key + " has " + (port.empty() ? "an empty entry" : "an invalid port name '" + port + "'") +
                            ": write port names separated by ',', such as 'database, carrier'");
      } else if (std::find(ports.begin(), ports.end(), port) != ports.end()) {
        problem(e.line, e.key + " names port '" + port + "' twice");
      } else {
        ports.push_back(port);
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    return ports;
  }

  void read_config_key(const IniSection& section) {
    ConfigKey key;
    key.name = section.name.substr(std::string_view("config.").size());
    if (!valid_key_name(key.name))
      problem(section.line, "config key name '" + key.name + "' in [" + section.name +
                                "] is not valid: use lower-case letters, digits, '_' and '-'");
    const IniEntry* type = nullptr;
    bool type_ok = false;
    const IniEntry* default_value = nullptr;
    bool has_help = false;
    for (const auto& e : section.entries) {
      if (e.key == "type") {
        type = &e;
        type_ok = parse_key_type(e.value, key);
        if (!type_ok)
          problem(e.line, "type '" + e.value + "' of config key '" + key.name +
                              "' is unknown: use string, int, bool, list, timestamp, path or enum(a|b|...)");
      } else if (e.key == "default") {
        default_value = &e;
        key.default_value = e.value;
      } else if (e.key == "help") {
        has_help = true;
        key.help = e.value;
      } else if (e.key == "required") {
        if (e.value == "true" || e.value == "yes" || e.value == "on" || e.value == "1")
          key.required = true;
        else if (e.value == "false" || e.value == "no" || e.value == "off" || e.value == "0")
          key.required = false;
        else
          problem(e.line, "required '" + e.value + "' is not a boolean (use true or false)");
      } else {
        problem(e.line, "unknown key '" + e.key + "' in [" + section.name + "]" + did_you_mean(e.key, config_key_keys) +
                            ": the keys are " + join(config_key_keys));
      }
    }
    if (!type) problem(section.line, "[" + section.name + "] has no 'type': add 'type = string' (or int, bool, list, timestamp, path, enum(a|b))");
    if (!has_help) problem(section.line, "[" + section.name + "] has no 'help': add a one-line 'help = ...' for `config docs`");
    if (type_ok && default_value) {
      auto wrong = check_value(key, default_value->value);
      if (!wrong.empty()) problem(default_value->line, "default of config key '" + key.name + "': " + wrong);
    }
    if (key.required && default_value)
      problem(default_value->line, "config key '" + key.name + "' is required and has a default: keep one of them");
    manifest_.config_keys.push_back(std::move(key));
  }
};

}  // namespace

std::optional<Manifest> parse_manifest(const std::string& text, const std::filesystem::path& file,
                                       std::vector<std::string>& problems) {
  return ManifestReader(file, problems).read(text);
}

std::optional<Manifest> read_manifest(const std::filesystem::path& file, std::vector<std::string>& problems) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    problems.push_back(file.string() + ": cannot read the manifest: check that it exists and is readable");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    problems.push_back(file.string() + ": cannot read the manifest: an I/O error occurred");
    return std::nullopt;
  }
  return parse_manifest(text.str(), file, problems);
}

}  // namespace downstream::host
