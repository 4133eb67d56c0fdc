#include <iostream>

#include "cli/cli.h"

namespace downstream::host {

int cmd_plugins(const CommandLine&) {
  std::cerr << "downstream plugins: not built yet\n";
  return 2;
}

}  // namespace downstream::host
