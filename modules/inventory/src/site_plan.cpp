#include "site_plan.h"

#include <downstream/domain/decimal.h>
#include <downstream/error.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace downstream::inventory_module {

namespace {

using Action = PlanChange::Action;

struct StoredSite {
  std::string name, kind, timezone, address;
  bool active = true;
};

struct StoredLocation {
  std::int64_t id = 0;
  std::string code, name, kind;
  std::string parent;  // its code
  bool active = true;
};

std::string quoted(const std::string& s) { return "'" + s + "'"; }

// " name 'A' -> 'B'" for each field that differs.
struct Differences {
  std::string text;
  void add(const char* field, const std::string& from, const std::string& to) {
    if (from == to) return;
    text += (text.empty() ? "" : ", ") + std::string(field) + " " + quoted(from) + " -> " + quoted(to);
  }
};

std::string file_of(const std::string& where) { return where.substr(0, where.rfind(':')); }

// Why a location may not be deactivated: stock on hand or reserved there, or
// planned moves still to come in or go out.
std::optional<std::string> holds_stock(db::Transaction& tx, std::int64_t location_id) {
  auto rows = tx.query(
      "SELECT p.sku, b.on_hand, b.reserved, p.unit FROM inv_balance b JOIN inv_product p ON p.id = b.product_id "
      "WHERE b.location_id = ? AND (b.on_hand <> 0 OR b.reserved <> 0) ORDER BY p.sku, b.lot_id LIMIT 4",
      {location_id});
  if (!rows.empty()) {
    std::string what;
    for (std::size_t i = 0; i < rows.size() && i < 3; ++i) {
      what += (i ? ", " : "") + Decimal::from_raw(rows[i].get_int(1)).to_string() + " " + rows[i].get_text(3) + " of " +
              rows[i].get_text(0);
      if (rows[i].get_int(2) != 0) what += " (" + Decimal::from_raw(rows[i].get_int(2)).to_string() + " reserved)";
    }
    if (rows.size() > 3) what += ", ...";
    return "holds stock (" + what + ")";
  }
  auto planned = tx.query_int(
      "SELECT count(*) FROM inv_move WHERE state IN ('draft', 'reserved') AND (from_location = ? OR to_location = ?)",
      {location_id, location_id});
  if (planned > 0) return "has " + std::to_string(planned) + " planned move" + (planned == 1 ? "" : "s");
  return std::nullopt;
}

void refuse(SitePlan& plan, const std::string& label, const std::string& why, const std::string& keep) {
  plan.refusals.push_back("location " + label + " " + why + ", so it cannot be deactivated: move it out first, or " +
                          keep);
}

}  // namespace

SitePlan plan_sites(db::Transaction& tx, const std::vector<SiteSpec>& sites) {
  SitePlan plan;
  std::map<std::string, StoredSite> stored;
  for (const auto& r : tx.query("SELECT code, name, kind, timezone, address, active FROM inv_site"))
    stored[r.get_text(0)] = {r.get_text(1), r.get_text(2), r.get_text(3), r.get_text(4), r.get_int(5) != 0};

  auto stored_locations = [&](const std::string& site) {
    std::map<std::string, StoredLocation> out;
    std::map<std::int64_t, std::string> code_of;
    auto rows = tx.query(
        "SELECT id, code, name, kind, parent_id, active FROM inv_location WHERE site = ? AND physical = 1", {site});
    for (const auto& r : rows) code_of[r.get_int(0)] = r.get_text(1);
    for (const auto& r : rows) {
      auto parent = r.opt_int(4);
      out[r.get_text(1)] = {r.get_int(0),
                            r.get_text(1),
                            r.get_text(2),
                            r.get_text(3),
                            parent && code_of.count(*parent) ? code_of[*parent] : "",
                            r.get_int(5) != 0};
    }
    return out;
  };

  std::vector<PlanChange> deactivations;
  std::set<std::string> declared;
  for (const auto& site : sites) {
    declared.insert(site.code);
    auto it = stored.find(site.code);
    if (it == stored.end()) {
      plan.changes.push_back(
          {Action::create_site,
           site,
           {},
           "create site " + site.code + ": " + site.kind + " " + quoted(site.name) + ", " + site.timezone});
    } else {
      Differences d;
      d.add("name", it->second.name, site.name);
      d.add("kind", it->second.kind, site.kind);
      d.add("timezone", it->second.timezone, site.timezone);
      d.add("address", it->second.address, site.address);
      if (!it->second.active) d.text = "inactive -> active" + (d.text.empty() ? "" : ", " + d.text);
      if (!d.text.empty())
        plan.changes.push_back({Action::change_site, site, {}, "change site " + site.code + ": " + d.text});
    }

    auto existing = stored_locations(site.code);
    for (const auto& loc : site.locations) {
      auto label = site.code + "/" + loc.code;
      auto e = existing.find(loc.code);
      if (e == existing.end()) {
        plan.changes.push_back({Action::create_location, site, loc,
                                "create location " + label + ": " + loc.kind + " " + quoted(loc.name)});
        continue;
      }
      Differences d;
      d.add("name", e->second.name, loc.name);
      d.add("kind", e->second.kind, loc.kind);
      d.add("parent", e->second.parent, loc.parent);
      if (!e->second.active) d.text = "inactive -> active" + (d.text.empty() ? "" : ", " + d.text);
      if (!d.text.empty())
        plan.changes.push_back({Action::change_location, site, loc, "change location " + label + ": " + d.text});
    }
    // Children before parents, the reverse of creation.
    std::vector<const StoredLocation*> gone;
    for (const auto& [code, e] : existing)
      if (e.active && std::none_of(site.locations.begin(), site.locations.end(),
                                   [&](const LocationSpec& l) { return l.code == code; }))
        gone.push_back(&e);
    std::sort(gone.begin(), gone.end(),
              [](const StoredLocation* a, const StoredLocation* b) { return a->code > b->code; });
    for (const auto* e : gone) {
      auto label = site.code + "/" + e->code;
      if (auto why = holds_stock(tx, e->id))
        refuse(plan, label, *why, "keep " + location_section(e->code) + " in " + file_of(site.where));
      PlanChange c{Action::deactivate_location,
                   {},
                   {},
                   "deactivate location " + label + " (not in " + file_of(site.where) + ")"};
      c.site.code = site.code;
      c.location.code = e->code;
      deactivations.push_back(std::move(c));
    }
  }

  for (const auto& [code, s] : stored) {
    if (!s.active || declared.count(code)) continue;
    auto existing = stored_locations(code);
    std::vector<const StoredLocation*> gone;
    for (const auto& [lcode, e] : existing)
      if (e.active) gone.push_back(&e);
    std::sort(gone.begin(), gone.end(),
              [](const StoredLocation* a, const StoredLocation* b) { return a->code > b->code; });
    for (const auto* e : gone) {
      auto label = code + "/" + e->code;
      if (auto why = holds_stock(tx, e->id)) refuse(plan, label, *why, "keep site " + code + "'s file in sites.d");
      PlanChange c{Action::deactivate_location, {}, {}, "deactivate location " + label + " (its site is not declared)"};
      c.site.code = code;
      c.location.code = e->code;
      deactivations.push_back(std::move(c));
    }
    PlanChange c{Action::deactivate_site, {}, {}, "deactivate site " + code + " (no file in sites.d declares it)"};
    c.site.code = code;
    deactivations.push_back(std::move(c));
  }
  plan.changes.insert(plan.changes.end(), deactivations.begin(), deactivations.end());
  return plan;
}

void apply_plan(db::Transaction& tx, const SitePlan& plan) {
  if (!plan.refusals.empty()) throw InvalidValue(plan.refusals.front());
  auto location_id = [&](const std::string& site, const std::string& code) -> std::optional<std::int64_t> {
    if (code.empty()) return std::nullopt;
    return tx.query_int("SELECT id FROM inv_location WHERE site = ? AND code = ?", {site, code});
  };
  for (const auto& c : plan.changes) {
    const auto& s = c.site;
    const auto& l = c.location;
    switch (c.action) {
      case Action::create_site:
        tx.execute("INSERT INTO inv_site (code, name, kind, timezone, address, active) VALUES (?, ?, ?, ?, ?, 1)",
                   {s.code, s.name, s.kind, s.timezone, s.address});
        break;
      case Action::change_site:
        tx.execute("UPDATE inv_site SET name = ?, kind = ?, timezone = ?, address = ?, active = 1 WHERE code = ?",
                   {s.name, s.kind, s.timezone, s.address, s.code});
        break;
      case Action::create_location:
        tx.execute(
            "INSERT INTO inv_location (site, code, name, kind, parent_id, physical, active) "
            "VALUES (?, ?, ?, ?, ?, 1, 1)",
            {s.code, l.code, l.name, l.kind, location_id(s.code, l.parent)});
        break;
      case Action::change_location:
        tx.execute("UPDATE inv_location SET name = ?, kind = ?, parent_id = ?, active = 1 WHERE site = ? AND code = ?",
                   {l.name, l.kind, location_id(s.code, l.parent), s.code, l.code});
        break;
      case Action::deactivate_location:
        tx.execute("UPDATE inv_location SET active = 0 WHERE site = ? AND code = ?", {s.code, l.code});
        break;
      case Action::deactivate_site:
        tx.execute("UPDATE inv_site SET active = 0 WHERE code = ?", {s.code});
        break;
    }
  }
}

}  // namespace downstream::inventory_module
