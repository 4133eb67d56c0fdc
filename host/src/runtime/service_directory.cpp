#include "runtime/service_directory.h"

namespace downstream::host {

void ServiceDirectory::add(const std::string& service, const std::string& provider, std::shared_ptr<void> impl) {
  std::lock_guard lock(mutex_);
  entries_[{service, provider}] = std::move(impl);
}

std::shared_ptr<void> ServiceDirectory::find(std::string_view service, std::string_view provider) const {
  std::lock_guard lock(mutex_);
  std::shared_ptr<void> found;
  for (const auto& [key, impl] : entries_) {
    if (key.first != service) continue;
    if (!provider.empty() && key.second != provider) continue;
    // With no provider named, the service must be unambiguous.
    if (found && provider.empty()) return nullptr;
    found = impl;
  }
  return found;
}

std::vector<std::string> ServiceDirectory::providers(std::string_view service) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [key, impl] : entries_)
    if (key.first == service) out.push_back(key.second);
  return out;
}

void PluginServices::provide_raw(std::string_view service, std::shared_ptr<void> impl) {
  dir_.add(std::string(service), plugin_, std::move(impl));
}

std::shared_ptr<void> PluginServices::find_raw(std::string_view service, std::string_view provider) const {
  return dir_.find(service, provider);
}

std::string PluginServices::missing_message(std::string_view service, std::string_view provider) const {
  auto all = dir_.providers(service);
  std::string msg = "plugin '" + plugin_ + "' needs the service " + std::string(service);
  if (!provider.empty()) msg += " from '" + std::string(provider) + "'";
  if (all.empty()) return msg + ", which no enabled plugin provides";
  std::string list;
  for (const auto& p : all) list += (list.empty() ? "" : ", ") + p;
  if (provider.empty()) return msg + ", which several plugins provide (" + list + "): name one";
  return msg + ", but only " + list + " provide it";
}

}  // namespace downstream::host
