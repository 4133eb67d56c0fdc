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
  std::cerr << "usage: downstream config check | docs\n";
  return 64;
}

}  // namespace downstream::host
