#pragma once
// Idempotent POSTs: the first answer to (API key, Idempotency-Key) is stored in
// the same unit of work as the writes it answered, with a hash of the request.
// The claim is an INSERT ... ON CONFLICT DO NOTHING made before the handler
// runs, so a duplicate arriving at the same moment waits on the first one's row
// (PostgreSQL) or on the write lock (SQLite) and then finds its answer.
#include <downstream/ports/database.h>

#include <cstdint>
#include <optional>
#include <string>

namespace downstream::host {

struct StoredAnswer {
  int status = 0;
  std::string content_type;
  std::string body;
  std::string request_hash;  // of method, path and body
  std::string method, path;
};

struct IdempotencyClaim {
  std::string key_id;        // the API key: one client's keys never collide with another's
  std::string idem_key;      // the Idempotency-Key header
  std::string method, path;
  std::string request_hash;
  std::string now;           // timestamp text
  std::int64_t now_us = 0;
  std::int64_t expires_us = 0;
};

// Claims the key for this request. Returns nothing if the caller now owns it and
// must run the handler (then record()), or the answer stored by an earlier request.
std::optional<StoredAnswer> claim_idempotency_key(db::Transaction& tx, const IdempotencyClaim& claim);
// Stores the answer for a claim made in this unit of work.
void record_idempotent_answer(db::Transaction& tx, const IdempotencyClaim& claim, int status,
                              const std::string& content_type, const std::string& body);
// Deletes answers past their expiry; returns how many.
std::int64_t purge_expired_answers(db::Transaction& tx, std::int64_t now_us);

}  // namespace downstream::host
