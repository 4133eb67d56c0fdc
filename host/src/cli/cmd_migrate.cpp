#include <iostream>

#include "cli/cli.h"

namespace downstream::host {

int cmd_migrate(const CommandLine&) {
  std::cerr << "downstream migrate: not built yet\n";
  return 2;
}

}  // namespace downstream::host
