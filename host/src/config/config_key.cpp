// Key types as written in manifests and docs, and the check of one value against its type.
#include "config/config_key.h"

#include <downstream/clock.h>
#include <downstream/error.h>

#include <charconv>
#include <cstdint>

namespace downstream::host {

namespace {

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : sep) + item;
  return out;
}

std::string check_integer(const std::string& value) {
  std::string_view digits = value;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) digits.remove_prefix(1);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos)
    return "'" + value + "' is not an integer (write digits, such as 8)";
  // from_chars does not take a leading '+'.
  std::string_view text = value;
  if (text.front() == '+') text.remove_prefix(1);
  std::int64_t parsed = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (ec != std::errc() || end != text.data() + text.size())
    return "'" + value + "' is out of range for a 64-bit integer";
  return {};
}

std::string check_boolean(const std::string& value) {
  for (const char* word : {"true", "false", "yes", "no", "on", "off", "1", "0"})
    if (value == word) return {};
  return "'" + value + "' is not a boolean (use true or false)";
}

std::string check_enumeration(const ConfigKey& key, const std::string& value) {
  for (const auto& choice : key.choices)
    if (value == choice) return {};
  return "'" + value + "' is not one of " + join(key.choices, ", ");
}

std::string check_timestamp(const std::string& value) {
  // Empty means "not set" (host.clock: use the system clock).
  if (value.empty()) return {};
  try {
    (void)parse_timestamp(value);
    return {};
  } catch (const std::exception&) {
    return "'" + value + "' is not a timestamp (use UTC, such as 2026-01-15T09:00:00Z)";
  }
}

bool valid_choice(const std::string& choice) {
  if (choice.empty()) return false;
  for (char c : choice)
    if (c == '|' || c == '(' || c == ')' || c == ' ' || c == '\t') return false;
  return true;
}

}  // namespace

std::string key_type_name(const ConfigKey& key) {
  switch (key.type) {
    case KeyType::string: return "string";
    case KeyType::integer: return "int";
    case KeyType::boolean: return "bool";
    case KeyType::list: return "list";
    case KeyType::enumeration: return "enum(" + join(key.choices, "|") + ")";
    case KeyType::timestamp: return "timestamp";
    case KeyType::path: return "path";
  }
  return "string";
}

bool parse_key_type(const std::string& text, ConfigKey& key) {
  static const std::pair<const char*, KeyType> plain[] = {
      {"string", KeyType::string}, {"int", KeyType::integer},     {"bool", KeyType::boolean},
      {"list", KeyType::list},     {"timestamp", KeyType::timestamp}, {"path", KeyType::path},
  };
  for (const auto& [name, type] : plain) {
    if (text == name) {
      key.type = type;
      key.choices.clear();
      return true;
    }
  }
  const std::string prefix = "enum(";
  if (text.size() <= prefix.size() + 1 || text.compare(0, prefix.size(), prefix) != 0 || text.back() != ')')
    return false;
  std::vector<std::string> choices;
  std::string_view rest(text.data() + prefix.size(), text.size() - prefix.size() - 1);
  while (true) {
    auto bar = rest.find('|');
    std::string choice(rest.substr(0, bar));
    if (!valid_choice(choice)) return false;
    choices.push_back(choice);
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 1);
  }
  key.type = KeyType::enumeration;
  key.choices = std::move(choices);
  return true;
}

std::string check_value(const ConfigKey& key, const std::string& value) {
  switch (key.type) {
    case KeyType::integer: return check_integer(value);
    case KeyType::boolean: return check_boolean(value);
    case KeyType::enumeration: return check_enumeration(key, value);
    case KeyType::timestamp: return check_timestamp(value);
    case KeyType::string:
    case KeyType::list:
    case KeyType::path: return {};
  }
  return {};
}

}  // namespace downstream::host
