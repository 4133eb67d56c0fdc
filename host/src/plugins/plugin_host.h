#pragma once
// Finds, verifies, resolves and loads plugins, and runs their lifecycle.
// Each plugin carries a state and, when it failed, a human error string;
// dependents of a failed plugin say which one failed and why.
#include <downstream/plugin.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "crypto/signature.h"
#include "plugins/manifest.h"

namespace downstream::host {

enum class PluginState { found, verified, resolved, loaded, configured, migrated, registered, started, stopped, failed, disabled };
const char* state_name(PluginState s);

enum class Phase { configure, migrate, register_, start };
const char* phase_name(Phase p);

struct PluginRecord {
  Manifest manifest;
  std::filesystem::path library;   // lib<name>.so
  PluginState state = PluginState::found;
  std::string error;               // why it failed, naming the file, the cause and the fix
  std::string signer;              // trusted key name, or "" if unsigned/unverified
  const downstream_plugin_descriptor* descriptor = nullptr;
  std::unique_ptr<Plugin> instance;
  void* handle = nullptr;          // dlopen handle; never closed
  double phase_ms[4] = {0, 0, 0, 0};  // time spent in each phase
};

struct PluginHostOptions {
  std::filesystem::path plugin_dir;
  bool require_signed = true;
  std::filesystem::path trusted_keys_dir;
  std::vector<std::string> disabled;        // plugin names switched off in config
  std::string host_version = "1.0.0";       // what plugins may require as "host"
};

class PluginHost {
public:
  explicit PluginHost(PluginHostOptions options);
  ~PluginHost();

  // found: every lib*.so with a manifest in plugin_dir, in name order. A library
  // without a manifest, an unreadable manifest and a duplicate name are problems.
  void discover();
  // verified: signatures checked (when required, unsigned is a failure; when not
  // required, a present signature is still checked and reported as signer).
  void verify();
  // resolved: ABI and build tag (from the manifest), required plugins present,
  // version ranges met, ports used are provided, no cycles (the whole chain named).
  // Orders plugins deterministically: dependencies first, ties by name.
  void resolve();
  // loaded: opens each resolved library (the verified bytes, not the path again),
  // finds the entry point, checks the descriptor against the manifest and the
  // host, creates the Plugin.
  void load();

  // Runs one lifecycle phase over every loaded plugin in order. `call` performs the
  // phase for one plugin; an exception from it marks that plugin failed with
  // "plugin 'x' failed in <phase>: <what>", marks its dependents failed, and is
  // rethrown as PluginStartError.
  void run_phase(Phase phase, const std::function<void(PluginRecord&)>& call);
  // Calls on_stop in reverse order for every plugin that started.
  void stop_all(const std::function<void(PluginRecord&)>& call);

  // In load order (resolved order; unresolvable ones after, by name).
  std::vector<PluginRecord*> plugins();
  PluginRecord* find(const std::string& name);
  // Every problem found so far, one line each, naming file, cause and fix.
  std::vector<std::string> problems() const;
  bool ok() const { return problems().empty(); }

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Thrown by run_phase: the start failed.
class PluginStartError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

}  // namespace downstream::host
