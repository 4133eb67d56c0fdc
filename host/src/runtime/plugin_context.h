#pragma once
// The PluginContext one plugin receives: its own config view, logger, services
// and routes, and the host-wide database, event bus and clock.
#include <downstream/host_context.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "config/config_view.h"
#include "runtime/command_table.h"
#include "runtime/host_logger.h"
#include "runtime/route_table.h"
#include "runtime/service_directory.h"

namespace downstream::host {

// What all contexts share; owned by the runtime.
struct HostParts {
  const ConfigStore* config = nullptr;
  std::vector<ConfigKey> declared;            // every declared key, host and plugins
  std::shared_ptr<LogSink> log;
  ServiceDirectory services;
  RouteTable routes;
  CommandTable commands;
  std::unique_ptr<Clock> clock;
  std::unique_ptr<EventBus> events;
  std::unique_ptr<db::Database> database;     // set when the database opens
  std::vector<ConfigDocument> site_documents; // config/sites.d/*.ini, for the inventory module
};

class HostContext final : public PluginContext {
public:
  HostContext(HostParts& parts, std::string plugin);
  std::string_view plugin_name() const override { return plugin_; }
  const ConfigSection& config() const override { return config(plugin_); }
  const ConfigSection& config(std::string_view section) const override;
  Logger& log() override { return logger_; }
  db::Database& database() override;
  ServiceRegistry& services() override { return services_; }
  EventBus& events() override { return *parts_.events; }
  http::RouteRegistry& routes() override { return routes_; }
  const Clock& clock() const override { return *parts_.clock; }
  CommandRegistry& commands() override { return commands_; }
  const std::vector<ConfigDocument>& site_documents() const override { return parts_.site_documents; }

private:
  HostParts& parts_;
  std::string plugin_;
  SourceLogger logger_;
  PluginServices services_;
  PluginRoutes routes_;
  PluginCommands commands_;
  mutable std::mutex views_mutex_;  // handlers read config from many threads
  mutable std::map<std::string, std::unique_ptr<ConfigView>, std::less<>> views_;
};

}  // namespace downstream::host
