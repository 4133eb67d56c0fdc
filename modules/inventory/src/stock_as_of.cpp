#include "stock_as_of.h"

#include <algorithm>
#include <map>

#include "periods.h"

namespace downstream::inventory_module {
namespace {

// " AND <column> IN (?, ?)" for a site filter, its values appended to `params`.
std::string site_filter(std::string_view column, const std::vector<std::string>& sites, db::Params& params) {
  if (sites.empty()) return "";
  std::string sql = " AND " + std::string(column) + " IN (";
  for (std::size_t i = 0; i < sites.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.emplace_back(sites[i]);
  }
  return sql + ")";
}

// The sites an answer lists: the ones asked for, or every active site plus any
// other that has figures.
std::vector<std::string> answer_sites(db::Transaction& tx, const std::vector<std::string>& asked,
                                      const std::vector<std::string>& with_figures) {
  std::vector<std::string> out = asked;
  if (asked.empty()) {
    for (const auto& row : tx.query("SELECT code FROM inv_site WHERE active = 1")) out.push_back(row.get_text(0));
    out.insert(out.end(), with_figures.begin(), with_figures.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Planned (draft or reserved) quantities per site, due before `until`, arriving
// at (`end` = "t", the destination) or leaving from ("f", the source) the site's
// locations. A move inside one site is neither, as in the stock summary.
std::map<std::string, std::int64_t> planned_by_site(db::Transaction& tx, std::int64_t product_id,
                                                    const std::vector<std::string>& sites, const std::string& until,
                                                    std::string_view end) {
  db::Params params{product_id, until};
  std::string e(end);
  std::string sql = "SELECT " + e + ".site, CAST(SUM(m.quantity) AS BIGINT) FROM inv_move m "
                    "JOIN inv_location t ON t.id = m.to_location JOIN inv_location f ON f.id = m.from_location "
                    "WHERE m.product_id = ? AND m.state IN ('draft', 'reserved') AND m.planned_at < ? AND " +
                    e + ".physical = 1 AND NOT (t.physical = 1 AND f.physical = 1 AND t.site = f.site)";
  sql += site_filter(e + ".site", sites, params) + " GROUP BY " + e + ".site";
  std::map<std::string, std::int64_t> out;
  for (const auto& row : tx.query(sql, params)) out[row.get_text(0)] = row.get_int(1);
  return out;
}

}  // namespace

StockAsOf stock_as_of(db::Transaction& tx, std::int64_t product_id, const std::vector<std::string>& sites,
                      CalendarDay day) {
  StockAsOf out;
  out.date = day_text(day);
  auto basis = closed_basis(tx, day);
  if (basis) out.basis = day_text(*basis);
  // The moves done after the snapshot's day through the end of `day`.
  std::string from = basis ? day_text(*basis + std::chrono::days{1}) : std::string();
  std::string until = day_text(day + std::chrono::days{1});

  db::Params params{out.basis.value_or(""), product_id};
  std::string sql =
      "SELECT site, CAST(SUM(q) AS BIGINT) FROM ("
      " SELECT site, on_hand AS q FROM inv_period_balance WHERE closed_through = ? AND product_id = ? AND site <> ''";
  sql += site_filter("site", sites, params);
  for (std::string_view end : {"to_location", "from_location"}) {
    sql += std::string(" UNION ALL SELECT l.site, ") + (end == "to_location" ? "m.quantity" : "-m.quantity") +
           " FROM inv_move m JOIN inv_location l ON l.id = m." + std::string(end) +
           " WHERE m.product_id = ? AND m.state = 'done' AND m.done_at >= ? AND m.done_at < ? AND l.site <> ''";
    params.insert(params.end(), {product_id, from, until});
    sql += site_filter("l.site", sites, params);
  }
  sql += ") changes GROUP BY site";

  std::map<std::string, std::int64_t> figures;
  std::vector<std::string> with_figures;
  for (const auto& row : tx.query(sql, params)) {
    figures[row.get_text(0)] = row.get_int(1);
    with_figures.push_back(row.get_text(0));
  }
  for (const auto& site : answer_sites(tx, sites, with_figures)) {
    auto on_hand = Decimal::from_raw(figures.count(site) ? figures[site] : 0);
    out.sites.push_back({site, on_hand});
    out.total += on_hand;
  }
  return out;
}

Projection projected(db::Transaction& tx, std::int64_t product_id, const std::vector<std::string>& sites,
                     CalendarDay day) {
  Projection out;
  out.date = day_text(day);
  std::string until = day_text(day + std::chrono::days{1});

  db::Params params{product_id};
  std::string sql = "SELECT site, on_hand, reserved FROM inv_stock WHERE product_id = ?" + site_filter("site", sites, params);
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> now;
  std::vector<std::string> with_figures;
  for (const auto& row : tx.query(sql, params)) {
    now[row.get_text(0)] = {row.get_int(1), row.get_int(2)};
    with_figures.push_back(row.get_text(0));
  }
  auto incoming = planned_by_site(tx, product_id, sites, until, "t");
  auto outgoing = planned_by_site(tx, product_id, sites, until, "f");
  for (const auto& [site, q] : incoming) with_figures.push_back(site);
  for (const auto& [site, q] : outgoing) with_figures.push_back(site);

  out.total.site = "";
  for (const auto& site : answer_sites(tx, sites, with_figures)) {
    ProjectedSite p;
    p.site = site;
    if (auto it = now.find(site); it != now.end()) {
      p.on_hand = Decimal::from_raw(it->second.first);
      p.reserved = Decimal::from_raw(it->second.second);
    }
    if (auto it = incoming.find(site); it != incoming.end()) p.incoming = Decimal::from_raw(it->second);
    if (auto it = outgoing.find(site); it != outgoing.end()) p.outgoing = Decimal::from_raw(it->second);
    p.projected_on_hand = p.on_hand + p.incoming - p.outgoing;
    p.projected_available = p.projected_on_hand - p.reserved;
    out.total.on_hand += p.on_hand;
    out.total.reserved += p.reserved;
    out.total.incoming += p.incoming;
    out.total.outgoing += p.outgoing;
    out.total.projected_on_hand += p.projected_on_hand;
    out.total.projected_available += p.projected_available;
    out.sites.push_back(std::move(p));
  }
  return out;
}

}  // namespace downstream::inventory_module
