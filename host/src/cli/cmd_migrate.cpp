// `downstream migrate [--plan]`: apply, or only list, pending migrations.
#include <iostream>

#include "cli/cli.h"
#include "runtime/runtime.h"

namespace downstream::host {

int cmd_migrate(const CommandLine& cl) {
  bool plan = false;
  for (const auto& a : cl.args) {
    if (a == "--plan") plan = true;
    else {
      std::cerr << "downstream migrate: unknown argument '" << a << "' (usage: downstream migrate [--plan])\n";
      return 64;
    }
  }
  Runtime rt(cl);
  try {
    rt.boot(Stage::database_open);
    auto pending = rt.pending_migrations();
    if (plan) {
      if (pending.empty()) std::cout << "nothing to apply: the database is up to date\n";
      for (const auto& m : pending) std::cout << "would apply " << m << "\n";
      return 0;
    }
    rt.boot(Stage::migrated);
    std::cout << (pending.empty() ? "nothing to apply: the database is up to date\n" : "");
    for (const auto& m : pending) std::cout << "applied " << m << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "downstream migrate: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace downstream::host
