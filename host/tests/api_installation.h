#pragma once
// An installation for black-box tests of the HTTP API: a fresh database, the soci
// adapter and the api_probe test module in a plugin folder of its own, a config
// folder, and helpers to create keys through the real CLI and start `serve`.
#include <boost/test/unit_test.hpp>

#include <downstream/testing/build_paths.h>
#include <downstream/testing/host_process.h>
#include <downstream/testing/http_client.h>
#include <downstream/testing/run_command.h>
#include <downstream/testing/temp_dir.h>
#include <downstream/testing/test_database.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace downstream::testing {

class ApiInstallation {
public:
  explicit ApiInstallation(const std::string& extra_config = "") {
    auto plugins = dir_.path() / "plugins";
    std::filesystem::create_directories(plugins);
    auto copy_plugin = [&](const std::filesystem::path& from, const std::string& name) {
      for (const char* suffix : {".so", ".so.manifest", ".so.sig"})
        std::filesystem::copy_file(from / ("lib" + name + suffix), plugins / ("lib" + name + suffix));
    };
    copy_plugin(plugin_dir(), "soci");
    copy_plugin(test_plugin_dir() / "api_probe", "api_probe");
    dir_.write("config/downstream.ini", "[database]\nurl = " + db_.url() + "\n[host]\nplugin_dir = " +
                                            plugins.string() + "\n[security]\ntrusted_keys = " +
                                            trusted_keys_dir().string() + "\nkey_secret_file = " +
                                            (dir_.path() / "key-secret").string() +
                                            "\n[http]\nlisten = 127.0.0.1:0\n[log]\nlevel = warning\n" + extra_config);
  }

  std::string config_dir() const { return (dir_.path() / "config").string(); }
  const TempDir& dir() const { return dir_; }
  const TestDatabase& db() const { return db_; }

  CommandResult cli(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--config", config_dir()});
    return run_command(downstream_binary(), args);
  }

  // Creates a key through `downstream keys create` and returns it.
  std::string create_key(const std::string& name, const std::string& role, const std::string& sites = "") const {
    std::vector<std::string> args = {"keys", "create", "--name", name, "--role", role};
    if (!sites.empty()) args.insert(args.end(), {"--sites", sites});
    auto r = cli(args);
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
    auto key = r.out.substr(0, r.out.find('\n'));
    BOOST_TEST_REQUIRE(key.starts_with("ds_"), r.all());
    return key;
  }

  std::unique_ptr<HostProcess> serve(std::vector<std::string> defines = {}) const {
    std::vector<std::string> args = {"--config", config_dir()};
    for (const auto& d : defines) args.insert(args.end(), {"-D", d});
    args.push_back("serve");
    return std::make_unique<HostProcess>(args);
  }

private:
  TestDatabase db_;
  TempDir dir_;
};

}  // namespace downstream::testing
