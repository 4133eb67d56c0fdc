// throws_in_configure: on_configure throws; the host names the plugin and phase.
#include "lifecycle_log.h"

#include <stdexcept>

namespace {
class CfgThrower final : public downstream_test_plugins::LoggingPlugin {
public:
  void on_configure(downstream::PluginContext&) override {
    downstream_test_plugins::lifecycle_log("configure");
    throw std::runtime_error("the flux capacitor is not configured");
  }
};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(CfgThrower)
