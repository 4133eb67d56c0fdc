#pragma once
// Which sites confirming an order may reserve at, per sales channel, as
// config/modules.d/sales.ini says ([sales] <channel>_policy, _sites, _split,
// _shortage and regions).
#include <downstream/config.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace downstream::sales_module {

enum class PolicyKind { single_site, priority, region };

struct ChannelPolicy {
  PolicyKind kind = PolicyKind::single_site;
  std::vector<std::string> sites;  // priority order (priority policy)
  bool split = false;              // one line may be reserved at several sites
  bool refuse_shortage = false;    // a shortage refuses the confirm instead of backordering
};

inline constexpr const char* kChannels[] = {"web", "retail", "wholesale", "marketplace"};

class AllocationPolicies {
public:
  AllocationPolicies() = default;
  // Throws ConfigError naming the key for a malformed `regions`.
  static AllocationPolicies from_config(const ConfigSection& config);

  // The channel's policy (the default single_site policy for an unknown channel).
  const ChannelPolicy& of(std::string_view channel) const;
  void set(const std::string& channel, ChannelPolicy policy) { channels_[channel] = std::move(policy); }
  void set_region(const std::string& region, std::vector<std::string> sites) { regions_[region] = std::move(sites); }

  // The sites to try, in order: single_site → the order's site; priority → the
  // listed sites (the order's site when none are listed); region → the sites of
  // the customer's region (the order's site when the region has none).
  std::vector<std::string> sites_for(std::string_view channel, const std::string& order_site,
                                     const std::string& customer_region) const;

  // Every site the configuration names, with the key naming it ("web_sites", "regions").
  std::vector<std::pair<std::string, std::string>> named_sites() const;

private:
  std::map<std::string, ChannelPolicy, std::less<>> channels_;
  std::map<std::string, std::vector<std::string>, std::less<>> regions_;
};

// "DE-N = NORTH, SOUTH; ES = SOUTH" → {"DE-N": [NORTH, SOUTH], "ES": [SOUTH]};
// throws ConfigError (with `origin`) for an entry without '=' or without sites.
std::map<std::string, std::vector<std::string>, std::less<>> parse_regions(std::string_view text,
                                                                           const std::string& origin);

}  // namespace downstream::sales_module
