#include <iostream>

#include "cli/cli.h"

namespace downstream::host {

int cmd_serve(const CommandLine&) {
  std::cerr << "downstream serve: not built yet\n";
  return 2;
}

}  // namespace downstream::host
