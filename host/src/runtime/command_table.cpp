#include "runtime/command_table.h"

#include <downstream/error.h>

#include <sstream>

namespace downstream::host {

namespace {
std::vector<std::string> words_of(const std::string& name) {
  std::vector<std::string> out;
  std::istringstream in(name);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}
}  // namespace

void CommandTable::add(const std::string& plugin, Command command) {
  auto words = words_of(command.name);
  if (words.empty() || words.size() > 2 || !command.run)
    throw Error("plugin '" + plugin + "' added a command '" + command.name +
                "': a command is one or two words and has a run function");
  std::lock_guard lock(mutex_);
  for (const auto& c : commands_)
    if (words_of(c.command.name) == words)
      throw Error("plugin '" + plugin + "' added the command '" + command.name + "', which plugin '" + c.plugin +
                  "' already provides");
  commands_.push_back({plugin, std::move(command)});
}

void CommandTable::add_check(const std::string& plugin, InvariantCheck check) {
  if (!check.run) throw Error("plugin '" + plugin + "' added the check '" + check.name + "' without a run function");
  std::lock_guard lock(mutex_);
  checks_.push_back({plugin, std::move(check)});
}

std::optional<std::pair<RegisteredCommand, std::size_t>> CommandTable::find(const std::vector<std::string>& words) const {
  std::lock_guard lock(mutex_);
  std::optional<std::pair<RegisteredCommand, std::size_t>> best;
  for (const auto& c : commands_) {
    auto name = words_of(c.command.name);
    if (name.size() > words.size() || (best && best->second >= name.size())) continue;
    if (std::equal(name.begin(), name.end(), words.begin())) best = std::make_pair(c, name.size());
  }
  return best;
}

std::vector<RegisteredCommand> CommandTable::commands() const {
  std::lock_guard lock(mutex_);
  return commands_;
}

std::vector<RegisteredCheck> CommandTable::checks() const {
  std::lock_guard lock(mutex_);
  return checks_;
}

}  // namespace downstream::host
