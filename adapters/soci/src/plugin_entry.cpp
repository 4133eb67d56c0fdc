// The soci adapter plugin: provides the database port's Driver to the host.
#include <downstream/host_context.h>
#include <downstream/plugin.h>

#include "soci_driver.h"

namespace {

class SociPlugin final : public downstream::Plugin {
public:
  // Adapters provide their ports while configuring: the host opens the database
  // right after the configure phase, through the Driver provided here.
  void on_configure(downstream::PluginContext& ctx) override {
    ctx.services().provide<downstream::db::Driver>(
        std::shared_ptr<downstream::db::Driver>(downstream::soci_adapter::make_driver()));
  }
};

}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(SociPlugin)
