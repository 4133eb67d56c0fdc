// `downstream plugins list | check | keygen | sign | verify`.
#include <algorithm>
#include <array>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "cli/cli.h"
#include "crypto/signature.h"
#include "runtime/runtime.h"

namespace downstream::host {
namespace {

constexpr const char* kUsage =
    "usage: downstream plugins list   [--plugin-dir DIR] [--trusted-keys DIR]\n"
    "       downstream plugins check  [--plugin-dir DIR] [--trusted-keys DIR]\n"
    "       downstream plugins keygen --private-key FILE --public-key FILE\n"
    "       downstream plugins sign   --key PRIVATE.pem [--signer NAME] LIBRARY.so...\n"
    "       downstream plugins verify [--trusted-keys DIR] LIBRARY.so...\n";

// "--flag value" pairs and the remaining positional arguments.
struct Arguments {
  std::map<std::string, std::string> flags;
  std::vector<std::string> positional;
};

std::optional<Arguments> parse(const std::vector<std::string>& args, const std::vector<std::string>& known) {
  Arguments a;
  for (size_t i = 1; i < args.size(); ++i) {
    const auto& s = args[i];
    if (s.starts_with("--")) {
      if (std::find(known.begin(), known.end(), s) == known.end() || i + 1 >= args.size()) {
        std::cerr << "downstream plugins " << args[0] << ": unknown option or missing value: " << s << "\n" << kUsage;
        return std::nullopt;
      }
      a.flags[s] = args[++i];
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

PluginHostOptions options_for(const CommandLine& cl, const Arguments& a) {
  ConfigProblems ignored;  // `config check` reports those; here only the plugin settings matter
  ConfigStore store = ConfigStore::load({cl.config_dir, process_environment(), cl.defines}, ignored);
  auto o = plugin_host_options(store);
  if (auto it = a.flags.find("--plugin-dir"); it != a.flags.end()) o.plugin_dir = it->second;
  if (auto it = a.flags.find("--trusted-keys"); it != a.flags.end()) o.trusted_keys_dir = it->second;
  return o;
}

int list(const CommandLine& cl, const Arguments& a) {
  PluginHost host(options_for(cl, a));
  host.discover();
  host.verify();
  host.resolve();
  host.load();
  auto plugins = host.plugins();
  std::vector<std::array<std::string, 5>> rows{{"NAME", "VERSION", "KIND", "STATE", "SIGNED-BY"}};
  for (auto* p : plugins)
    rows.push_back({p->manifest.name, p->manifest.version_text.empty() ? "-" : p->manifest.version_text,
                    p->manifest.kind.empty() ? "-" : p->manifest.kind, state_name(p->state),
                    p->signer.empty() ? "-" : p->signer});
  std::array<size_t, 5> width{};
  for (const auto& r : rows)
    for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
  for (const auto& r : rows) {
    for (size_t i = 0; i < r.size(); ++i)
      std::cout << std::left << std::setw(static_cast<int>(width[i] + 2)) << r[i];
    std::cout << "\n";
  }
  auto problems = host.problems();
  for (const auto& p : problems) std::cerr << p << "\n";
  return problems.empty() ? 0 : 1;
}

int check(const CommandLine& cl, const Arguments& a) {
  auto options = options_for(cl, a);
  PluginHost host(options);
  host.discover();
  host.verify();
  host.resolve();  // the graph is checked from manifests alone: nothing is loaded
  auto problems = host.problems();
  for (const auto& p : problems) std::cerr << p << "\n";
  size_t count = host.plugins().size();
  if (!problems.empty()) {
    std::cerr << problems.size() << " problem" << (problems.size() == 1 ? "" : "s") << " with the plugins in "
              << options.plugin_dir.string() << "\n";
    return 1;
  }
  std::cout << count << " plugin" << (count == 1 ? "" : "s") << " in " << options.plugin_dir.string()
            << " can be loaded\n";
  return 0;
}

int keygen(const Arguments& a) {
  auto priv = a.flags.find("--private-key");
  auto pub = a.flags.find("--public-key");
  if (priv == a.flags.end() || pub == a.flags.end()) {
    std::cerr << kUsage;
    return 64;
  }
  std::error_code ec;
  bool have_priv = std::filesystem::exists(priv->second, ec), have_pub = std::filesystem::exists(pub->second, ec);
  if (have_priv && have_pub) {
    std::cout << "key pair exists: " << priv->second << ", " << pub->second << " (kept)\n";
    return 0;
  }
  if (have_priv || have_pub) {
    std::cerr << "downstream plugins keygen: only one of " << priv->second << " and " << pub->second
              << " exists; remove it or give both new names\n";
    return 1;
  }
  crypto::generate_key_pair(priv->second, pub->second);
  std::cout << "wrote " << priv->second << " (private, keep it secret) and " << pub->second
            << " (public: put it in the trusted-keys folder)\n";
  return 0;
}

int sign(const Arguments& a) {
  auto key = a.flags.find("--key");
  if (key == a.flags.end() || a.positional.empty()) {
    std::cerr << kUsage;
    return 64;
  }
  // The signer's name defaults to the key file's stem: "acme" for acme.key.pem.
  std::string signer_name = std::filesystem::path(key->second).filename().string();
  signer_name = signer_name.substr(0, signer_name.find('.'));
  if (auto s = a.flags.find("--signer"); s != a.flags.end()) signer_name = s->second;
  for (const auto& lib : a.positional) {
    auto text = crypto::sign_plugin(read_bytes(lib + ".manifest"), read_bytes(lib), key->second, signer_name);
    std::ofstream out(lib + ".sig", std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + lib + ".sig");
  }
  return 0;
}

int verify(const CommandLine& cl, const Arguments& a) {
  if (a.positional.empty()) {
    std::cerr << kUsage;
    return 64;
  }
  auto options = options_for(cl, a);
  std::vector<std::string> problems;
  auto trusted = crypto::load_trusted_keys(options.trusted_keys_dir, problems);
  for (const auto& p : problems) std::cerr << "trusted key " << p << "\n";
  int status = 0;
  for (const auto& lib : a.positional) {
    std::string error;
    std::optional<std::string> signer;
    try {
      signer = crypto::verify_plugin(read_bytes(lib + ".manifest"), read_bytes(lib), read_bytes(lib + ".sig"), trusted,
                                     error);
    } catch (const std::exception& e) {
      error = e.what();
    }
    if (signer) {
      std::cout << lib << ": signed by " << *signer << "\n";
    } else {
      std::cerr << lib << ": " << error << "\n";
      status = 1;
    }
  }
  return status;
}

}  // namespace

int cmd_plugins(const CommandLine& cl) {
  const auto& args = cl.args;
  std::string sub = args.empty() ? "" : args[0];
  try {
    if (sub == "list" || sub == "check") {
      auto a = parse(args, {"--plugin-dir", "--trusted-keys"});
      if (!a) return 64;
      return sub == "list" ? list(cl, *a) : check(cl, *a);
    }
    if (sub == "keygen") {
      auto a = parse(args, {"--private-key", "--public-key"});
      return a ? keygen(*a) : 64;
    }
    if (sub == "sign") {
      auto a = parse(args, {"--key", "--signer"});
      return a ? sign(*a) : 64;
    }
    if (sub == "verify") {
      auto a = parse(args, {"--trusted-keys"});
      return a ? verify(cl, *a) : 64;
    }
  } catch (const std::exception& e) {
    std::cerr << "downstream plugins " << sub << ": " << e.what() << "\n";
    return 1;
  }
  std::cerr << kUsage;
  return sub == "--help" || sub == "help" ? 0 : 64;
}

}  // namespace downstream::host
