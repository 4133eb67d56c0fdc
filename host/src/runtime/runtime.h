#pragma once
// The host at run time: configuration, plugins, database, and the context each
// plugin receives. Boots in stages so CLI commands can stop where they need to:
// `plugins list` after configure, `migrate --plan` before applying, `serve` all the way.
#include <downstream/clock.h>
#include <downstream/log.h>
#include <downstream/ports/database.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "config/config_store.h"
#include "plugins/plugin_host.h"
#include "runtime/command_table.h"
#include "runtime/route_table.h"

namespace downstream::host {

class ServiceDirectory;

enum class Stage {
  config_read,   // configuration read and validated (ConfigInvalid lists every problem)
  plugins_loaded,  // plugins discovered, verified, resolved, loaded
  configured,    // on_configure ran for each plugin
  database_open, // database opened through the driver that serves database.url
  migrated,      // host and plugin migrations applied, on_migrate ran
  registered,    // on_register ran: services, routes, event handlers in place
  started,       // on_start ran
};

// The configuration has problems; what() lists every one, "file:line: message" per line.
class ConfigInvalid : public std::runtime_error {
public:
  explicit ConfigInvalid(const ConfigProblems& problems);
  ConfigProblems problems;
};

// Where plugins and trusted keys are, whether signatures are required, and which
// plugins are disabled, from the configuration (defaults: beside the binary, as the
// build or the install laid them out).
PluginHostOptions plugin_host_options(const ConfigStore& config);

// The process environment as a map, for the DOWNSTREAM_<SECTION>__<KEY> overrides.
std::map<std::string, std::string> process_environment();

// Every key the host and the discovered plugins declare; each plugin section also
// has `enabled` (bool, default true).
std::vector<ConfigKey> declared_keys(PluginHost& plugins);

class Runtime {
public:
  explicit Runtime(const CommandLine& cl);
  ~Runtime();

  // Boots up to and including `stage`; throws on the first stage that fails
  // (ConfigInvalid, PluginStartError, MigrationError, db::DatabaseError).
  void boot(Stage stage);
  // Stops started plugins in reverse order.
  void shutdown() noexcept;

  const ConfigStore& config() const;
  PluginHost& plugin_host();
  db::Database& database();
  // Puts `wrap(database)` in the database's place for everything that asks from
  // now on (the bench's statement trace and floor). Plugins holding the old
  // reference keep working: the wrapper owns it.
  void interpose_database(const std::function<std::unique_ptr<db::Database>(std::unique_ptr<db::Database>)>& wrap);
  const Clock& clock() const;
  RouteTable& routes();
  CommandTable& commands();
  Logger& log();
  // Every service the plugins provide (what `downstream bench` calls in-process).
  ServiceDirectory& services();
  // What `migrate --plan` prints: pending migrations of the host and every plugin.
  std::vector<std::string> pending_migrations();

  struct Impl;

private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace downstream::host
