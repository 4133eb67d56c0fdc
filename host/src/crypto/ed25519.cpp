// Ed25519 keys and plugin signatures through OpenSSL 3's EVP interface.
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "crypto/signature.h"

namespace downstream::host::crypto {
namespace {

constexpr const char* kDomain = "downstream-plugin-signature-v1\n";

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string message_for(const std::string& manifest_bytes, const std::string& library_bytes) {
  return std::string(kDomain) + sha256_hex(manifest_bytes) + sha256_hex(library_bytes);
}

Pkey read_private_pem(const std::filesystem::path& file) {
  auto text = read_all(file);
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519)
    throw std::runtime_error(file.string() + " is not an Ed25519 private key in PEM form");
  return key;
}

Pkey read_public_pem(const std::string& pem, const std::string& where) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Pkey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519)
    throw std::runtime_error(where + " is not an Ed25519 public key in PEM form");
  return key;
}

std::string key_id_of(EVP_PKEY* key) {
  unsigned char raw[64];
  size_t len = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(key, raw, &len) != 1) throw std::runtime_error("cannot read the raw public key");
  return sha256_hex(std::string(reinterpret_cast<const char*>(raw), len)).substr(0, 16);
}

std::string base64(const unsigned char* data, size_t len) {
  std::string out(4 * ((len + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(len));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<std::string> unbase64(const std::string& text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  size_t pad = static_cast<size_t>(std::count(text.end() - 2, text.end(), '='));
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

void write_file(const std::filesystem::path& p, const std::string& content, mode_t mode) {
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + p.string());
  out << content;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + p.string());
  ::chmod(p.c_str(), mode);
}

std::string pem_of(EVP_PKEY* key, bool private_part) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  int ok = private_part ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                        : PEM_write_bio_PUBKEY(bio.get(), key);
  if (ok != 1) throw std::runtime_error("cannot encode the key as PEM");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

}  // namespace

void generate_key_pair(const std::filesystem::path& private_pem, const std::filesystem::path& public_pem) {
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1)
    throw std::runtime_error("Ed25519 key generation failed");
  Pkey key(raw);
  write_file(private_pem, pem_of(key.get(), true), 0600);
  write_file(public_pem, pem_of(key.get(), false), 0644);
}

PublicKey load_public_key(const std::filesystem::path& pem_file) {
  PublicKey k;
  k.pem = read_all(pem_file);
  auto key = read_public_pem(k.pem, pem_file.string());
  auto stem = pem_file.filename().string();
  if (auto dot = stem.find(".pub.pem"); dot != std::string::npos) stem = stem.substr(0, dot);
  k.name = stem;
  k.key_id = key_id_of(key.get());
  return k;
}

std::vector<PublicKey> load_trusted_keys(const std::filesystem::path& dir, std::vector<std::string>& problems) {
  std::vector<PublicKey> keys;
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return keys;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    auto name = e.path().filename().string();
    if (name.size() > 8 && name.ends_with(".pub.pem")) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    try {
      keys.push_back(load_public_key(f));
    } catch (const std::exception& e) {
      problems.push_back(std::string(e.what()) + ": remove it from the trusted keys or replace it");
    }
  }
  return keys;
}

std::string sign_plugin(const std::string& manifest_bytes, const std::string& library_bytes,
                        const std::filesystem::path& private_pem, const std::string& signer) {
  auto key = read_private_pem(private_pem);
  auto message = message_for(manifest_bytes, library_bytes);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  unsigned char sig[64];
  size_t sig_len = sizeof sig;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), sig, &sig_len, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size()) != 1)
    throw std::runtime_error("signing failed");
  std::ostringstream out;
  out << "[signature]\n"
      << "signer = " << signer << "\n"
      << "key_id = " << key_id_of(key.get()) << "\n"
      << "algorithm = ed25519\n"
      << "value = " << base64(sig, sig_len) << "\n";
  return out.str();
}

std::optional<SignatureFile> parse_signature_file(const std::string& text, std::string& error) {
  SignatureFile f;
  std::string algorithm;
  bool in_section = false;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line == "[signature]") {
      in_section = true;
      continue;
    }
    auto eq = line.find('=');
    if (!in_section || eq == std::string::npos) {
      error = "line " + std::to_string(number) + ": expected key = value in [signature]";
      return std::nullopt;
    }
    auto key = trim(line.substr(0, eq));
    auto value = trim(line.substr(eq + 1));
    if (key == "signer") f.signer = value;
    else if (key == "key_id") f.key_id = value;
    else if (key == "algorithm") algorithm = value;
    else if (key == "value") f.value_base64 = value;
    else {
      error = "line " + std::to_string(number) + ": unknown key '" + key + "'";
      return std::nullopt;
    }
  }
  if (algorithm != "ed25519") {
    error = "algorithm must be ed25519, found '" + algorithm + "'";
    return std::nullopt;
  }
  if (f.key_id.empty() || f.value_base64.empty()) {
    error = "key_id and value are required";
    return std::nullopt;
  }
  return f;
}

std::optional<std::string> verify_plugin(const std::string& manifest_bytes, const std::string& library_bytes,
                                         const std::string& signature_text, const std::vector<PublicKey>& trusted,
                                         std::string& error) {
  auto sig = parse_signature_file(signature_text, error);
  if (!sig) {
    error = "the signature file is malformed: " + error;
    return std::nullopt;
  }
  auto it = std::find_if(trusted.begin(), trusted.end(), [&](const PublicKey& k) { return k.key_id == sig->key_id; });
  if (it == trusted.end()) {
    error = "signed by key " + sig->key_id + " ('" + sig->signer + "'), which is not among the trusted keys";
    return std::nullopt;
  }
  auto value = unbase64(sig->value_base64);
  if (!value || value->size() != 64) {
    error = "the signature value is not a base64 Ed25519 signature";
    return std::nullopt;
  }
  auto key = read_public_pem(it->pem, it->name);
  auto message = message_for(manifest_bytes, library_bytes);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) {
    error = "cannot set up signature verification";
    return std::nullopt;
  }
  int ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(value->data()), value->size(),
                            reinterpret_cast<const unsigned char*>(message.data()), message.size());
  if (ok != 1) {
    ERR_clear_error();  // a failed verification leaves an error queued for this thread
    error = "the signature does not match the manifest and library (modified after signing by '" + it->name + "'?)";
    return std::nullopt;
  }
  return it->name;
}

}  // namespace downstream::host::crypto
