#pragma once
// What a plugin library is to the host: one exported C entry point returning a
// plain-data descriptor, and the Plugin object the descriptor creates.
//
// Writing a plugin:
//   class Hello final : public downstream::Plugin { void on_start(downstream::PluginContext&) override; };
//   DOWNSTREAM_EXPORT_PLUGIN(Hello)
// and build it with downstream_add_plugin() from the SDK's CMake package, which
// writes the manifest beside the library and embeds the plugin's SQL migrations.
#include <cstdint>

#include <downstream/export.h>
#include <downstream/version.h>

namespace downstream {
class Plugin;
class PluginContext;
}  // namespace downstream

extern "C" {

// One numbered SQL migration compiled into the plugin: "0001_create_moves.sql",
// or "0001_create_moves.postgresql.sql" where a dialect needs its own text.
struct downstream_migration {
  const char* file_name;
  const char* sql;
};

// The descriptor. It starts with its own size so fields can be appended without
// breaking plugins built against an older SDK; the host reads only what is there.
struct downstream_plugin_descriptor {
  std::uint32_t struct_size;
  std::uint32_t abi;           // DOWNSTREAM_PLUGIN_ABI the plugin was built with
  const char* build_tag;       // DOWNSTREAM_BUILD_TAG the plugin was built with
  const char* name;            // must equal the manifest's name
  const char* version;         // must equal the manifest's version
  const char* kind;            // "module" or "adapter", as in the manifest
  downstream::Plugin* (*create)(void);  // never throws; nullptr if construction failed
  const downstream_migration* migrations;
  std::uint32_t migration_count;
};

typedef const downstream_plugin_descriptor* (*downstream_plugin_entry_fn)(void);
}

// The symbol the host looks up in every plugin library.
#define DOWNSTREAM_PLUGIN_ENTRY_SYMBOL "downstream_plugin_entry"

namespace downstream {

// The behaviour of a plugin. The host calls the phases in dependency order:
// configure, migrate, register, start; and stop in reverse. An exception from any
// phase fails the host's start and is reported with the plugin's name and phase.
class DOWNSTREAM_API Plugin {
public:
  virtual ~Plugin();
  // Read the typed config section; adapters provide their ports here.
  virtual void on_configure(PluginContext& ctx);
  // Called after the plugin's SQL migrations were applied: seed reference data.
  virtual void on_migrate(PluginContext& ctx);
  // Provide services, add routes, subscribe to events.
  virtual void on_register(PluginContext& ctx);
  // Everything is registered: start background work.
  virtual void on_start(PluginContext& ctx);
  // Stop background work; must not throw.
  virtual void on_stop(PluginContext& ctx) noexcept;
};

}  // namespace downstream

// Exports the descriptor of PluginClass under an explicit name, version and kind.
#define DOWNSTREAM_EXPORT_PLUGIN_AS(PluginClass, NAME, VERSION, KIND)                          \
  extern const downstream_migration downstream_embedded_migrations[];                            \
  extern const std::uint32_t downstream_embedded_migration_count;                                \
  namespace {                                                                                    \
  downstream::Plugin* downstream_create_plugin() noexcept {                                      \
    try {                                                                                        \
      return new PluginClass();                                                                  \
    } catch (...) {                                                                              \
      return nullptr;                                                                            \
    }                                                                                            \
  }                                                                                              \
  }                                                                                              \
  extern "C" DOWNSTREAM_API const downstream_plugin_descriptor* downstream_plugin_entry(void) { \
    static const downstream_plugin_descriptor descriptor = {                                     \
        sizeof(downstream_plugin_descriptor),                                                    \
        DOWNSTREAM_PLUGIN_ABI,                                                                   \
        DOWNSTREAM_BUILD_TAG,                                                                    \
        NAME,                                                                                    \
        VERSION,                                                                                 \
        KIND,                                                                                    \
        &downstream_create_plugin,                                                               \
        downstream_embedded_migrations,                                                          \
        downstream_embedded_migration_count};                                                    \
    return &descriptor;                                                                          \
  }

// Exports the descriptor of PluginClass with the name, version and kind that
// downstream_add_plugin() read from the plugin's manifest.
#define DOWNSTREAM_EXPORT_PLUGIN(PluginClass) \
  DOWNSTREAM_EXPORT_PLUGIN_AS(PluginClass, DOWNSTREAM_PLUGIN_NAME, DOWNSTREAM_PLUGIN_VERSION, DOWNSTREAM_PLUGIN_KIND)
