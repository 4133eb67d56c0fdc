#pragma once
// Everything the host hands a plugin: its config section, a logger, the database,
// services of other plugins, the event bus, route registration and the clock.
#include <string_view>

#include <downstream/clock.h>
#include <downstream/commands.h>
#include <downstream/config.h>
#include <downstream/events.h>
#include <downstream/export.h>
#include <downstream/http.h>
#include <downstream/log.h>
#include <downstream/ports/database.h>
#include <downstream/services.h>

namespace downstream {

class DOWNSTREAM_API PluginContext {
public:
  virtual ~PluginContext();
  // The plugin's name, as in its manifest.
  virtual std::string_view plugin_name() const = 0;
  // The plugin's section of the configuration, typed and validated.
  virtual const ConfigSection& config() const = 0;
  // Any section, such as "database" or another plugin's; throws ConfigError if unknown.
  virtual const ConfigSection& config(std::string_view section) const = 0;
  virtual Logger& log() = 0;
  // The database; available from the migrate phase on (throws ServiceMissing before).
  virtual db::Database& database() = 0;
  virtual ServiceRegistry& services() = 0;
  virtual EventBus& events() = 0;
  virtual http::RouteRegistry& routes() = 0;
  virtual const Clock& clock() const = 0;
  // The site documents of config/sites.d/*.ini, in file name order, syntax already checked.
  virtual const std::vector<ConfigDocument>& site_documents() const = 0;
  // Commands and invariant checks for the `downstream` CLI; register them in on_register.
  virtual CommandRegistry& commands() = 0;
};

}  // namespace downstream
