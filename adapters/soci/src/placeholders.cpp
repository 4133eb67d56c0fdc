// The port's `?` placeholders become SOCI named binds (:p1, :p2, ...) or libpq's ($1, $2, ...).
#include <cctype>
#include <string>

#include "soci_driver.h"

namespace downstream::soci_adapter {

namespace {
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
}  // namespace

std::string translate_placeholders(std::string_view sql, std::size_t& count, PlaceholderStyle style) {
  std::string out;
  out.reserve(sql.size() + 16);
  count = 0;
  const std::size_t n = sql.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {  // a string literal or quoted identifier, '' and "" escape themselves
      const std::size_t start = i++;
      while (i < n && sql[i] != c) ++i;
      out.append(sql.substr(start, (i < n ? i + 1 : n) - start));
      continue;
    }
    if (c == '-' && i + 1 < n && sql[i + 1] == '-') {  // line comment: dropped (SOCI would read ':' in it)
      while (i < n && sql[i] != '\n') ++i;
      out += '\n';
      continue;
    }
    if (c == '/' && i + 1 < n && sql[i + 1] == '*') {  // block comment: dropped
      i += 2;
      while (i + 1 < n && !(sql[i] == '*' && sql[i + 1] == '/')) ++i;
      ++i;
      out += ' ';
      continue;
    }
    if (c == '?') {
      out += (style == PlaceholderStyle::soci ? ":p" : "$") + std::to_string(++count);
      continue;
    }
    if (c == ':') {
      if (i + 1 < n && (sql[i + 1] == ':' || sql[i + 1] == '=')) {  // a cast (x::text) or :=
        out.append(sql.substr(i, 2));
        ++i;
        continue;
      }
      if (i + 1 < n && ident_char(sql[i + 1]))
        throw db::DatabaseError("named parameter ':" + std::string(sql.substr(i + 1, 16)) +
                                "...' in SQL: the database port takes positional ? parameters only, in: " +
                                std::string(sql));
    }
    out += c;
  }
  return out;
}

}  // namespace downstream::soci_adapter
