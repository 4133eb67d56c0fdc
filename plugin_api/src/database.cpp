#include <downstream/ports/database.h>

#include <charconv>

namespace downstream::db {

std::int64_t Value::as_int() const {
  if (auto* i = std::get_if<std::int64_t>(&v_)) return *i;
  if (auto* s = std::get_if<std::string>(&v_)) {
    std::int64_t out = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    if (ec == std::errc() && p == s->data() + s->size() && !s->empty()) return out;
    throw InvalidValue("database value '" + *s + "' is not an integer");
  }
  throw InvalidValue("database value is NULL where an integer was expected");
}

std::string Value::as_text() const {
  if (auto* s = std::get_if<std::string>(&v_)) return *s;
  if (auto* i = std::get_if<std::int64_t>(&v_)) return std::to_string(*i);
  throw InvalidValue("database value is NULL where text was expected");
}

const Value& Row::at(std::size_t column) const {
  if (column >= values_.size())
    throw InvalidValue("column " + std::to_string(column) + " requested of a row with " +
                       std::to_string(values_.size()) + " columns");
  return values_[column];
}

std::optional<std::int64_t> Row::opt_int(std::size_t column) const {
  const auto& v = at(column);
  if (v.is_null()) return std::nullopt;
  return v.as_int();
}

std::optional<std::string> Row::opt_text(std::size_t column) const {
  const auto& v = at(column);
  if (v.is_null()) return std::nullopt;
  return v.as_text();
}

void Transaction::queue(std::string_view sql, const Params& params) { execute(sql, params); }

std::vector<Rows> Transaction::query_all(const std::vector<Statement>& statements) {
  std::vector<Rows> out;
  out.reserve(statements.size());
  for (const auto& s : statements) out.push_back(query(s.sql, s.params));
  return out;
}

std::optional<Row> Transaction::query_one(std::string_view sql, const Params& params) {
  auto rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  if (rows.size() > 1)
    throw DatabaseError("expected at most one row, got " + std::to_string(rows.size()) + " from: " +
                        std::string(sql));
  return std::move(rows.front());
}

std::int64_t Transaction::query_int(std::string_view sql, const Params& params) {
  auto row = query_one(sql, params);
  if (!row || row->size() == 0 || row->is_null(0))
    throw DatabaseError("expected one integer from: " + std::string(sql));
  return row->get_int(0);
}

std::string_view Transaction::for_update() const {
  return dialect() == Dialect::postgresql ? " FOR UPDATE" : "";
}

std::string Transaction::upsert(std::string_view table, const std::vector<std::string>& columns,
                                const std::vector<std::string>& conflict_columns,
                                const std::vector<std::string>& update_columns) {
  std::string sql = "INSERT INTO " + std::string(table) + " (";
  std::string marks;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    sql += (i ? ", " : "") + columns[i];
    marks += i ? ", ?" : "?";
  }
  sql += ") VALUES (" + marks + ") ON CONFLICT (";
  for (std::size_t i = 0; i < conflict_columns.size(); ++i) sql += (i ? ", " : "") + conflict_columns[i];
  sql += ")";
  if (update_columns.empty()) return sql + " DO NOTHING";
  sql += " DO UPDATE SET ";
  for (std::size_t i = 0; i < update_columns.size(); ++i)
    sql += (i ? ", " : "") + update_columns[i] + " = excluded." + update_columns[i];
  return sql;
}

}  // namespace downstream::db
