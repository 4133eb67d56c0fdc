#pragma once
// An installation for black-box tests: a fresh database on the test's backend,
// the chosen plugins (signed, copied from the build) in a plugin folder of its
// own, a config folder with site files, and helpers to run the real CLI and
// start `downstream serve` processes against it.
#include <downstream/testing/host_process.h>
#include <downstream/testing/run_command.h>
#include <downstream/testing/temp_dir.h>
#include <downstream/testing/test_database.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace downstream::testing {

struct InstallationOptions {
  std::vector<std::string> plugins = {"soci"};   // first-party plugins from plugin_dir()
  std::vector<std::string> test_plugins;         // from test_plugin_dir()/<name>/
  std::map<std::string, std::string> site_files; // config/sites.d/<file name> -> content
  std::string extra_config;                      // appended to downstream.ini
};

class Installation {
public:
  explicit Installation(InstallationOptions options = {});

  std::string config_dir() const;
  const TempDir& dir() const { return dir_; }
  const TestDatabase& db() const { return db_; }

  // `downstream --config <dir> args...`
  CommandResult cli(std::vector<std::string> args) const;
  // Creates a key through `downstream keys create` and returns it; throws with the
  // CLI's output if that fails.
  std::string create_key(const std::string& name, const std::string& role, const std::string& sites = "") const;
  // `downstream serve` with -D section.key=value defines.
  std::unique_ptr<HostProcess> serve(const std::vector<std::string>& defines = {}) const;

private:
  TestDatabase db_;
  TempDir dir_;
};

}  // namespace downstream::testing
