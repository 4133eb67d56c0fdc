// downstream: the host's command line.
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <string>

#include "cli/cli.h"

namespace {

const char* kUsage = R"(usage: downstream [--config DIR] [-D section.key=value]... <command> [args]

commands:
  serve                      start every plugin and serve the HTTP API
  migrate [--plan]           apply (or list) pending database migrations
  plugins list               name, version, kind, state and signer of every plugin
  plugins check              check every plugin from its manifest; loads nothing
  plugins keygen --private-key FILE --public-key FILE
  plugins sign --key FILE [--signer NAME] LIBRARY...
  plugins verify [--trusted-keys DIR] LIBRARY...
  check                      prove every plugin's invariants from its tables (inventory: the ledger)
  keys create --name NAME --role admin|operator|viewer [--sites A,B]
                             create an API key; it is printed once
  keys list                  every API key with role, sites and state
  keys revoke KEY_ID         the key stops working at once
  bench generate --sites N --products N --moves N [--seed S] [--append]
                             generate a ledger to measure (W3); see BENCHMARKS.md
  bench --workload NAME [--form in-process|http] [--repeat N] [--json FILE]
                             measure a workload: ledger-at-scale, start (W1, W2 need sales)
  config check               report every configuration error with file and line
  config docs                print the reference of every configuration key
  config get section.key     print one key's effective value
  version                    print the version, plugin ABI and build tag
  <plugin command> ...       commands plugins add, such as `inventory close-period DATE`

options:
  -c, --config DIR           the config folder (default: $DOWNSTREAM_CONFIG or ./config)
  -D section.key=value       override one setting (after files and environment)
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace downstream::host;
  CommandLine cl;
  if (const char* env = std::getenv("DOWNSTREAM_CONFIG"); env && *env) cl.config_dir = env;
  std::string command;
  int i = 1;
  for (; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-c" || a == "--config") {
      if (i + 1 >= argc) {
        std::cerr << "downstream: " << a << " needs a folder\n";
        return 64;
      }
      cl.config_dir = argv[++i];
    } else if (a.rfind("--config=", 0) == 0) {
      cl.config_dir = a.substr(9);
    } else if (a == "-D" || (a.rfind("-D", 0) == 0 && a.size() > 2)) {
      std::string def = a.size() > 2 ? a.substr(2) : (i + 1 < argc ? argv[++i] : "");
      auto eq = def.find('=');
      if (eq == std::string::npos || eq == 0) {
        std::cerr << "downstream: -D expects section.key=value, got '" << def << "'\n";
        return 64;
      }
      cl.defines.emplace_back(def.substr(0, eq), def.substr(eq + 1));
    } else if (a == "-h" || a == "--help" || a == "help") {
      std::cout << kUsage;
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::cerr << "downstream: unknown option '" << a << "'\n" << kUsage;
      return 64;
    } else {
      command = a;
      ++i;
      break;
    }
  }
  for (; i < argc; ++i) cl.args.emplace_back(argv[i]);

  static const std::map<std::string, int (*)(const CommandLine&)> commands = {
      {"serve", cmd_serve},     {"plugins", cmd_plugins}, {"config", cmd_config},
      {"migrate", cmd_migrate}, {"version", cmd_version}, {"keys", cmd_keys}, {"check", cmd_check},
      {"bench", cmd_bench},
  };
  auto it = commands.find(command);
  if (command.empty()) {
    std::cerr << kUsage;
    return 64;
  }
  if (it == commands.end()) {
    // Perhaps a plugin's: `downstream inventory close-period 2026-01-31`.
    std::vector<std::string> words = {command};
    words.insert(words.end(), cl.args.begin(), cl.args.end());
    try {
      return cmd_plugin_command(cl, words);
    } catch (const std::exception& e) {
      std::cerr << "downstream " << command << ": " << e.what() << "\n";
      return 1;
    }
  }
  try {
    return it->second(cl);
  } catch (const std::exception& e) {
    std::cerr << "downstream " << command << ": " << e.what() << "\n";
    return 1;
  }
}
