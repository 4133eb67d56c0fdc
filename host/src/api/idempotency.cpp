#include "api/idempotency.h"

namespace downstream::host {

std::optional<StoredAnswer> claim_idempotency_key(db::Transaction& tx, const IdempotencyClaim& c) {
  // An expired answer no longer counts: the key may be used afresh.
  tx.execute("DELETE FROM downstream_idempotency WHERE key_id = ? AND idem_key = ? AND expires_us <= ?",
             {c.key_id, c.idem_key, c.now_us});
  auto inserted = tx.execute(
      "INSERT INTO downstream_idempotency (key_id, idem_key, method, path, request_hash, status, content_type, body, "
      "created_at, expires_us) VALUES (?, ?, ?, ?, ?, 0, '', '', ?, ?) ON CONFLICT (key_id, idem_key) DO NOTHING",
      {c.key_id, c.idem_key, c.method, c.path, c.request_hash, c.now, c.expires_us});
  if (inserted == 1) return std::nullopt;
  auto row = tx.query_one(
      "SELECT status, content_type, body, request_hash, method, path FROM downstream_idempotency "
      "WHERE key_id = ? AND idem_key = ?",
      {c.key_id, c.idem_key});
  if (!row) throw db::RetryableError("the idempotency key was released while being claimed");
  StoredAnswer a;
  a.status = static_cast<int>(row->get_int(0));
  a.content_type = row->get_text(1);
  a.body = row->get_text(2);
  a.request_hash = row->get_text(3);
  a.method = row->get_text(4);
  a.path = row->get_text(5);
  return a;
}

void record_idempotent_answer(db::Transaction& tx, const IdempotencyClaim& c, int status,
                              const std::string& content_type, const std::string& body) {
  tx.execute("UPDATE downstream_idempotency SET status = ?, content_type = ?, body = ? WHERE key_id = ? AND idem_key = ?",
             {status, content_type, body, c.key_id, c.idem_key});
}

std::int64_t purge_expired_answers(db::Transaction& tx, std::int64_t now_us) {
  return tx.execute("DELETE FROM downstream_idempotency WHERE expires_us <= ?", {now_us});
}

}  // namespace downstream::host
