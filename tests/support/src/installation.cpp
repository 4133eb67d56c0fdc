#include "downstream/testing/installation.h"

#include <downstream/testing/build_paths.h>

#include <filesystem>
#include <stdexcept>

namespace downstream::testing {

Installation::Installation(InstallationOptions options) {
  auto plugins = dir_.path() / "plugins";
  std::filesystem::create_directories(plugins);
  auto copy_plugin = [&](const std::filesystem::path& from, const std::string& name) {
    for (const char* suffix : {".so", ".so.manifest", ".so.sig"})
      std::filesystem::copy_file(from / ("lib" + name + suffix), plugins / ("lib" + name + suffix));
  };
  for (const auto& p : options.plugins) copy_plugin(plugin_dir(), p);
  for (const auto& p : options.test_plugins) copy_plugin(test_plugin_dir() / p, p);
  dir_.write("config/downstream.ini",
             "[database]\nurl = " + db_.url() + "\n[host]\nplugin_dir = " + plugins.string() +
                 "\n[security]\ntrusted_keys = " + trusted_keys_dir().string() +
                 "\nkey_secret_file = " + (dir_.path() / "key-secret").string() +
                 "\n[http]\nlisten = 127.0.0.1:0\n[log]\nlevel = warning\n" + options.extra_config);
  std::filesystem::create_directories(dir_.path() / "config" / "sites.d");
  for (const auto& [name, content] : options.site_files) dir_.write("config/sites.d/" + name, content);
}

std::string Installation::config_dir() const { return (dir_.path() / "config").string(); }

CommandResult Installation::cli(std::vector<std::string> args) const {
  args.insert(args.begin(), {"--config", config_dir()});
  return run_command(downstream_binary(), args);
}

std::string Installation::create_key(const std::string& name, const std::string& role, const std::string& sites) const {
  std::vector<std::string> args = {"keys", "create", "--name", name, "--role", role};
  if (!sites.empty()) args.insert(args.end(), {"--sites", sites});
  auto r = cli(args);
  auto key = r.out.substr(0, r.out.find('\n'));
  if (r.exit_code != 0 || !key.starts_with("ds_"))
    throw std::runtime_error("downstream keys create failed:\n" + r.all());
  return key;
}

std::unique_ptr<HostProcess> Installation::serve(const std::vector<std::string>& defines) const {
  std::vector<std::string> args = {"--config", config_dir()};
  for (const auto& d : defines) args.insert(args.end(), {"-D", d});
  args.push_back("serve");
  return std::make_unique<HostProcess>(args);
}

}  // namespace downstream::testing
