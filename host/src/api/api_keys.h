#pragma once
// API keys: who may call the API, with which role, on which sites. A key is
// "ds_<key_id>_<secret>"; it is printed once at creation and only an HMAC of it
// (under the server's key secret) is stored, found by its key_id.
#include <downstream/http.h>
#include <downstream/ports/database.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace downstream::host {

struct ApiKey {
  std::string key_id;
  std::string name;
  http::Role role = http::Role::viewer;
  std::vector<std::string> sites;  // empty: every site
  std::string created_at;
  std::optional<std::string> revoked_at;
};

const char* role_name(http::Role r);
std::optional<http::Role> parse_role(const std::string& text);

// The server-side secret keys are hashed under: read from `file`, created (0600,
// 32 random bytes) by whichever process needs it first.
std::string load_or_create_key_secret(const std::filesystem::path& file);

class ApiKeys {
public:
  ApiKeys(db::Database& db, std::string secret) : db_(db), secret_(std::move(secret)) {}
  // Returns the new key's id and the full key, which is never shown again.
  std::pair<ApiKey, std::string> create(const std::string& name, http::Role role, std::vector<std::string> sites,
                                        const std::string& now);
  std::vector<ApiKey> list();
  // False if there is no such key; revoking twice keeps the first time.
  bool revoke(const std::string& key_id, const std::string& now);
  // The key a bearer token belongs to, if it exists, matches and is not revoked.
  // Runs inside the request's own unit of work: no extra round trip to begin one.
  std::optional<ApiKey> authenticate(db::Transaction& tx, const std::string& token);

private:
  db::Database& db_;
  std::string secret_;
};

}  // namespace downstream::host
