// Backorders are allocated again when stock arrives at an eligible site (the
// inventory's receipt event, in the receipt's unit of work) and by
// `downstream sales allocate-backorders` over every backorder, oldest order first.
#include <downstream/error.h>

#include <algorithm>
#include <ostream>
#include <sstream>

#include <map>

#include "line_allocation.h"
#include "order_actions.h"
#include "responses.h"
#include "shipments.h"

namespace downstream::sales_module {

namespace {

// Allocates the line's backorder at `sites`; returns the event's part or nothing.
std::int64_t allocate_backorder(SalesOffice& office, db::Transaction& tx, const SalesOrder& order, OrderLine& line,
                                const std::vector<std::string>& sites, json::Array& allocation) {
  json::Array parts;
  std::map<std::string, std::int64_t> shipments;
  auto got = allocate_line(office, tx, order, line, line.backordered, sites,
                           office.policies.of(order.channel).split, parts, shipments);
  if (got == 0) return 0;
  line.backordered -= got;
  allocation.push_back(json::Object{{"line", line.line},
                                    {"sku", line.sku},
                                    {"allocated", json::Value(std::move(parts))},
                                    {"backordered", decimal_json(line.backordered)}});
  return got;
}

void finish(SalesOffice& office, db::Transaction& tx, const SalesOrder& order, const std::vector<OrderLine>& lines,
            json::Array& allocation) {
  save_line_parts(tx, order.id, lines);
  auto numbered = number_new_shipments(tx, order);
  for (auto& a : allocation) {
    auto& o = a.as_object();
    o["allocated"] = numbered_parts(tx, o.at("allocated").as_array(), numbered);
  }
  send_order_event(office, tx, order, "sales_order.backorder_allocated",
                   json::Object{{"allocation", std::move(allocation)}});
}

bool open_order(const SalesOrder& order) { return order.state == "confirmed" || order.state == "partially_shipped"; }

}  // namespace

void allocate_backorders_at(SalesOffice& office, db::Transaction& tx, const std::string& site, const std::string& sku) {
  auto orders = tx.query("SELECT DISTINCT l.order_id FROM sal_order_line l JOIN sal_order o ON o.id = l.order_id "
                         "WHERE l.sku = ? AND l.backordered > 0 AND o.state IN ('confirmed', 'partially_shipped') "
                         "ORDER BY l.order_id",
                         {sku});
  for (const auto& row : orders) {
    auto order = lock_order(tx, row.get_int(0));
    if (!open_order(order)) continue;  // changed while we waited for the lock
    auto lines = order_lines(tx, order.id);
    json::Array allocation;
    bool site_ran_out = false;
    for (auto& line : lines) {
      if (line.sku != sku || line.backordered <= 0) continue;
      auto sites = line_sites(office, tx, order, line);
      if (std::find(sites.begin(), sites.end(), site) == sites.end()) continue;
      auto wanted = line.backordered;
      auto got = allocate_backorder(office, tx, order, line, {site}, allocation);
      if (got < wanted) site_ran_out = true;
    }
    if (!allocation.empty()) finish(office, tx, order, lines, allocation);
    if (site_ran_out) break;
  }
}

std::int64_t allocate_order_backorders(SalesOffice& office, db::Transaction& tx, SalesOrder& order,
                                       std::ostream* report) {
  if (!open_order(order)) return 0;
  auto lines = order_lines(tx, order.id);
  json::Array allocation;
  std::int64_t total = 0;
  for (auto& line : lines) {
    if (line.backordered <= 0) continue;
    auto got = allocate_backorder(office, tx, order, line, line_sites(office, tx, order, line), allocation);
    total += got;
    if (got > 0 && report)
      *report << order.number << " line " << line.line << ": allocated " << Decimal::from_raw(got).to_string()
              << " of " << line.sku << ", " << Decimal::from_raw(line.backordered).to_string()
              << " still backordered\n";
  }
  if (!allocation.empty()) finish(office, tx, order, lines, allocation);
  return total;
}

void on_inventory_received(SalesOffice& office, db::Transaction& tx, const Event& event) {
  auto payload = json::parse(event.payload_json).as_object();
  allocate_backorders_at(office, tx, payload.at("site").as_string(), payload.at("sku").as_string());
}

void add_backorder_allocation(PluginContext& ctx, SalesOffice& office) {
  ctx.events().subscribe("inventory.received",
                         [&office](db::Transaction& tx, const Event& event) { on_inventory_received(office, tx, event); });
  ctx.commands().add(
      {"sales allocate-backorders", "",
       "Allocate every backordered order line from the stock now available at the sites its policy allows, oldest "
       "order first",
       [&ctx, &office](const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
         if (!args.empty()) {
           err << "sales allocate-backorders takes no arguments\n";
           return 64;
         }
         std::vector<std::int64_t> ids;
         ctx.database().read([&](db::Transaction& tx) {
           ids.clear();
           for (const auto& r : tx.query("SELECT DISTINCT l.order_id FROM sal_order_line l JOIN sal_order o ON "
                                         "o.id = l.order_id WHERE l.backordered > 0 AND o.state IN ('confirmed', "
                                         "'partially_shipped') ORDER BY l.order_id"))
             ids.push_back(r.get_int(0));
         });
         std::int64_t orders = 0;
         for (auto id : ids) {
           // One unit of work per order, so a long run holds no lock for long.
           std::string report;
           std::int64_t got = 0;
           ctx.database().write([&](db::Transaction& tx) {
             std::ostringstream lines;
             auto order = lock_order(tx, id);
             got = allocate_order_backorders(office, tx, order, &lines);
             report = lines.str();
           });
           out << report;
           if (got > 0) ++orders;
         }
         out << "allocated backorders of " << orders << " of " << ids.size() << " orders with backorders\n";
         return 0;
       }});
}

}  // namespace downstream::sales_module
