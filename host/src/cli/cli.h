#pragma once
// The `downstream` command line: global options, then a command and its arguments.
//   downstream [--config DIR] [-D section.key=value]... <command> [args...]
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace downstream::host {

struct CommandLine {
  std::filesystem::path config_dir = "config";                 // --config / -c, or $DOWNSTREAM_CONFIG
  std::vector<std::pair<std::string, std::string>> defines;    // -D section.key=value
  std::vector<std::string> args;                               // after the command word
};

// Each returns the process exit code; they print their own errors to stderr.
int cmd_serve(const CommandLine& cl);
int cmd_plugins(const CommandLine& cl);   // list | check | keygen | sign | verify
int cmd_config(const CommandLine& cl);    // check | docs | (plan | apply: inventory)
int cmd_migrate(const CommandLine& cl);   // [--plan]
int cmd_version(const CommandLine& cl);
int cmd_keys(const CommandLine& cl);      // create | list | revoke
int cmd_check(const CommandLine& cl);     // every plugin's invariant checks
int cmd_bench(const CommandLine& cl);     // generate | --workload NAME (BENCHMARKS.md)
// A command a plugin registered; `words` are the command word and its arguments.
int cmd_plugin_command(const CommandLine& cl, const std::vector<std::string>& words);

}  // namespace downstream::host
