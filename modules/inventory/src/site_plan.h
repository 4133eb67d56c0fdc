#pragma once
// What applying the site files would change in the database, and applying it.
// Sites and locations are never deleted: moves refer to them forever, so one
// that left the files is deactivated, and only when it holds no stock.
#include <downstream/ports/database.h>

#include <string>
#include <vector>

#include "site_documents.h"

namespace downstream::inventory_module {

struct PlanChange {
  enum class Action {
    create_site,
    change_site,
    create_location,
    change_location,
    deactivate_location,
    deactivate_site
  };
  Action action;
  SiteSpec site;          // the declared site (its code only, for a deactivation)
  LocationSpec location;  // the declared location (its code only, for a deactivation)
  std::string text;       // "create location NORTH/storage/a-01: bin 'a-01'"
};

struct SitePlan {
  std::vector<PlanChange> changes;    // in the order they apply
  std::vector<std::string> refusals;  // why the plan cannot apply, each naming the location or site
};

SitePlan plan_sites(db::Transaction& tx, const std::vector<SiteSpec>& sites);
// Carries out a plan computed in the same unit of work; one with refusals is not applied.
void apply_plan(db::Transaction& tx, const SitePlan& plan);

}  // namespace downstream::inventory_module
