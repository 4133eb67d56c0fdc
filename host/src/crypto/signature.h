#pragma once
// Ed25519 signatures over a plugin: manifest and library bytes together, so
// neither can be swapped. Kept apart from Poco's SSL headers (they need
// OpenSSL's deprecated API; this target builds with OPENSSL_NO_DEPRECATED).
//
// The signed message is "downstream-plugin-signature-v1\n" || SHA-256(manifest)
// || SHA-256(library). The signature file lib<name>.so.sig is INI:
//   [signature]
//   signer = dev
//   key_id = <first 16 hex digits of SHA-256 of the raw public key>
//   algorithm = ed25519
//   value = <base64 of the 64-byte signature>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace downstream::host::crypto {

std::string sha256_hex(const std::string& bytes);

// Writes a new Ed25519 key pair as PEM: private (mode 0600) and public.
void generate_key_pair(const std::filesystem::path& private_pem, const std::filesystem::path& public_pem);

struct PublicKey {
  std::string name;     // the file stem in the trusted-keys folder: "dev" for dev.pub.pem
  std::string key_id;   // as in signature files
  std::string pem;
};

// Every *.pub.pem in a folder (missing folder: none). Unreadable keys are problems.
std::vector<PublicKey> load_trusted_keys(const std::filesystem::path& dir, std::vector<std::string>& problems);
PublicKey load_public_key(const std::filesystem::path& pem_file);  // throws std::runtime_error

struct SignatureFile {
  std::string signer;
  std::string key_id;
  std::string value_base64;
};

// Signs manifest+library bytes with a private key; returns the signature file's text.
std::string sign_plugin(const std::string& manifest_bytes, const std::string& library_bytes,
                        const std::filesystem::path& private_pem, const std::string& signer);
std::optional<SignatureFile> parse_signature_file(const std::string& text, std::string& error);

// Verifies; on success returns the trusted key's name, else nullopt with `error`
// saying why ("signed by key 3fa2... which is not trusted", "signature does not match").
std::optional<std::string> verify_plugin(const std::string& manifest_bytes, const std::string& library_bytes,
                                         const std::string& signature_text, const std::vector<PublicKey>& trusted,
                                         std::string& error);

}  // namespace downstream::host::crypto
