#pragma once
// SQLite's WAL checkpoint, taken off the request path. Left to SQLite, the
// commit that pushes the WAL past 1,000 pages copies them into the database file
// and syncs it inside that request, which made one order in ten wait ~4 ms. The
// pool's sessions report each commit here instead, and a thread with its own
// session runs a PASSIVE checkpoint (it never blocks writers or readers) when
// the WAL has grown, and now and then while commits keep coming. A writer that
// outruns it (past kPagesBeforeWritersWait) waits in its commit until a
// checkpoint begun after that commit has finished: the WAL, which every read
// searches, then starts over and stays bounded.
#include <condition_variable>
#include <cstdint>
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

  // A session committed and the WAL now holds `pages` pages (called inside the
  // commit, from SQLite's WAL hook).
  void committed(int pages) noexcept;

  static constexpr int kPagesBeforeCheckpoint = 1000;  // SQLite's own default threshold
  // Past this the committing session waits for a checkpoint (writers outrunning the thread).
  static constexpr int kPagesBeforeWritersWait = 4000;

private:
  void run() noexcept;

  std::unique_ptr<Connection> own_;
  std::mutex m_;
  std::condition_variable cv_;
  bool due_ = false;
  bool dirty_ = false;
  bool stop_ = false;
  std::int64_t started_ = 0;   // checkpoints begun
  std::int64_t finished_ = 0;  // checkpoints done
  std::condition_variable done_;
  std::thread thread_;
};

}  // namespace downstream::soci_adapter
