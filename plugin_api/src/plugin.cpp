#include <downstream/plugin.h>

namespace downstream {
Plugin::~Plugin() = default;
void Plugin::on_configure(PluginContext&) {}
void Plugin::on_migrate(PluginContext&) {}
void Plugin::on_register(PluginContext&) {}
void Plugin::on_start(PluginContext&) {}
void Plugin::on_stop(PluginContext&) noexcept {}
}  // namespace downstream
