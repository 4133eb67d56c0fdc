#include <iostream>

#include "cli/cli.h"

namespace downstream::host {

int cmd_config(const CommandLine&) {
  std::cerr << "downstream config: not built yet\n";
  return 2;
}

}  // namespace downstream::host
