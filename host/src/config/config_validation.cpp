// `config check`: the layered store against the declared keys. Every problem
// names the place of the offending line and, where we can guess it, the fix.
#include <algorithm>
#include <set>
#include <tuple>

#include "config/config_store.h"
#include "config/spelling.h"

namespace downstream::host {

namespace {

// The closest candidate within two edits, the first in order on a tie; "" if none.
// A candidate no longer than the distance is not a guess but a replacement, so it is skipped.
std::string closest(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 3;
  for (const auto& c : candidates) {
    auto d = edit_distance(name, c);
    if (d < best_distance && d < c.size()) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

// Files in path and line order, then environment variables, then -D, then the
// rest ("config", "plugin x"), as an admin reads them.
std::tuple<int, std::string, long> place(const std::string& where) {
  if (where.rfind("env ", 0) == 0) return {1, where, 0};
  if (where.rfind("-D ", 0) == 0) return {2, where, 0};
  auto colon = where.rfind(':');
  if (colon != std::string::npos && colon + 1 < where.size() &&
      where.find_first_not_of("0123456789", colon + 1) == std::string::npos)
    return {0, where.substr(0, colon), std::stol(where.substr(colon + 1))};
  return {3, where, 0};
}

bool switched_off(const ConfigStore& store, const std::string& section) {
  auto enabled = store.get(section, "enabled");
  if (!enabled) return false;
  const auto& v = enabled->value;
  return v == "false" || v == "no" || v == "off" || v == "0";
}

}  // namespace

ConfigProblems validate_config(const ConfigStore& store, const std::vector<ConfigKey>& declared) {
  ConfigProblems problems;

  std::vector<std::string> known_sections;
  for (const auto& k : declared)
    if (std::find(known_sections.begin(), known_sections.end(), k.section) == known_sections.end())
      known_sections.push_back(k.section);
  std::sort(known_sections.begin(), known_sections.end());

  auto declared_key = [&](const std::string& section, const std::string& name) -> const ConfigKey* {
    for (const auto& k : declared)
      if (k.section == section && k.name == name) return &k;
    return nullptr;
  };

  for (const auto& [section, origins] : store.section_origins()) {
    if (std::binary_search(known_sections.begin(), known_sections.end(), section)) continue;
    auto guess = closest(section, known_sections);
    std::string message = "unknown section [" + section + "]";
    message += guess.empty() ? ": no installed plugin or host section has this name; remove it or install the plugin"
                             : " (did you mean [" + guess + "]?)";
    for (const auto& origin : origins) problems.push_back({origin, message});
  }

  for (const auto& section : store.sections()) {
    if (!std::binary_search(known_sections.begin(), known_sections.end(), section)) continue;
    std::vector<std::string> names;
    for (const auto& k : declared)
      if (k.section == section) names.push_back(k.name);
    for (const auto& [name, value] : store.section(section)) {
      const ConfigKey* key = declared_key(section, name);
      if (!key) {
        auto guess = closest(name, names);
        problems.push_back({value.origin, "unknown key '" + name + "' in [" + section + "]" +
                                              (guess.empty() ? ": `downstream config docs` lists the keys"
                                                             : " (did you mean '" + guess + "'?)")});
        continue;
      }
      auto wrong = check_value(*key, value.value);
      if (!wrong.empty()) problems.push_back({value.origin, section + "." + name + " = " + wrong});
    }
  }

  for (const auto& k : declared) {
    if (k.default_value) {
      // A default that fails its own type is the plugin's mistake, not the admin's.
      auto wrong = check_value(k, *k.default_value);
      if (!wrong.empty())
        problems.push_back({"plugin " + k.declared_by, "the declared default of " + k.section + "." + k.name + " " +
                                                           wrong + ": fix the plugin's manifest"});
      continue;
    }
    // A switched-off plugin needs none of its settings.
    if (!k.required || store.get(k.section, k.name) || switched_off(store, k.section)) continue;
    auto origins = store.section_origins().find(k.section);
    std::string where = origins == store.section_origins().end() ? "config" : origins->second.front();
    problems.push_back({where, "missing required key " + k.section + "." + k.name + " (" + key_type_name(k) +
                                   ", " + k.help + "): add '" + k.name + " = ...' under [" + k.section + "]"});
  }

  std::stable_sort(problems.begin(), problems.end(),
                   [](const ConfigProblem& a, const ConfigProblem& b) { return place(a.where) < place(b.where); });
  return problems;
}

}  // namespace downstream::host
