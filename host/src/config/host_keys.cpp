// The host's own configuration keys: [host], [database], [security], [http], [log], [ports].
// config/downstream.ini shows the ones an admin usually sets; `config docs` prints them all.
#include "config/config_key.h"

namespace downstream::host {

namespace {

ConfigKey key(std::string section, std::string name, std::string type, std::optional<std::string> default_value,
              std::string help) {
  ConfigKey k;
  k.section = std::move(section);
  k.name = std::move(name);
  // The types below are written by us; a typo here is caught by the config tests.
  (void)parse_key_type(type, k);
  k.default_value = std::move(default_value);
  k.help = std::move(help);
  k.declared_by = "host";
  return k;
}

}  // namespace

std::vector<ConfigKey> host_config_keys() {
  return {
      key("host", "plugin_dir", "path", "",
          "Folder holding plugin libraries and manifests; empty = the plugin folder beside the binary"),
      key("host", "clock", "timestamp", std::nullopt,
          "test only: fixes 'now' for this host process (UTC, such as 2026-01-15T09:00:00Z)"),

      key("database", "url", "string", "sqlite3:var/downstream.db",
          "Where the data lives: sqlite3:<file> or postgresql://user@host:5432/dbname"),
      key("database", "pool_size", "int", "4", "Database sessions kept open per host process"),
      key("database", "busy_timeout_ms", "int", "5000",
          "How long to wait for a busy SQLite database or a free pooled session, in milliseconds"),
      key("database", "max_attempts", "int", "5",
          "Tries of one unit of work on a serialisation failure or deadlock before answering 503"),
      key("database", "sqlite_synchronous", "enum(NORMAL|FULL)", "NORMAL",
          "SQLite durability: FULL keeps every commit through a power cut; NORMAL may lose the last ones"),

      key("security", "require_signed_plugins", "bool", "true",
          "Load only plugins whose Ed25519 signature matches a trusted key"),
      key("security", "trusted_keys", "path", "",
          "Folder of trusted public keys (*.pub.pem); empty = the trusted-keys folder beside the binary"),

      key("security", "key_secret_file", "path", "var/key-secret",
          "File holding the secret API keys are hashed under; created on first use. Every host process "
          "sharing a database needs the same file"),

      key("http", "listen", "string", "127.0.0.1:8080", "Address and port the API listens on"),
      key("http", "threads", "int", "8", "Requests served at the same time"),
      key("http", "queue", "int", "64", "Connections waiting for a thread before new ones are refused"),
      key("http", "max_body_bytes", "int", "1048576", "Largest request body accepted; larger ones get 413"),
      key("http", "tls_cert", "path", std::nullopt, "PEM certificate for HTTPS; unset = plain HTTP"),
      key("http", "tls_key", "path", std::nullopt, "PEM private key matching http.tls_cert"),
      key("http", "idempotency_hours", "int", "24", "How long an Idempotency-Key's first answer is kept"),

      key("log", "level", "enum(debug|info|warning|error)", "info", "Least severe messages written to the log"),

      key("ports", "database", "string", "soci", "Which adapter plugin fills the database port"),
  };
}

}  // namespace downstream::host
