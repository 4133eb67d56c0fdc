#pragma once
// For the catalogue's plugins: a Plugin that appends "<name> <phase>" to the file
// named by $DOWNSTREAM_TEST_LIFECYCLE_LOG at every lifecycle call, so a test can
// read back which phases ran, for which plugin, in which order. Without the
// variable it writes nothing. <name> is the manifest's (DOWNSTREAM_PLUGIN_NAME).
#include <downstream/plugin.h>

#include <cstdlib>
#include <fstream>

namespace downstream_test_plugins {

inline void lifecycle_log(const char* phase) noexcept {
  try {
    if (const char* file = std::getenv("DOWNSTREAM_TEST_LIFECYCLE_LOG"); file && *file)
      std::ofstream(file, std::ios::app) << DOWNSTREAM_PLUGIN_NAME << ' ' << phase << '\n';
  } catch (...) {
    // A test log is not worth failing a phase for; the test sees the missing line.
  }
}

class LoggingPlugin : public downstream::Plugin {
public:
  void on_configure(downstream::PluginContext&) override { lifecycle_log("configure"); }
  void on_migrate(downstream::PluginContext&) override { lifecycle_log("migrate"); }
  void on_register(downstream::PluginContext&) override { lifecycle_log("register"); }
  void on_start(downstream::PluginContext&) override { lifecycle_log("start"); }
  void on_stop(downstream::PluginContext&) noexcept override { lifecycle_log("stop"); }
};

}  // namespace downstream_test_plugins
