#include "line_allocation.h"

#include <algorithm>

#include "customers.h"
#include "responses.h"
#include "shipments.h"

namespace downstream::sales_module {

std::vector<std::string> line_sites(SalesOffice& office, db::Transaction& tx, const SalesOrder& order,
                                    const OrderLine& line, OrderAllocation& known) {
  const auto& policy = office.policies.of(order.channel);
  if (!policy.split) {
    if (!known.homes) {
      known.homes.emplace();
      // A draft has no shipments yet: nothing to read.
      if (order.state != "draft") {
        for (const auto& r : tx.query("SELECT sl.order_line, s.site FROM sal_shipment_line sl "
                                      "JOIN sal_shipment s ON s.id = sl.shipment_id "
                                      "WHERE s.order_id = ? AND s.state <> 'cancelled' ORDER BY s.id",
                                      {order.id}))
          known.homes->emplace(r.get_int(0), r.get_text(1));  // the first shipment's site stays
      }
    }
    if (auto it = known.homes->find(line.line); it != known.homes->end()) return {it->second};
  }
  if (!known.customer) known.customer = order.customer ? *order.customer : customer_by_id(tx, order.customer_id);
  return office.policies.sites_for(order.channel, order.site, known.customer->region);
}

std::vector<std::string> line_sites(SalesOffice& office, db::Transaction& tx, const SalesOrder& order,
                                    const OrderLine& line) {
  OrderAllocation known;
  return line_sites(office, tx, order, line, known);
}

std::int64_t allocate_line(SalesOffice& office, db::Transaction& tx, const SalesOrder& order, OrderLine& line,
                           std::int64_t quantity, const std::vector<std::string>& sites, bool split,
                           json::Array& parts, std::map<std::string, std::int64_t>& shipments) {
  if (quantity <= 0 || sites.empty()) return 0;
  auto order_of_sites = sites;
  if (!split && sites.size() > 1) {
    // The first site that covers the line goes first; the others follow in policy order.
    auto stock = office.stock.availability(tx, line.sku, sites);
    auto covers = [&](const std::string& site) {
      return std::any_of(stock.begin(), stock.end(), [&](const inventory::SiteStock& s) {
        return s.site == site && s.stock.available.raw() >= quantity;
      });
    };
    std::stable_partition(order_of_sites.begin(), order_of_sites.end(), covers);
  }
  std::int64_t reserved = 0;
  for (const auto& site : order_of_sites) {
    if (reserved == quantity) break;
    auto shipment = shipment_at(office, tx, order, site, shipments);
    auto r = office.stock.reserve(tx, {.site = site,
                                       .sku = line.sku,
                                       .quantity = Decimal::from_raw(quantity - reserved),
                                       .document = reservation_of(shipment, line.line),
                                       .lot = std::nullopt});
    auto got = r.reserved.raw();
    if (got == 0) continue;
    add_to_shipment(tx, shipment, line.line, got);
    parts.push_back(json::Object{{"site", site}, {"shipment_id", shipment}, {"quantity", decimal_json(got)}});
    reserved += got;
    if (!split) break;
  }
  line.allocated += reserved;
  return reserved;
}

json::Array numbered_parts(db::Transaction& tx, const json::Array& parts, std::map<std::int64_t, std::string>& numbers) {
  json::Array out;
  for (const auto& p : parts) {
    const auto& o = p.as_object();
    auto id = o.at("shipment_id").as_int64();
    auto it = numbers.find(id);
    if (it == numbers.end()) {
      auto number = tx.query_one("SELECT number FROM sal_shipment WHERE id = ?", {id});
      it = numbers.emplace(id, number ? number->get_text(0) : std::string()).first;
    }
    out.push_back(json::Object{{"site", o.at("site")},
                               {"shipment", it->second},
                               {"quantity", o.at("quantity")}});
  }
  return out;
}

}  // namespace downstream::sales_module
