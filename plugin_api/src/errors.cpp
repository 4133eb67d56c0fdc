// Out-of-line destructors: the key functions that give each exported type one
// typeinfo and vtable, in this library, shared by the host and every plugin.
#include <downstream/clock.h>
#include <downstream/config.h>
#include <downstream/error.h>
#include <downstream/events.h>
#include <downstream/host_context.h>
#include <downstream/http.h>
#include <downstream/log.h>
#include <downstream/ports/carrier.h>
#include <downstream/ports/database.h>
#include <downstream/services.h>
#include <downstream/services/inventory.h>

namespace downstream {
Error::~Error() = default;
ConfigError::~ConfigError() = default;
InvalidValue::~InvalidValue() = default;
ServiceMissing::~ServiceMissing() = default;
Logger::~Logger() = default;
Clock::~Clock() = default;
ServiceRegistry::~ServiceRegistry() = default;
EventBus::~EventBus() = default;
PluginContext::~PluginContext() = default;
CommandRegistry::~CommandRegistry() = default;
namespace inventory {
InventoryService::~InventoryService() = default;
// Added after InventoryService 1.0: a default keeps older implementations loading.
std::vector<ReservedPiece> InventoryService::reserved_for(db::Transaction&, const DocumentLine&) { return {}; }
std::map<std::string, ProductInfo> InventoryService::products(db::Transaction& tx, const std::vector<std::string>& skus) {
  std::map<std::string, ProductInfo> out;
  for (const auto& sku : skus)
    if (auto p = product(tx, sku)) out.emplace(sku, *p);
  return out;
}
std::vector<Reservation> InventoryService::reserve_lines(db::Transaction& tx,
                                                        const std::vector<ReserveRequest>& requests) {
  std::vector<Reservation> out;
  for (const auto& r : requests) out.push_back(reserve(tx, r));
  return out;
}
std::vector<Decimal> InventoryService::ship_lines(db::Transaction& tx, const std::vector<ShipRequest>& lines) {
  std::vector<Decimal> out;
  for (const auto& l : lines) out.push_back(ship(tx, l.line, l.quantity));
  return out;
}
}
namespace http {
RouteRegistry::~RouteRegistry() = default;
}
namespace db {
DatabaseError::~DatabaseError() = default;
RetryableError::~RetryableError() = default;
BusyError::~BusyError() = default;
ConstraintViolation::~ConstraintViolation() = default;
Transaction::~Transaction() = default;
Database::~Database() = default;
Driver::~Driver() = default;
}  // namespace db
namespace ports {
Carrier::~Carrier() = default;
}
}  // namespace downstream
