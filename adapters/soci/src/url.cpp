// Database URLs: which backend, what to hand it, and how to show it without a password.
#include <cctype>
#include <string>

#include "soci_driver.h"

namespace downstream::soci_adapter {

namespace {

bool starts_with_keyword_assignment(std::string_view s) {
  // libpq conninfo: "host=... port=..." (a keyword, optional spaces, '=').
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  const std::size_t start = i;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
  if (i == start) return false;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i < s.size() && s[i] == '=';
}

// Removes `password = value` (value bare or single-quoted) from a libpq conninfo.
std::string redact_conninfo(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    // Read one "keyword = value" pair, copying it unless the keyword is password.
    std::size_t pair_start = i;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t key_start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != '=') ++i;
    std::string key(s.substr(key_start, i - key_start));
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
      if (i < s.size() && s[i] == '\'') {
        ++i;
        while (i < s.size() && s[i] != '\'') {
          if (s[i] == '\\' && i + 1 < s.size()) ++i;
          ++i;
        }
        if (i < s.size()) ++i;
      } else {
        while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
      }
    }
    if (key != "password") out += s.substr(pair_start, i - pair_start);
  }
  // Trim leading spaces left by a removed first pair.
  std::size_t first = out.find_first_not_of(' ');
  return first == std::string::npos ? std::string() : out.substr(first);
}

// Removes "user:password@" and "password=" query parameters from a URI.
std::string redact_uri(std::string_view s) {
  std::string out(s);
  const auto scheme_end = out.find("://");
  const std::size_t authority = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const auto at = out.find('@', authority);
  const auto slash = out.find('/', authority);
  if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
    const auto colon = out.find(':', authority);
    if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
  }
  const auto q = out.find('?');
  if (q != std::string::npos) {
    std::string query = out.substr(q + 1), kept;
    std::size_t pos = 0;
    while (pos <= query.size()) {
      auto amp = query.find('&', pos);
      if (amp == std::string::npos) amp = query.size();
      std::string param = query.substr(pos, amp - pos);
      if (param.rfind("password=", 0) != 0 && !param.empty()) kept += (kept.empty() ? "" : "&") + param;
      pos = amp + 1;
    }
    out = out.substr(0, q) + (kept.empty() ? "" : "?" + kept);
  }
  return out;
}

// "%40" -> "@": URI parts are percent-encoded.
std::string uri_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// A conninfo value, quoted when it needs to be.
std::string conninfo_value(const std::string& v) {
  if (!v.empty() && v.find_first_of(" '\\") == std::string::npos) return v;
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// postgresql://user:pw@host:port/db?sslmode=require -> "user=.. password=.. host=.. port=.. dbname=.. sslmode=require".
// SOCI rewrites the connect string it is given, which breaks libpq's URI form, so
// the adapter always hands it keyword=value pairs.
std::string uri_to_conninfo(std::string_view rest) {
  std::string out;
  auto add = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    out += (out.empty() ? "" : " ") + std::string(key) + "=" + conninfo_value(value);
  };
  std::string_view params;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    params = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view path;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    auto userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = userinfo.find(':');
    add("user", uri_decode(userinfo.substr(0, colon)));
    if (colon != std::string_view::npos) add("password", uri_decode(userinfo.substr(colon + 1)));
  }
  std::string_view host = rest, port;
  if (!rest.empty() && rest.front() == '[') {  // [::1]:5432
    auto close = rest.find(']');
    host = rest.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
    if (close != std::string_view::npos && close + 1 < rest.size() && rest[close + 1] == ':') port = rest.substr(close + 2);
  } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  add("host", uri_decode(host));
  add("port", std::string(port));
  add("dbname", uri_decode(path));
  while (!params.empty()) {
    auto amp = params.find('&');
    auto kv = params.substr(0, amp);
    auto eq = kv.find('=');
    if (eq != std::string_view::npos) {
      auto key = uri_decode(kv.substr(0, eq));
      add(key.c_str(), uri_decode(kv.substr(eq + 1)));
    }
    params = amp == std::string_view::npos ? std::string_view() : params.substr(amp + 1);
  }
  return out;
}

}  // namespace

std::string redact_password(std::string_view url) {
  constexpr std::string_view pg = "postgresql://", pg_short = "postgres://";
  std::string_view rest = url;
  std::string prefix;
  if (url.rfind(pg, 0) == 0) {
    rest = url.substr(pg.size());
    prefix = std::string(pg);
  } else if (url.rfind(pg_short, 0) == 0) {
    rest = url.substr(pg_short.size());
    prefix = std::string(pg_short);
  } else if (url.find("://") == std::string_view::npos) {
    // A bare conninfo, or a scheme without authority (sqlite3:...).
    if (starts_with_keyword_assignment(url)) return redact_conninfo(url);
    return std::string(url);
  }
  if (!prefix.empty() && starts_with_keyword_assignment(rest)) return prefix + redact_conninfo(rest);
  return redact_uri(url);
}

DatabaseUrl parse_database_url(const std::string& url) {
  DatabaseUrl out;
  out.redacted = redact_password(url);
  const auto colon = url.find(':');
  const std::string scheme = colon == std::string::npos ? std::string() : url.substr(0, colon);
  if (scheme == "sqlite3" || scheme == "sqlite") {
    std::string path = url.substr(colon + 1);
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // sqlite3:///abs/path
    if (path.empty())
      throw db::DatabaseError("database URL '" + out.redacted +
                              "' names no file: write sqlite3:/path/to/file.db or sqlite3::memory:");
    out.dialect = db::Dialect::sqlite;
    out.target = path;
    return out;
  }
  if (scheme == "postgresql" || scheme == "postgres") {
    const std::string rest = url.substr(colon + 1).rfind("//", 0) == 0 ? url.substr(colon + 3) : std::string();
    if (rest.find_first_not_of(" \t") == std::string::npos)
      throw db::DatabaseError("database URL '" + out.redacted +
                              "' names no server: write postgresql://host=... dbname=... user=... "
                              "or postgresql://user@host:5432/dbname");
    out.dialect = db::Dialect::postgresql;
    out.target = starts_with_keyword_assignment(rest) ? rest : uri_to_conninfo(rest);
    return out;
  }
  if (scheme.empty())
    throw db::DatabaseError("database URL '" + out.redacted +
                            "' has no scheme: the soci adapter serves sqlite3: and postgresql:// URLs");
  throw db::DatabaseError("database URL scheme '" + scheme + "' (in '" + out.redacted +
                          "') is not served by the soci adapter, which knows sqlite3 and postgresql");
}

}  // namespace downstream::soci_adapter
