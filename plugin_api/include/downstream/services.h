#pragma once
// Services and ports that plugins provide to one another. A service type names
// itself with `static constexpr std::string_view kServiceName`; the inventory
// module provides InventoryService, the soci adapter provides db::Driver.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <downstream/error.h>
#include <downstream/export.h>

namespace downstream {

class DOWNSTREAM_API ServiceRegistry {
public:
  virtual ~ServiceRegistry();

  // Provide an implementation of T, recorded under the calling plugin's name.
  template <class T>
  void provide(std::shared_ptr<T> service) {
    provide_raw(T::kServiceName, std::static_pointer_cast<void>(std::move(service)));
  }
  // The implementation of T (from `provider` if given); nullptr if none.
  template <class T>
  std::shared_ptr<T> find(std::string_view provider = {}) const {
    return std::static_pointer_cast<T>(find_raw(T::kServiceName, provider));
  }
  // The implementation of T; throws ServiceMissing naming the service if none.
  template <class T>
  T& require(std::string_view provider = {}) const {
    auto s = find<T>(provider);
    if (!s) throw ServiceMissing(missing_message(T::kServiceName, provider));
    return *s;
  }
  // Which plugins provide the named service.
  virtual std::vector<std::string> providers(std::string_view service) const = 0;

protected:
  virtual void provide_raw(std::string_view service, std::shared_ptr<void> impl) = 0;
  virtual std::shared_ptr<void> find_raw(std::string_view service, std::string_view provider) const = 0;
  virtual std::string missing_message(std::string_view service, std::string_view provider) const = 0;
};

}  // namespace downstream
