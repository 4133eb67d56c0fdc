// InventoryService for the other modules, over the ledger, inside the caller's
// unit of work.
#include <downstream/error.h>
#include <downstream/json.h>

#include "ledger_rows.h"
#include "module_parts.h"
#include "units.h"

namespace downstream::inventory_module {

namespace {

class LedgerInventoryService final : public inventory::InventoryService {
public:
  explicit LedgerInventoryService(StockLedger& ledger) : ledger_(ledger) {}

  std::optional<inventory::ProductInfo> product(db::Transaction& tx, std::string_view sku) override {
    auto p = ledger_.find_product(tx, sku);
    if (!p) return std::nullopt;
    return inventory::ProductInfo{p->sku, p->name, p->unit, p->tracking, p->weight_kg, p->active};
  }

  std::map<std::string, inventory::ProductInfo> products(db::Transaction& tx,
                                                         const std::vector<std::string>& skus) override {
    std::map<std::string, inventory::ProductInfo> out;
    for (const auto& [sku, p] : ledger_.products(tx, skus))
      out.emplace(sku, inventory::ProductInfo{p.sku, p.name, p.unit, p.tracking, p.weight_kg, p.active});
    return out;
  }

  Decimal to_product_unit(db::Transaction& tx, std::string_view sku, const Quantity& quantity) override {
    auto p = ledger_.product(tx, sku);
    if (quantity.unit() == p.unit) return quantity.amount();
    return to_unit(tx, quantity, p.unit);
  }

  std::vector<std::string> sites(db::Transaction& tx) override {
    std::vector<std::string> out;
    for (const auto& row : tx.query("SELECT code FROM inv_site WHERE active = 1 ORDER BY code"))
      out.push_back(row.get_text(0));
    return out;
  }

  inventory::Reservation reserve(db::Transaction& tx, const inventory::ReserveRequest& r) override {
    auto p = ledger_.product(tx, r.sku);
    std::optional<std::int64_t> lot;  // the site is checked by the ledger's reserve
    if (r.lot) lot = ledger_.lot_id(tx, p, r.lot);
    return ledger_.reserve(tx, r.site, p, r.quantity, r.document, lot);
  }

  std::vector<inventory::Reservation> reserve_lines(db::Transaction& tx,
                                                    const std::vector<inventory::ReserveRequest>& requests) override {
    // One site and no lot asked for: every line in one pass; else one at a time.
    bool together = !requests.empty();
    for (const auto& r : requests) together = together && !r.lot && r.site == requests.front().site;
    if (!together) return InventoryService::reserve_lines(tx, requests);
    std::vector<std::string> skus;
    for (const auto& r : requests) skus.push_back(r.sku);
    auto known = ledger_.products(tx, skus);
    std::vector<StockLedger::LineToReserve> lines;
    for (const auto& r : requests) {
      auto it = known.find(r.sku);
      if (it == known.end()) throw InvalidValue("unknown product '" + r.sku + "'");
      lines.push_back({it->second, r.quantity, r.document});
    }
    return ledger_.reserve_lines(tx, requests.front().site, lines);
  }

  Decimal release(db::Transaction& tx, const inventory::DocumentLine& line) override {
    return ledger_.release(tx, line);
  }

  std::vector<inventory::ReservedPiece> reserved_for(db::Transaction& tx, const inventory::DocumentLine& line) override {
    std::vector<inventory::ReservedPiece> pieces;
    for (const auto& row : tx.query("SELECT r.id, l.site, l.code, COALESCE(t.code, ''), r.quantity "
                                    "FROM inv_reservation r JOIN inv_location l ON l.id = r.location_id "
                                    "LEFT JOIN inv_lot t ON t.id = r.lot_id "
                                    "WHERE r.doc_type = ? AND r.doc_id = ? AND r.doc_line = ? AND r.state = 'open' "
                                    "ORDER BY r.id",
                                    {line.type, line.id, line.line})) {
      Location where;
      where.site = row.get_text(1);
      where.code = row.get_text(2);
      pieces.push_back({row.get_int(0), where.label(), row.get_text(3), Decimal::from_raw(row.get_int(4))});
    }
    return pieces;
  }

  Decimal ship(db::Transaction& tx, const inventory::DocumentLine& line, std::optional<Decimal> quantity) override {
    return ledger_.ship(tx, line, quantity);
  }

  std::vector<Decimal> ship_lines(db::Transaction& tx, const std::vector<inventory::ShipRequest>& lines) override {
    return ledger_.ship_lines(tx, lines);
  }

  void receive(db::Transaction& tx, const inventory::ReceiveRequest& r) override {
    if (r.from != "supplier" && r.from != "customer")
      throw InvalidValue("goods are received from 'supplier' or 'customer', not '" + r.from + "'");
    auto p = ledger_.product(tx, r.sku);
    ledger_.require_site(tx, r.site);
    Location to;
    if (r.location) {
      to = ledger_.location(tx, r.site + "/" + *r.location);
    } else {
      // Straight to storage: goods received are available at once, so backorders
      // waiting for them can be allocated in the same unit of work. A site that
      // puts away in two steps names its input location in the request.
      to = ledger_.site_location(tx, r.site, "storage");
    }
    auto lot = ledger_.lot_id(tx, p, r.lot, true, r.lot_expiry);
    ledger_.move_done(tx, p, lot, r.quantity, ledger_.location(tx, r.from), to, r.document);
    json::Object payload{{"site", r.site}, {"sku", r.sku}, {"quantity", r.quantity.to_string()}};
    ledger_.events().publish(tx, Event{"inventory.received", json::Value(payload).dump(), r.site});
  }

  void move(db::Transaction& tx, const inventory::MoveRequest& r) override {
    auto p = ledger_.product(tx, r.sku);
    auto from = ledger_.location(tx, r.from);
    auto to = ledger_.location(tx, r.to);
    // Goods entering from a virtual location may bring a lot not seen before (found
    // in a count, returned); stock leaving a physical location must name a known lot.
    auto lot = ledger_.lot_id(tx, p, r.lot, !from.physical);
    ledger_.move_done(tx, p, lot, r.quantity, from, to, r.document, r.reason);
  }

  std::vector<inventory::SiteStock> availability(db::Transaction& tx, std::string_view sku,
                                                 const std::vector<std::string>& sites) override {
    return ledger_.availability(tx, ledger_.product(tx, sku), sites);
  }

private:
  StockLedger& ledger_;
};

}  // namespace

std::shared_ptr<inventory::InventoryService> make_inventory_service(StockLedger& ledger) {
  return std::make_shared<LedgerInventoryService>(ledger);
}

}  // namespace downstream::inventory_module
