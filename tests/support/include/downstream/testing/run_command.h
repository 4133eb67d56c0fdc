#pragma once
// Runs a program (the real `downstream` CLI, usually) and captures its output.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace downstream::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
  std::string all() const { return out + err; }
};

// Runs `program args...` with extra environment variables, in `cwd` if given.
CommandResult run_command(const std::filesystem::path& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {},
                          const std::filesystem::path& cwd = {});

}  // namespace downstream::testing
