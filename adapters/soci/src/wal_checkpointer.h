#pragma once
// SQLite's WAL checkpoint, taken off the request path. Left to SQLite, the
// commit that pushes the WAL past 1,000 pages copies them into the database file
// and syncs it inside that request, which made one order in ten wait ~4 ms. The
// pool's sessions report each commit here instead, and a thread with its own
// session runs a PASSIVE checkpoint (it never blocks writers or readers) when
// the WAL has grown, and now and then while commits keep coming. Writers that
// outrun it (past kPagesBeforeCommitCheckpoints) checkpoint in their commit again.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "connection.h"

namespace downstream::soci_adapter {

class WalCheckpointer {
public:
  WalCheckpointer(const DatabaseUrl& url, const db::DatabaseSettings& settings);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // A session committed and the WAL now holds `pages` pages.
  void committed(int pages) noexcept;

  static constexpr int kPagesBeforeCheckpoint = 1000;  // SQLite's own default threshold
  // Past this the committing session checkpoints too (writers outrunning the thread).
  static constexpr int kPagesBeforeCommitCheckpoints = 4000;

private:
  void run() noexcept;

  std::unique_ptr<Connection> own_;
  std::mutex m_;
  std::condition_variable cv_;
  bool due_ = false;
  bool dirty_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace downstream::soci_adapter
