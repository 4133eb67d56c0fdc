#include "allocation_policy.h"

#include <downstream/error.h>

namespace downstream::sales_module {

namespace {

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> split_list(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(sep, start);
    if (end == std::string_view::npos) end = text.size();
    auto item = trim(text.substr(start, end - start));
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

}  // namespace

std::map<std::string, std::vector<std::string>, std::less<>> parse_regions(std::string_view text,
                                                                           const std::string& origin) {
  std::map<std::string, std::vector<std::string>, std::less<>> out;
  for (const auto& entry : split_list(text, ';')) {
    auto eq = entry.find('=');
    auto region = eq == std::string::npos ? std::string() : trim(std::string_view(entry).substr(0, eq));
    if (region.empty())
      throw ConfigError("sales.regions (" + origin + "): '" + entry +
                        "' is not REGION = SITE, SITE; write e.g. \"DE-N = NORTH, SOUTH; ES = SOUTH\"");
    auto sites = split_list(std::string_view(entry).substr(eq + 1), ',');
    if (sites.empty()) throw ConfigError("sales.regions (" + origin + "): region '" + region + "' names no site");
    out[region] = std::move(sites);
  }
  return out;
}

AllocationPolicies AllocationPolicies::from_config(const ConfigSection& config) {
  AllocationPolicies out;
  for (const char* channel : kChannels) {
    std::string c(channel);
    ChannelPolicy p;
    auto kind = config.get_string(c + "_policy");
    p.kind = kind == "priority" ? PolicyKind::priority : kind == "region" ? PolicyKind::region : PolicyKind::single_site;
    p.sites = config.get_list(c + "_sites");
    p.split = config.get_bool(c + "_split");
    p.refuse_shortage = config.get_string(c + "_shortage") == "refuse";
    out.channels_[c] = std::move(p);
  }
  out.regions_ = parse_regions(config.raw("regions").value_or(""), config.origin("regions"));
  return out;
}

const ChannelPolicy& AllocationPolicies::of(std::string_view channel) const {
  static const ChannelPolicy fallback;
  auto it = channels_.find(channel);
  return it == channels_.end() ? fallback : it->second;
}

std::vector<std::pair<std::string, std::string>> AllocationPolicies::named_sites() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [channel, p] : channels_)
    if (p.kind == PolicyKind::priority)
      for (const auto& site : p.sites) out.emplace_back(channel + "_sites", site);
  for (const auto& [region, sites] : regions_)
    for (const auto& site : sites) out.emplace_back("regions", site);
  return out;
}

std::vector<std::string> AllocationPolicies::sites_for(std::string_view channel, const std::string& order_site,
                                                       const std::string& customer_region) const {
  const auto& p = of(channel);
  switch (p.kind) {
    case PolicyKind::single_site:
      return {order_site};
    case PolicyKind::priority:
      return p.sites.empty() ? std::vector<std::string>{order_site} : p.sites;
    case PolicyKind::region: {
      auto it = regions_.find(customer_region);
      return it == regions_.end() ? std::vector<std::string>{order_site} : it->second;
    }
  }
  return {order_site};
}

}  // namespace downstream::sales_module
