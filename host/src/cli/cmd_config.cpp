// `downstream config check | docs`.
#include <iostream>

#include "cli/cli.h"
#include "runtime/runtime.h"

namespace downstream::host {

int cmd_config(const CommandLine& cl) {
  std::string sub = cl.args.empty() ? "" : cl.args[0];
  if (sub == "check") {
    Runtime rt(cl);
    try {
      rt.boot(Stage::config_read);
    } catch (const ConfigInvalid& e) {
      for (const auto& p : e.problems) std::cerr << p.to_string() << "\n";
      std::cerr << e.problems.size() << " problem" << (e.problems.size() == 1 ? "" : "s") << " in "
                << cl.config_dir.string() << "\n";
      return 1;
    }
    std::cout << "configuration in " << cl.config_dir.string() << " is valid\n";
    return 0;
  }
  if (sub == "docs") {
    // The reference needs the declared keys, not a valid configuration.
    ConfigProblems ignored;
    ConfigStore store = ConfigStore::load({cl.config_dir, {}, cl.defines}, ignored);
    PluginHost plugins(plugin_host_options(store));
    plugins.discover();
    auto keys = declared_keys(plugins);
    std::cout << config_reference(keys);
    return 0;
  }
  if (sub == "get" && cl.args.size() == 2) {
    // The effective value of one key, after files, environment and -D; its default if unset.
    const auto& name = cl.args[1];
    auto dot = name.rfind('.');
    if (dot == std::string::npos) {
      std::cerr << "downstream config get: give section.key, such as http.listen\n";
      return 64;
    }
    ConfigProblems ignored;
    ConfigStore store = ConfigStore::load({cl.config_dir, process_environment(), cl.defines}, ignored);
    auto section = name.substr(0, dot), key = name.substr(dot + 1);
    if (auto v = store.get(section, key)) {
      std::cout << v->value << "\n";
      return 0;
    }
    PluginHost plugins(plugin_host_options(store));
    plugins.discover();
    for (const auto& k : declared_keys(plugins))
      if (k.section == section && k.name == key) {
        if (!k.default_value) return 1;  // declared, unset, no default
        std::cout << *k.default_value << "\n";
        return 0;
      }
    std::cerr << "downstream config get: no key " << name << " (see `downstream config docs`)\n";
    return 1;
  }
  if (sub == "plan" || sub == "apply") {
    // Sites and locations belong to the inventory module, which registers these.
    std::vector<std::string> words = {"config"};
    words.insert(words.end(), cl.args.begin(), cl.args.end());
    return cmd_plugin_command(cl, words);
  }
  std::cerr << "usage: downstream config check | docs | get section.key | plan | apply\n";
  return 64;
}

}  // namespace downstream::host
