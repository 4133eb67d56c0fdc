// throws_in_start: on_start throws.
#include "lifecycle_log.h"

#include <stdexcept>

namespace {
class StartThrower final : public downstream_test_plugins::LoggingPlugin {
public:
  void on_start(downstream::PluginContext&) override {
    downstream_test_plugins::lifecycle_log("start");
    throw std::runtime_error("port 0 is already in use");
  }
};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(StartThrower)
