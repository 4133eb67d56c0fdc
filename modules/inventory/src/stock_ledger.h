#pragma once
// The ledger: every change of stock is a move, and every done move changes the
// balances of its two locations and the per-site summary in the same unit of
// work. Everything else in the module (the service, counts, transfers, routes)
// changes stock only through this class.
//
// Concurrency: reserve() and move_done() lock balance rows in (location,
// product, lot) order before changing them (FOR UPDATE on PostgreSQL; SQLite's
// write unit of work already holds the write lock), and the CHECK constraints of
// inv_balance are the last line: a physical location never goes negative.
//
// Refusals a client can fix are thrown as http::Problem (409 for what the stock
// does not allow, naming location, product and quantities); unknown SKUs,
// locations and lots as InvalidValue naming them.
#include <downstream/clock.h>
#include <downstream/domain/decimal.h>
#include <downstream/events.h>
#include <downstream/ports/database.h>
#include <downstream/services/inventory.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace downstream::inventory_module {

using inventory::DocumentLine;

struct Product {
  std::int64_t id = 0;
  std::string sku;
  std::string name;
  std::string unit;
  std::string tracking;  // none | lot | serial
  Decimal weight_kg;
  bool active = true;
};

struct Location {
  std::int64_t id = 0;
  std::string site;  // "" for virtual locations
  std::string code;  // "storage/A-01", "supplier", "transit/NORTH/SOUTH"
  std::string kind;
  bool physical = false;
  bool active = true;
  // "NORTH/storage/A-01" for a physical location, the code for a virtual one.
  std::string label() const { return site.empty() ? code : site + "/" + code; }
};

class StockLedger {
public:
  StockLedger(const Clock& clock, EventBus& events) : clock_(clock), events_(events) {}

  // --- master data lookups
  std::optional<Product> find_product(db::Transaction& tx, std::string_view sku);
  // The known ones among `skus`, by SKU, in one read.
  std::map<std::string, Product> products(db::Transaction& tx, const std::vector<std::string>& skus);
  Product product(db::Transaction& tx, std::string_view sku);  // InvalidValue "unknown product 'X'"
  // "NORTH/storage/A-01", "supplier", "customer", "adjustment", "transit/NORTH/SOUTH".
  Location location(db::Transaction& tx, std::string_view label);
  // The site's first active location of `kind` (storage, input, output...); InvalidValue if none.
  Location site_location(db::Transaction& tx, std::string_view site, std::string_view kind);
  // The virtual transit location between two sites, created on first use.
  Location transit(db::Transaction& tx, std::string_view from_site, std::string_view to_site);
  // Throws InvalidValue unless the site exists and is active.
  void require_site(db::Transaction& tx, std::string_view site);
  // The lot's id (0 for a product without lot tracking). A lot-tracked product
  // needs a lot; `create` makes an unknown lot (with its expiry) instead of refusing it.
  std::int64_t lot_id(db::Transaction& tx, const Product& product, const std::optional<std::string>& lot,
                      bool create = false, const std::optional<std::string>& expiry = std::nullopt);

  // --- moves
  // A done move: both balances, the site summaries, and the move row; returns its id.
  std::int64_t move_done(db::Transaction& tx, const Product& product, std::int64_t lot_id, Decimal quantity,
                         const Location& from, const Location& to, const DocumentLine& document,
                         const std::string& reason = "");
  // A planned (draft) move: counts as incoming at the destination site and
  // outgoing at the source site until done or cancelled.
  std::int64_t plan_move(db::Transaction& tx, const Product& product, std::int64_t lot_id, Decimal quantity,
                         const Location& from, const Location& to, const DocumentLine& document,
                         const std::string& planned_at);
  // Draft → done (the balances change now) and draft → cancelled; 409 from any other state.
  void complete_planned(db::Transaction& tx, std::int64_t move_id);
  void cancel_planned(db::Transaction& tx, std::int64_t move_id);

  // --- reservations (InventoryService's semantics)
  inventory::Reservation reserve(db::Transaction& tx, std::string_view site, const Product& product, Decimal quantity,
                                 const DocumentLine& document, std::optional<std::int64_t> lot_id = std::nullopt);
  // One line of reserve_lines(): at the site all lines share.
  struct LineToReserve {
    Product product;
    Decimal quantity;
    DocumentLine document;
  };
  // reserve() for several lines in one pass; `lot_id` holds every line to that lot.
  std::vector<inventory::Reservation> reserve_lines(db::Transaction& tx, std::string_view site,
                                                    const std::vector<LineToReserve>& lines,
                                                    std::optional<std::int64_t> lot_id = std::nullopt);
  Decimal release(db::Transaction& tx, const DocumentLine& document);
  Decimal ship(db::Transaction& tx, const DocumentLine& document, std::optional<Decimal> quantity);
  std::vector<Decimal> ship_lines(db::Transaction& tx, const std::vector<inventory::ShipRequest>& lines);

  // --- figures
  Decimal on_hand(db::Transaction& tx, std::int64_t location_id, std::int64_t product_id, std::int64_t lot_id);
  std::vector<inventory::SiteStock> availability(db::Transaction& tx, const Product& product,
                                                 const std::vector<std::string>& sites);
  // The highest move id so far (0 when there is none): counts remember it.
  std::int64_t last_move_id(db::Transaction& tx);

  // --- document numbers: "TR-NORTH-000001", taken late in the unit of work.
  std::string next_number(db::Transaction& tx, std::string_view site, std::string_view kind, std::string_view prefix);

  const Clock& clock() const { return clock_; }
  EventBus& events() { return events_; }

private:
  // A part of a reservation being shipped, from its balance to the customer.
  struct ShippedPiece {
    std::int64_t location_id, product_id, lot_id, quantity;
    const DocumentLine* document;
  };
  // The balances, site summaries and moves of shipped pieces, in few statements.
  void book_shipped_pieces(db::Transaction& tx, std::vector<ShippedPiece>& pieces,
                           const std::map<std::int64_t, Product>& products,
                           const std::map<std::int64_t, Location>& locations, const Location& customer,
                           const std::string& now);

  const Clock& clock_;
  EventBus& events_;
};

}  // namespace downstream::inventory_module
