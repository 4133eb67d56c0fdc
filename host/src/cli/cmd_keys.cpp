// `downstream keys create | list | revoke`: API keys for the host ERP and operators.
#include <iomanip>
#include <iostream>
#include <sstream>

#include "api/api_keys.h"
#include "cli/cli.h"
#include "runtime/runtime.h"
#include "serve/http_listener.h"

namespace downstream::host {
namespace {

constexpr const char* kUsage =
    "usage: downstream keys create --name NAME --role admin|operator|viewer [--sites A,B]\n"
    "       downstream keys list\n"
    "       downstream keys revoke KEY_ID\n";

std::vector<std::string> split_sites(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ','))
    if (!part.empty()) out.push_back(part);
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

int cmd_keys(const CommandLine& cl) {
  const auto& args = cl.args;
  std::string sub = args.empty() ? "" : args[0];
  std::string name, role_text, sites;
  std::vector<std::string> positional;
  for (std::size_t i = 1; i < args.size(); ++i) {
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    bool ok = true;
    if (args[i] == "--name") ok = value(name);
    else if (args[i] == "--role") ok = value(role_text);
    else if (args[i] == "--sites") ok = value(sites);
    else if (args[i].starts_with("--")) ok = false;
    else positional.push_back(args[i]);
    if (!ok) {
      std::cerr << "downstream keys " << sub << ": unknown option or missing value: " << args[i] << "\n" << kUsage;
      return 64;
    }
  }
  if (sub != "create" && sub != "list" && sub != "revoke") {
    std::cerr << kUsage;
    return 64;
  }
  std::optional<http::Role> role;
  if (sub == "create") {
    role = parse_role(role_text);
    if (name.empty() || !role) {
      std::cerr << "downstream keys create: give --name and --role (admin, operator or viewer)\n" << kUsage;
      return 64;
    }
  }
  if (sub == "revoke" && positional.size() != 1) {
    std::cerr << kUsage;
    return 64;
  }
  try {
    Runtime rt(cl);
    rt.boot(Stage::migrated);
    ApiKeys keys(rt.database(), load_or_create_key_secret(listener_settings(rt).key_secret_file));
    auto now = format_timestamp(rt.clock().now());
    if (sub == "create") {
      auto [key, token] = keys.create(name, *role, split_sites(sites), now);
      std::cerr << "created key " << key.key_id << " '" << key.name << "' (" << role_name(key.role)
                << ", sites: " << (key.sites.empty() ? "all" : join(key.sites))
                << "). The key is shown once; store it now:\n";
      std::cout << token << std::endl;
      return 0;
    }
    if (sub == "list") {
      std::cout << std::left << std::setw(14) << "KEY-ID" << std::setw(24) << "NAME" << std::setw(10) << "ROLE"
                << std::setw(16) << "SITES" << std::setw(22) << "CREATED" << "REVOKED\n";
      for (const auto& k : keys.list())
        std::cout << std::left << std::setw(14) << k.key_id << std::setw(24) << k.name << std::setw(10)
                  << role_name(k.role) << std::setw(16) << (k.sites.empty() ? "all" : join(k.sites)) << std::setw(22)
                  << k.created_at << k.revoked_at.value_or("-") << "\n";
      return 0;
    }
    if (!keys.revoke(positional[0], now)) {
      std::cerr << "downstream keys revoke: no key with id '" << positional[0] << "' (see `downstream keys list`)\n";
      return 1;
    }
    std::cout << "revoked key " << positional[0] << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "downstream keys " << sub << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace downstream::host
