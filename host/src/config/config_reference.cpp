// `config docs`: every declared key with its type, default and help, grouped by section.
#include <algorithm>

#include "config/config_store.h"

namespace downstream::host {

namespace {

std::string describe_default(const ConfigKey& k) {
  if (!k.default_value) return k.required ? "   (" + key_type_name(k) + ", required)" : "   (" + key_type_name(k) + ", optional)";
  const std::string shown = k.default_value->empty() ? "\"\"" : *k.default_value;
  return " = " + shown + "   (" + key_type_name(k) + ")";
}

}  // namespace

std::string config_reference(const std::vector<ConfigKey>& declared) {
  // The host's sections in the order it declares them, then plugin sections by name;
  // keys in the order they are declared.
  std::vector<std::string> host_sections;
  std::vector<std::string> plugin_sections;
  for (const auto& k : declared) {
    auto& into = k.declared_by == "host" ? host_sections : plugin_sections;
    if (std::find(into.begin(), into.end(), k.section) == into.end()) into.push_back(k.section);
  }
  std::sort(plugin_sections.begin(), plugin_sections.end());
  plugin_sections.erase(std::remove_if(plugin_sections.begin(), plugin_sections.end(),
                                       [&](const std::string& s) {
                                         return std::find(host_sections.begin(), host_sections.end(), s) !=
                                                host_sections.end();
                                       }),
                        plugin_sections.end());

  std::string out =
      "Downstream configuration keys. Set them in downstream.ini or modules.d/*.ini under their\n"
      "[section], as DOWNSTREAM_<SECTION>__<KEY> environment variables, or with -D section.key=value;\n"
      "later sources win. `downstream config check` validates a configuration.\n";
  auto print_section = [&](const std::string& section, bool by_host) {
    out += "\n[" + section + "]";
    if (!by_host) out += "   (plugin)";
    out += "\n";
    for (const auto& k : declared) {
      if (k.section != section) continue;
      out += "  " + k.name + describe_default(k) + "\n";
      if (!k.help.empty()) out += "      " + k.help + "\n";
    }
  };
  for (const auto& s : host_sections) print_section(s, true);
  for (const auto& s : plugin_sections) print_section(s, false);
  return out;
}

}  // namespace downstream::host
