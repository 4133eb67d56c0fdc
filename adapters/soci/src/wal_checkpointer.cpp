#include "wal_checkpointer.h"

#include <chrono>

namespace downstream::soci_adapter {

WalCheckpointer::WalCheckpointer(const DatabaseUrl& url, const db::DatabaseSettings& settings)
    : own_(std::make_unique<Connection>(url, settings, false)), thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(m_);
    stop_ = true;
  }
  cv_.notify_one();
  done_.notify_all();
  thread_.join();
}

void WalCheckpointer::committed(int pages) noexcept {
  std::unique_lock lock(m_);
  dirty_ = true;
  if (pages >= kPagesBeforeCheckpoint && !due_) {
    due_ = true;
    cv_.notify_one();
  }
  if (pages < kPagesBeforeWritersWait || stop_) return;
  // The next checkpoint to begin covers this commit; wait for it, within reason.
  const auto target = started_ + 1;
  done_.wait_for(lock, std::chrono::seconds(5), [&] { return finished_ >= target || stop_; });
}

void WalCheckpointer::run() noexcept {
  std::unique_lock lock(m_);
  while (!stop_) {
    // A second after the last checkpoint, whatever the WAL's size, so a quiet
    // database does not keep a large WAL for readers to search.
    cv_.wait_for(lock, std::chrono::seconds(1), [&] { return due_ || stop_; });
    if (stop_) break;
    if (!due_ && !dirty_) continue;
    due_ = dirty_ = false;
    ++started_;
    lock.unlock();
    try {
      own_->exec_native("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (...) {
      // Busy or failing: the next commit or second tries again; SQLite's data is
      // safe in the WAL either way.
    }
    lock.lock();
    ++finished_;
    done_.notify_all();
  }
  done_.notify_all();
}

}  // namespace downstream::soci_adapter
