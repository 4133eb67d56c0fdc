#include "runtime/runtime.h"

#include <downstream/version.h>

#include <chrono>
#include <cstdlib>
#include <sstream>

#include "migrations/migrator.h"
#include "runtime/event_bus.h"
#include "runtime/host_clock.h"
#include "runtime/plugin_context.h"

extern "C" char** environ;
// The host's own migrations (outbox, and later API keys), compiled in.
extern const downstream_migration downstream_embedded_migrations[];
extern const std::uint32_t downstream_embedded_migration_count;

namespace downstream::host {

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string kv = *e;
    auto eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return env;
}

namespace {
std::string join_problems(const ConfigProblems& problems) {
  std::string out = "the configuration has " + std::to_string(problems.size()) + " problem" +
                    (problems.size() == 1 ? "" : "s") + ":";
  for (const auto& p : problems) out += "\n  " + p.to_string();
  return out;
}

std::string url_scheme(const std::string& url) {
  auto colon = url.find(':');
  return colon == std::string::npos ? std::string() : url.substr(0, colon);
}
}  // namespace

std::vector<ConfigKey> declared_keys(PluginHost& plugins) {
  std::vector<ConfigKey> keys = host_config_keys();
  for (auto* rec : plugins.plugins()) {
    ConfigKey enabled;
    enabled.section = rec->manifest.name;
    enabled.name = "enabled";
    enabled.type = KeyType::boolean;
    enabled.default_value = "true";
    enabled.help = "Load this plugin; false switches it off";
    enabled.declared_by = rec->manifest.name;
    keys.push_back(enabled);
    keys.insert(keys.end(), rec->manifest.config_keys.begin(), rec->manifest.config_keys.end());
  }
  return keys;
}

ConfigInvalid::ConfigInvalid(const ConfigProblems& p) : std::runtime_error(join_problems(p)), problems(p) {}

struct Runtime::Impl {
  CommandLine cl;
  ConfigStore store;
  HostParts parts;
  std::unique_ptr<PluginHost> plugins;
  std::map<std::string, std::unique_ptr<HostContext>> contexts;
  Stage reached{};
  bool any_stage = false;
  bool started = false;
  std::unique_ptr<Logger> host_log;

  HostContext& context(const std::string& plugin) {
    auto& c = contexts[plugin];
    if (!c) c = std::make_unique<HostContext>(parts, plugin);
    return *c;
  }

  std::string setting(const std::string& section, const std::string& key, const std::string& fallback) const {
    auto v = store.get(section, key);
    if (v) return v->value;
    for (const auto& k : parts.declared)
      if (k.section == section && k.name == key && k.default_value) return *k.default_value;
    return fallback;
  }

  void read_config() {
    ConfigProblems problems;
    store = ConfigStore::load({cl.config_dir, process_environment(), cl.defines}, problems);
    parts.config = &store;
    parts.site_documents.clear();
    for (const auto& doc : store.site_documents()) {
      ConfigDocument d;
      d.file = doc.file.string();
      for (const auto& sec : doc.sections) {
        ConfigDocument::Section s{sec.name, sec.line, {}};
        for (const auto& e : sec.entries) s.entries.push_back({e.key, e.value, e.line});
        d.sections.push_back(std::move(s));
      }
      parts.site_documents.push_back(std::move(d));
    }
    parts.log = std::make_shared<LogSink>(parse_log_level(store.get("log", "level") ? store.get("log", "level")->value : "info"));
    host_log = std::make_unique<SourceLogger>(parts.log, "host");

    plugins = std::make_unique<PluginHost>(plugin_host_options(store));
    plugins->discover();
    parts.declared = declared_keys(*plugins);
    auto more = validate_config(store, parts.declared);
    problems.insert(problems.end(), more.begin(), more.end());
    if (!problems.empty()) throw ConfigInvalid(problems);

    if (auto fixed = store.get("host", "clock"); fixed && !fixed->value.empty()) {
      parts.clock = std::make_unique<FixedClock>(parse_timestamp(fixed->value));
      host_log->warning("the clock is fixed at " + fixed->value + " (host.clock, " + fixed->origin +
                        "): a test-only setting");
    } else {
      parts.clock = std::make_unique<SystemClock>();
    }
    parts.events = std::make_unique<HostEventBus>(*parts.clock);
  }

  void load_plugins() {
    plugins->verify();
    plugins->resolve();
    plugins->load();
    auto problems = plugins->problems();
    if (!problems.empty()) {
      std::string msg = "plugins could not be loaded:";
      for (const auto& p : problems) msg += "\n  " + p;
      throw PluginStartError(msg);
    }
  }

  void open_database() {
    db::DatabaseSettings s;
    s.url = setting("database", "url", "sqlite3:var/downstream.db");
    s.pool_size = std::stoi(setting("database", "pool_size", "4"));
    s.busy_timeout = std::chrono::milliseconds(std::stoll(setting("database", "busy_timeout_ms", "5000")));
    s.max_attempts = std::stoi(setting("database", "max_attempts", "5"));
    s.sqlite_synchronous = setting("database", "sqlite_synchronous", "NORMAL");
    auto adapter = setting("ports", "database", "soci");
    auto scheme = url_scheme(s.url);
    auto driver = std::static_pointer_cast<db::Driver>(parts.services.find(db::Driver::kServiceName, adapter));
    if (!driver)
      throw db::DatabaseError("no database driver from adapter '" + adapter +
                              "' (ports.database): is the plugin installed and enabled?");
    auto schemes = driver->schemes();
    if (std::find(schemes.begin(), schemes.end(), scheme) == schemes.end()) {
      std::string list;
      for (const auto& sc : schemes) list += (list.empty() ? "" : ", ") + sc;
      throw db::DatabaseError("database.url '" + scheme + ":...' is not served by adapter '" + adapter +
                              "', which knows: " + list);
    }
    parts.database = driver->open(s);
    host_log->info("database " + parts.database->describe());
  }

  void migrate() {
    Migrator migrator(*parts.database);
    migrator.prepare();
    auto ran = migrator.apply("host", migrations_of(downstream_embedded_migrations, downstream_embedded_migration_count));
    for (const auto& m : ran) host_log->info("applied migration host/" + m.file_name);
    plugins->run_phase(Phase::migrate, [&](PluginRecord& rec) {
      auto files = migrations_of(rec.descriptor->migrations, rec.descriptor->migration_count);
      for (const auto& m : migrator.apply(rec.manifest.name, files))
        host_log->info("applied migration " + rec.manifest.name + "/" + m.file_name);
      rec.instance->on_migrate(context(rec.manifest.name));
    });
  }

  void run(Stage stage) {
    switch (stage) {
      case Stage::config_read: read_config(); break;
      case Stage::plugins_loaded: load_plugins(); break;
      case Stage::configured:
        plugins->run_phase(Phase::configure,
                           [&](PluginRecord& rec) { rec.instance->on_configure(context(rec.manifest.name)); });
        break;
      case Stage::database_open: open_database(); break;
      case Stage::migrated: migrate(); break;
      case Stage::registered:
        plugins->run_phase(Phase::register_,
                           [&](PluginRecord& rec) { rec.instance->on_register(context(rec.manifest.name)); });
        break;
      case Stage::started:
        started = true;
        plugins->run_phase(Phase::start, [&](PluginRecord& rec) { rec.instance->on_start(context(rec.manifest.name)); });
        break;
    }
  }
};

Runtime::Runtime(const CommandLine& cl) : impl_(std::make_unique<Impl>()) { impl_->cl = cl; }

Runtime::~Runtime() { shutdown(); }

void Runtime::boot(Stage stage) {
  static constexpr Stage order[] = {Stage::config_read, Stage::plugins_loaded, Stage::configured, Stage::database_open,
                                    Stage::migrated,    Stage::registered,     Stage::started};
  for (Stage s : order) {
    if (impl_->any_stage && s <= impl_->reached) continue;
    if (s > stage) break;
    impl_->run(s);
    impl_->reached = s;
    impl_->any_stage = true;
  }
}

void Runtime::shutdown() noexcept {
  if (!impl_ || !impl_->started || !impl_->plugins) return;
  impl_->started = false;
  impl_->plugins->stop_all([&](PluginRecord& rec) { rec.instance->on_stop(impl_->context(rec.manifest.name)); });
}

const ConfigStore& Runtime::config() const { return impl_->store; }
PluginHost& Runtime::plugin_host() { return *impl_->plugins; }
const Clock& Runtime::clock() const { return *impl_->parts.clock; }
RouteTable& Runtime::routes() { return impl_->parts.routes; }
CommandTable& Runtime::commands() { return impl_->parts.commands; }
Logger& Runtime::log() { return *impl_->host_log; }
ServiceDirectory& Runtime::services() { return impl_->parts.services; }

db::Database& Runtime::database() {
  if (!impl_->parts.database) throw db::DatabaseError("the database is not open yet");
  return *impl_->parts.database;
}

void Runtime::interpose_database(
    const std::function<std::unique_ptr<db::Database>(std::unique_ptr<db::Database>)>& wrap) {
  if (!impl_->parts.database) throw db::DatabaseError("the database is not open yet");
  impl_->parts.database = wrap(std::move(impl_->parts.database));
}

std::vector<std::string> Runtime::pending_migrations() {
  std::vector<std::string> out;
  Migrator migrator(database());
  migrator.prepare();
  for (const auto& m : migrator.plan("host", migrations_of(downstream_embedded_migrations, downstream_embedded_migration_count)))
    out.push_back("host/" + m.file_name);
  for (auto* rec : impl_->plugins->plugins()) {
    if (!rec->descriptor) continue;
    for (const auto& m : migrator.plan(rec->manifest.name,
                                       migrations_of(rec->descriptor->migrations, rec->descriptor->migration_count)))
      out.push_back(rec->manifest.name + "/" + m.file_name);
  }
  return out;
}

}  // namespace downstream::host
