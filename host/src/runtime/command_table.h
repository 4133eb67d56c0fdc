#pragma once
// Every command and invariant check the plugins registered, with their owner.
#include <downstream/commands.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace downstream::host {

struct RegisteredCommand {
  std::string plugin;
  Command command;
};
struct RegisteredCheck {
  std::string plugin;
  InvariantCheck check;
};

class CommandTable {
public:
  void add(const std::string& plugin, Command command);
  void add_check(const std::string& plugin, InvariantCheck check);
  // The command whose name is the longest prefix of `words`, and how many words it took.
  std::optional<std::pair<RegisteredCommand, std::size_t>> find(const std::vector<std::string>& words) const;
  std::vector<RegisteredCommand> commands() const;
  std::vector<RegisteredCheck> checks() const;

private:
  mutable std::mutex mutex_;
  std::vector<RegisteredCommand> commands_;
  std::vector<RegisteredCheck> checks_;
};

class PluginCommands final : public CommandRegistry {
public:
  PluginCommands(CommandTable& table, std::string plugin) : table_(table), plugin_(std::move(plugin)) {}
  void add(Command command) override { table_.add(plugin_, std::move(command)); }
  void add_check(InvariantCheck check) override { table_.add_check(plugin_, std::move(check)); }

private:
  CommandTable& table_;
  std::string plugin_;
};

}  // namespace downstream::host
