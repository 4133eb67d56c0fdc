#pragma once
// In-process domain events: subscribers run inside the publisher's unit of work,
// then the event goes to the outbox table in it, so it is delivered to the host
// ERP if and only if the change committed.
#include <downstream/clock.h>
#include <downstream/events.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace downstream::host {

class HostEventBus final : public EventBus {
public:
  explicit HostEventBus(const Clock& clock) : clock_(clock) {}
  void publish(db::Transaction& tx, const Event& event) override;
  void subscribe(std::string type, EventHandler handler) override;

private:
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<EventHandler>> handlers_;
};

// A new random event id (128 bits, hex), for receivers that deduplicate.
std::string new_event_id();

}  // namespace downstream::host
