#pragma once
// Domain events. Publishing runs every subscriber inside the publisher's unit of
// work and writes the event to the outbox in it, so the host ERP hears of a change
// if and only if the change committed.
#include <functional>
#include <string>

#include <downstream/export.h>

namespace downstream {
namespace db {
class Transaction;
}

// One domain event: "sales_order.confirmed" with its JSON payload and the site it concerns.
struct Event {
  std::string type;
  std::string payload_json;  // a JSON object, as text
  std::string site;          // empty when the event concerns no single site
};

using EventHandler = std::function<void(db::Transaction& tx, const Event& event)>;

class DOWNSTREAM_API EventBus {
public:
  virtual ~EventBus();
  // Runs the subscribers of event.type now, in tx, then records the event in the outbox.
  virtual void publish(db::Transaction& tx, const Event& event) = 0;
  // Handle every event of `type` published from now on.
  virtual void subscribe(std::string type, EventHandler handler) = 0;
};

}  // namespace downstream
