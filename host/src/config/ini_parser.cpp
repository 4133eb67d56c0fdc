// The strict INI reader. Unlike Poco's (STACK-NOTES.md §4) it keeps line numbers
// and refuses what it does not understand, so a typo is an error at its line
// rather than a missing key later.
#include <string_view>

#include "config/config_store.h"

namespace downstream::host {

namespace {

std::string_view trim(std::string_view s) {
  auto begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  auto end = s.find_last_not_of(" \t");
  return s.substr(begin, end - begin + 1);
}

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

bool valid_section_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!lower_alnum(c) && c != '_' && c != '.' && c != '-') return false;
  return true;
}

bool valid_key_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!lower_alnum(c) && c != '_' && c != '-') return false;
  return true;
}

IniDocument parse_ini(const std::string& text, const std::filesystem::path& file, ConfigProblems& problems) {
  IniDocument doc;
  doc.file = file;
  const std::string name = file.string();
  auto problem = [&](int line, std::string message) {
    problems.push_back({name + ":" + std::to_string(line), std::move(message)});
  };

  IniSection* section = nullptr;
  int number = 0;
  std::string_view rest = text;
  while (!rest.empty()) {
    ++number;
    auto newline = rest.find('\n');
    std::string_view raw = rest.substr(0, newline);
    rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);  // files edited on Windows
    std::string_view line = trim(raw);

    if (line.empty() || line.front() == ';' || line.front() == '#') continue;

    if (line.front() == '[') {
      auto close = line.find(']');
      std::string_view inner = trim(line.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
      if (close == std::string_view::npos) {
        problem(number, "section header '" + std::string(line) + "' has no closing ']': write [" + std::string(inner) + "]");
      } else if (!trim(line.substr(close + 1)).empty()) {
        problem(number, "unexpected text after ']' in '" + std::string(line) +
                            "': comments go on their own line, starting with ';' or '#'");
      }
      if (!valid_section_name(inner)) {
        problem(number, "invalid section name '" + std::string(inner) +
                            "': use lower-case letters, digits, '_', '.' and '-'");
      }
      // Open the section even when its header is malformed, so the keys below it
      // are checked against it instead of each reported as outside any section.
      doc.sections.push_back({std::string(inner), number, {}});
      section = &doc.sections.back();
      continue;
    }

    auto eq = line.find('=');
    if (eq == std::string_view::npos) {
      problem(number, "'" + std::string(line) + "' is not 'key = value' or a [section] header");
      continue;
    }
    std::string key(trim(line.substr(0, eq)));
    std::string value(trim(line.substr(eq + 1)));
    if (key.empty()) {
      problem(number, "'" + std::string(line) + "' has no key before '='");
      continue;
    }
    if (!valid_key_name(key)) {
      problem(number, "invalid key name '" + key + "': use lower-case letters, digits, '_' and '-'");
      continue;
    }
    if (!value.empty() && value.front() == '"') {
      // Quotes keep leading or trailing spaces; nothing inside them is escaped.
      if (value.size() < 2 || value.back() != '"') {
        problem(number, "the value of '" + key + "' starts with '\"' but does not end with one");
        continue;
      }
      value = value.substr(1, value.size() - 2);
    }
    if (!section) {
      problem(number, "key '" + key + "' is outside any section: put a [section] header above it");
      continue;
    }
    bool repeated = false;
    for (const auto& entry : section->entries) {
      if (entry.key == key) {
        problem(number, "key '" + key + "' is repeated in [" + section->name + "] (first set at line " +
                            std::to_string(entry.line) + "): keep one");
        repeated = true;
        break;
      }
    }
    if (!repeated) section->entries.push_back({key, value, number});
  }
  return doc;
}

}  // namespace downstream::host
