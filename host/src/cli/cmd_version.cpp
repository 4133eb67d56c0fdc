#include <downstream/version.h>

#include <iostream>

#include "cli/cli.h"

namespace downstream::host {

int cmd_version(const CommandLine&) {
  std::cout << "downstream " << DOWNSTREAM_SDK_VERSION << "\nplugin ABI " << DOWNSTREAM_PLUGIN_ABI
            << "\nbuild tag " << DOWNSTREAM_BUILD_TAG << "\n";
  return 0;
}

}  // namespace downstream::host
