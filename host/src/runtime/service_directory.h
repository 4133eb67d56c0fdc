#pragma once
// Every service provided by any plugin, by service name and provider. Each plugin
// sees it through its own ServiceRegistry, which records that plugin as provider.
#include <downstream/services.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace downstream::host {

class ServiceDirectory {
public:
  void add(const std::string& service, const std::string& provider, std::shared_ptr<void> impl);
  std::shared_ptr<void> find(std::string_view service, std::string_view provider) const;
  std::vector<std::string> providers(std::string_view service) const;

private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<void>, std::less<>> entries_;
};

class PluginServices final : public ServiceRegistry {
public:
  PluginServices(ServiceDirectory& directory, std::string plugin) : dir_(directory), plugin_(std::move(plugin)) {}
  std::vector<std::string> providers(std::string_view service) const override { return dir_.providers(service); }

protected:
  void provide_raw(std::string_view service, std::shared_ptr<void> impl) override;
  std::shared_ptr<void> find_raw(std::string_view service, std::string_view provider) const override;
  std::string missing_message(std::string_view service, std::string_view provider) const override;

private:
  ServiceDirectory& dir_;
  std::string plugin_;
};

}  // namespace downstream::host
