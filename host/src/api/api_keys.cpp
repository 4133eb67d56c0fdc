#include "api/api_keys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "crypto/secrets.h"

namespace downstream::host {

const char* role_name(http::Role r) {
  switch (r) {
    case http::Role::viewer: return "viewer";
    case http::Role::operator_: return "operator";
    case http::Role::admin: return "admin";
  }
  return "viewer";
}

std::optional<http::Role> parse_role(const std::string& text) {
  if (text == "viewer") return http::Role::viewer;
  if (text == "operator") return http::Role::operator_;
  if (text == "admin") return http::Role::admin;
  return std::nullopt;
}

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ','))
    if (!part.empty()) out.push_back(part);
  return out;
}

ApiKey key_from(const db::Row& r) {
  ApiKey k;
  k.key_id = r.get_text(0);
  k.name = r.get_text(1);
  k.role = parse_role(r.get_text(2)).value_or(http::Role::viewer);
  k.sites = split(r.get_text(3));
  k.created_at = r.get_text(4);
  k.revoked_at = r.opt_text(5);
  return k;
}

constexpr const char* kColumns = "key_id, name, role, sites, created_at, revoked_at, secret_hash";

}  // namespace

std::string load_or_create_key_secret(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    // O_EXCL: when two processes start together, one writes and both read the same secret.
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      auto secret = crypto::random_hex(32) + "\n";
      bool ok = ::write(fd, secret.data(), secret.size()) == static_cast<ssize_t>(secret.size());
      ::close(fd);
      if (!ok) throw std::runtime_error("cannot write the API key secret " + file.string());
    }
  }
  std::ifstream in(file);
  std::string secret;
  std::getline(in, secret);
  if (secret.size() < 32)
    throw std::runtime_error("the API key secret " + file.string() +
                             " is missing or shorter than 32 characters (security.key_secret_file)");
  return secret;
}

std::pair<ApiKey, std::string> ApiKeys::create(const std::string& name, http::Role role, std::vector<std::string> sites,
                                               const std::string& now) {
  ApiKey k;
  k.key_id = crypto::random_hex(6);
  k.name = name;
  k.role = role;
  k.sites = std::move(sites);
  k.created_at = now;
  std::string token = "ds_" + k.key_id + "_" + crypto::random_hex(24);
  auto hash = crypto::hmac_sha256_hex(secret_, token);
  db_.write([&](db::Transaction& tx) {
    tx.execute(
        "INSERT INTO downstream_api_key (key_id, name, role, sites, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        {k.key_id, k.name, role_name(role), join(k.sites), hash, now});
  });
  return {k, token};
}

std::vector<ApiKey> ApiKeys::list() {
  std::vector<ApiKey> out;
  db_.read([&](db::Transaction& tx) {
    out.clear();
    for (const auto& r : tx.query(std::string("SELECT ") + kColumns + " FROM downstream_api_key ORDER BY created_at, key_id"))
      out.push_back(key_from(r));
  });
  return out;
}

bool ApiKeys::revoke(const std::string& key_id, const std::string& now) {
  return db_.write_value([&](db::Transaction& tx) {
    if (!tx.query_one("SELECT 1 FROM downstream_api_key WHERE key_id = ?", {key_id})) return false;
    tx.execute("UPDATE downstream_api_key SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL", {now, key_id});
    return true;
  });
}

std::optional<ApiKey> ApiKeys::authenticate(db::Transaction& tx, const std::string& token) {
  // ds_<12 hex>_<48 hex>
  if (token.size() != 3 + 12 + 1 + 48 || !token.starts_with("ds_") || token[15] != '_') return std::nullopt;
  auto key_id = token.substr(3, 12);
  auto row = tx.query_one(std::string("SELECT ") + kColumns + " FROM downstream_api_key WHERE key_id = ?", {key_id});
  if (!row) return std::nullopt;
  if (!crypto::constant_time_equal(row->get_text(6), crypto::hmac_sha256_hex(secret_, token))) return std::nullopt;
  auto k = key_from(*row);
  if (k.revoked_at) return std::nullopt;
  return k;
}

}  // namespace downstream::host
