// Commands the plugins add (`downstream inventory close-period DATE`) and
// `downstream check`, which runs every plugin's invariant checks.
#include <iostream>

#include "cli/cli.h"
#include "runtime/runtime.h"

namespace downstream::host {

int cmd_plugin_command(const CommandLine& cl, const std::vector<std::string>& words) {
  Runtime rt(cl);
  try {
    rt.boot(Stage::registered);
  } catch (const std::exception& e) {
    std::cerr << "downstream " << words.front() << ": not a host command, and the plugins that might provide it "
              << "could not start: " << e.what() << "\n";
    return 1;
  }
  auto found = rt.commands().find(words);
  if (!found) {
    std::cerr << "downstream: unknown command '" << words.front() << "'; commands from plugins:\n";
    for (const auto& c : rt.commands().commands())
      std::cerr << "  " << c.command.name << " " << c.command.usage << "    " << c.command.summary << " ("
                << c.plugin << ")\n";
    std::cerr << "see `downstream --help` for the host's own\n";
    return 64;
  }
  std::vector<std::string> args(words.begin() + static_cast<std::ptrdiff_t>(found->second), words.end());
  try {
    return found->first.command.run(args, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "downstream " << found->first.command.name << ": " << e.what() << "\n";
    return 1;
  }
}

int cmd_check(const CommandLine& cl) {
  if (!cl.args.empty()) {
    std::cerr << "usage: downstream check\n";
    return 64;
  }
  Runtime rt(cl);
  try {
    rt.boot(Stage::registered);
  } catch (const std::exception& e) {
    std::cerr << "downstream check: cannot start: " << e.what() << "\n";
    return 1;
  }
  auto checks = rt.commands().checks();
  std::size_t violations = 0;
  // One read unit of work: every check sees the same snapshot.
  rt.database().read([&](db::Transaction& tx) {
    violations = 0;
    for (const auto& c : checks) {
      auto found = c.check.run(tx);
      violations += found.size();
      std::cout << (found.empty() ? "ok      " : "FAILED  ") << c.check.name << "\n";
      for (const auto& v : found) std::cout << "        " << v << "\n";
    }
  });
  if (checks.empty()) std::cout << "no plugin declares invariant checks\n";
  if (violations) {
    std::cerr << violations << " violation" << (violations == 1 ? "" : "s") << " found\n";
    return 1;
  }
  return 0;
}

}  // namespace downstream::host
