#pragma once
// Dated stock figures of one product per site: on hand as of the end of a past
// day (from the latest closed-period snapshot on or before it plus the done
// moves since), and what on hand and availability will be at the end of a
// future day once the planned moves due by then are done.
//
// `sites` limits the answer (empty: every site); each listed site appears even
// when its figures are zero, so a client never mistakes "no row" for "unknown".
#include <downstream/domain/decimal.h>
#include <downstream/ports/database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calendar_day.h"

namespace downstream::inventory_module {

struct SiteOnHand {
  std::string site;
  Decimal on_hand;
};

struct StockAsOf {
  std::string date;
  std::optional<std::string> basis;  // the closed day the figures start from; none: from the first move
  std::vector<SiteOnHand> sites;
  Decimal total;
};

// Physical on hand as of the end of `day` (UTC).
StockAsOf stock_as_of(db::Transaction& tx, std::int64_t product_id, const std::vector<std::string>& sites,
                      CalendarDay day);

struct ProjectedSite {
  std::string site;
  Decimal on_hand;    // now
  Decimal reserved;   // now; counts against availability whatever its date (DOMAIN-RULES.md)
  Decimal incoming;   // planned to arrive by the end of the day
  Decimal outgoing;   // planned to leave by the end of the day
  Decimal projected_on_hand;    // on_hand + incoming - outgoing
  Decimal projected_available;  // projected_on_hand - reserved
};

struct Projection {
  std::string date;
  std::vector<ProjectedSite> sites;
  ProjectedSite total;  // site ""
};

// From the stock summary now plus the planned (draft or reserved) moves due by
// the end of `day`, overdue ones included.
Projection projected(db::Transaction& tx, std::int64_t product_id, const std::vector<std::string>& sites,
                     CalendarDay day);

}  // namespace downstream::inventory_module
