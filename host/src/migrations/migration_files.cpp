// Migration file names (NNNN_description[.sqlite|.postgresql].sql) and which
// file runs for a number on a given database.
#include <map>
#include <optional>

#include "migrations/migrator.h"

namespace downstream::host {

namespace {

const char* dialect_name(db::Dialect d) { return d == db::Dialect::sqlite ? "sqlite" : "postgresql"; }

struct ParsedName {
  int number = 0;
  std::string dialect;  // "" for the plain file
};

bool description_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'; }

std::optional<ParsedName> parse_name(const std::string& name) {
  const std::string sql = ".sql";
  if (name.size() <= sql.size() || name.compare(name.size() - sql.size(), sql.size(), sql) != 0) return std::nullopt;
  std::string stem = name.substr(0, name.size() - sql.size());
  ParsedName parsed;
  for (const char* d : {"sqlite", "postgresql"}) {
    const std::string suffix = std::string(".") + d;
    if (stem.size() > suffix.size() && stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) == 0) {
      parsed.dialect = d;
      stem.resize(stem.size() - suffix.size());
      break;
    }
  }
  auto underscore = stem.find('_');
  if (underscore == std::string::npos || underscore < 4 || underscore > 9 || underscore + 1 == stem.size())
    return std::nullopt;
  for (std::size_t i = 0; i < underscore; ++i)
    if (stem[i] < '0' || stem[i] > '9') return std::nullopt;
  for (std::size_t i = underscore + 1; i < stem.size(); ++i)
    if (!description_char(stem[i])) return std::nullopt;
  parsed.number = std::stoi(stem.substr(0, underscore));
  if (parsed.number <= 0) return std::nullopt;
  return parsed;
}

}  // namespace

std::vector<SelectedMigration> select_migrations(const std::string& owner, const std::vector<MigrationFile>& files,
                                                 db::Dialect dialect) {
  // number -> dialect ("" = plain) -> file; duplicates are checked for every
  // dialect, so a mistake shows on SQLite in development, not first in production.
  std::map<int, std::map<std::string, const MigrationFile*>> by_number;
  for (const auto& f : files) {
    auto parsed = parse_name(f.file_name);
    if (!parsed)
      throw MigrationError("migration " + owner + "/" + f.file_name +
                           ": the name is not NNNN_description.sql or NNNN_description.<sqlite|postgresql>.sql "
                           "(a number of 4 or more digits from 0001, lower-case letters, digits, '_' or '-'): rename it");
    auto [it, fresh] = by_number[parsed->number].emplace(parsed->dialect, &f);
    if (!fresh)
      throw MigrationError("migrations " + owner + "/" + it->second->file_name + " and " + owner + "/" + f.file_name +
                           " have the same number" +
                           (parsed->dialect.empty() ? std::string() : " for " + parsed->dialect) +
                           ": give the later one the next free number");
  }
  std::vector<SelectedMigration> out;
  for (const auto& [number, variants] : by_number) {
    auto chosen = variants.find(dialect_name(dialect));
    if (chosen == variants.end()) chosen = variants.find("");
    // Only other dialects have this number: nothing to run here.
    if (chosen == variants.end()) continue;
    out.push_back({number, chosen->second->file_name, chosen->second->sql});
  }
  return out;
}

std::vector<MigrationFile> migrations_of(const downstream_migration* list, std::uint32_t count) {
  std::vector<MigrationFile> out;
  if (!list) return out;
  for (std::uint32_t i = 0; i < count; ++i) {
    // An empty embedded list is one {nullptr, nullptr} entry with count 0; skip such entries anyway.
    if (!list[i].file_name) continue;
    out.push_back({list[i].file_name, list[i].sql ? list[i].sql : ""});
  }
  return out;
}

}  // namespace downstream::host
