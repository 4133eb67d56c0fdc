#pragma once
// Random secrets, keyed hashes and constant-time comparison, for API keys and
// the request-body fingerprints of idempotent POSTs.
#include <string>

namespace downstream::host::crypto {

// `bytes` random bytes from OpenSSL's CSPRNG, as lower-case hex.
std::string random_hex(std::size_t bytes);
// HMAC-SHA-256 of `message` under `key`, as lower-case hex.
std::string hmac_sha256_hex(const std::string& key, const std::string& message);
// Compares without leaking where the first difference is.
bool constant_time_equal(const std::string& a, const std::string& b);

}  // namespace downstream::host::crypto
