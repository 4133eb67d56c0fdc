#include "runtime/event_bus.h"

#include <downstream/ports/database.h>

#include <random>

namespace downstream::host {

std::string new_event_id() {
  thread_local std::random_device rd;
  static const char* hex = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 4; ++i) {
    auto word = rd();
    for (int j = 0; j < 8; ++j) id += hex[(word >> (4 * j)) & 15u];
  }
  return id;
}

void HostEventBus::subscribe(std::string type, EventHandler handler) {
  std::lock_guard lock(mutex_);
  handlers_[std::move(type)].push_back(std::move(handler));
}

void HostEventBus::publish(db::Transaction& tx, const Event& event) {
  std::vector<EventHandler> handlers;
  {
    std::lock_guard lock(mutex_);
    if (auto it = handlers_.find(event.type); it != handlers_.end()) handlers = it->second;
  }
  for (const auto& h : handlers) h(tx, event);
  tx.queue(
      "INSERT INTO downstream_outbox (event_id, type, site, payload, created_at, attempts) "
      "VALUES (?, ?, ?, ?, ?, 0)",
      {new_event_id(), event.type, event.site, event.payload_json, format_timestamp(clock_.now())});
}

}  // namespace downstream::host
