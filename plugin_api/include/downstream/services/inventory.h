#pragma once
// The inventory module's service, for the modules that move stock: sales orders
// reserve and ship through it, purchasing and returns receive through it.
// Every call runs inside the caller's unit of work, so the caller's document and
// the stock it moves commit together or not at all.
//
//   auto& stock = ctx.services().require<inventory::InventoryService>();
//   auto r = stock.reserve(tx, {.site = "NORTH", .sku = "CHAIR-1", .quantity = qty,
//                               .document = {"sales_order", "SO-NORTH-000012", "1"}});
//   if (!r.complete()) backorder(r.missing());
//
// Quantities are in the product's own unit (the unit its master data names);
// convert with to_product_unit() first when a document line uses another unit of
// the same category. Errors: InvalidValue for an unknown product, site, location
// or lot and for a quantity that is not positive; http::Problem 409 (via the
// HTTP layer) for what the stock does not allow, such as moving more than a
// physical location holds.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <downstream/domain/decimal.h>
#include <downstream/domain/quantity.h>
#include <downstream/export.h>

namespace downstream {
namespace db {
class Transaction;
}
namespace inventory {

// The document line a move or a reservation belongs to: ("sales_order",
// "SO-NORTH-000012", "1"). Reservations are released and shipped by it.
struct DocumentLine {
  std::string type;
  std::string id;
  std::string line;
  bool operator==(const DocumentLine&) const = default;
};

// A product as the other modules need it.
struct ProductInfo {
  std::string sku;
  std::string name;
  std::string unit;      // the unit stock is kept in
  std::string tracking;  // "none", "lot" or "serial"
  Decimal weight_kg;     // per unit
  bool active = true;
};

// Reserve `quantity` of a product at a site for a document line. The module picks
// locations and lots: first-expiry-first-out for lot-tracked products,
// first-in-first-out otherwise; `lot` asks for one lot only.
struct ReserveRequest {
  std::string site;
  std::string sku;
  Decimal quantity;
  DocumentLine document;
  std::optional<std::string> lot;
};

// One reservation row: a quantity held in one location (and lot).
struct ReservedPiece {
  std::int64_t reservation_id = 0;
  std::string location;  // "NORTH/storage/A-01"
  std::string lot;       // "" when the product is not lot-tracked
  Decimal quantity;
};

// What a reserve call achieved. A partial reservation is not an error: the caller
// decides (backorder, or refuse and roll back).
struct Reservation {
  Decimal requested;
  Decimal reserved;
  std::vector<ReservedPiece> pieces;
  bool complete() const { return reserved == requested; }
  Decimal missing() const { return requested - reserved; }
};

// Goods arriving at a site: from a supplier (purchasing) or a customer (returns).
struct ReceiveRequest {
  std::string site;
  std::string sku;
  Decimal quantity;
  DocumentLine document;
  std::string from = "supplier";          // "supplier" or "customer"
  std::optional<std::string> location;    // site-local code; default the site's storage location, so the
                                          // goods can be reserved at once (backorders wait for them)
  std::optional<std::string> lot;         // required for lot-tracked products
  std::optional<std::string> lot_expiry;  // "2027-03-31", recorded when the lot is new
};

// A done move between two locations, named "SITE/code" or a virtual location
// ("supplier", "customer", "adjustment").
struct MoveRequest {
  std::string sku;
  Decimal quantity;
  std::string from;
  std::string to;
  DocumentLine document;
  std::optional<std::string> lot;
  std::string reason;  // kept on the move, for adjustments and losses
};

// Stock of one product: physical on hand, reserved for documents, what is
// available to promise (on hand - reserved), and planned moves not yet done.
struct StockFigures {
  Decimal on_hand;
  Decimal reserved;
  Decimal available;
  Decimal incoming;
  Decimal outgoing;
};

// One document line to ship with ship_lines(): what is reserved for it, all of
// it or `quantity` of it.
struct ShipRequest {
  DocumentLine line;
  std::optional<Decimal> quantity;
};

struct SiteStock {
  std::string site;
  StockFigures stock;
};

class DOWNSTREAM_API InventoryService {
public:
  static constexpr std::string_view kServiceName = "downstream.inventory";
  virtual ~InventoryService();

  // nullopt for an unknown SKU.
  virtual std::optional<ProductInfo> product(db::Transaction& tx, std::string_view sku) = 0;
  // The known ones among `skus`, by SKU, in one read (a document's lines at once).
  virtual std::map<std::string, ProductInfo> products(db::Transaction& tx, const std::vector<std::string>& skus);
  // Converts a quantity in a unit of the product's unit category to the product's
  // unit, with the product unit's rounding; InvalidValue for another category.
  virtual Decimal to_product_unit(db::Transaction& tx, std::string_view sku, const Quantity& quantity) = 0;
  // The codes of active sites, sorted.
  virtual std::vector<std::string> sites(db::Transaction& tx) = 0;

  // Holds stock for a document line. Safe under concurrency: two units of work
  // never both hold the last unit (rows are locked in a fixed order).
  virtual Reservation reserve(db::Transaction& tx, const ReserveRequest& request) = 0;
  // Reserves several lines in one call, as reserve() does each in turn (a
  // document's lines at one site take fewer statements this way). Returns one
  // Reservation per request, in order.
  virtual std::vector<Reservation> reserve_lines(db::Transaction& tx, const std::vector<ReserveRequest>& requests);
  // Releases what is still reserved for the line; returns the quantity released.
  virtual Decimal release(db::Transaction& tx, const DocumentLine& line) = 0;
  // Ships what is reserved for the line to the customer location: all of it, or
  // `quantity` of it (the rest stays reserved). Returns the quantity shipped.
  virtual Decimal ship(db::Transaction& tx, const DocumentLine& line, std::optional<Decimal> quantity) = 0;
  // Ships several lines in one call, as ship() does each: a shipment's lines
  // together take fewer statements (one read of their reservations, one insert
  // of their moves). Returns the quantity shipped per line, in order.
  virtual std::vector<Decimal> ship_lines(db::Transaction& tx, const std::vector<ShipRequest>& lines);
  // What is still reserved for the line, piece by piece (for pick lists).
  virtual std::vector<ReservedPiece> reserved_for(db::Transaction& tx, const DocumentLine& line);
  // Books goods in; publishes "inventory.received" (site, sku, quantity) in tx.
  virtual void receive(db::Transaction& tx, const ReceiveRequest& request) = 0;
  // A done move; refuses to take a physical location below zero.
  virtual void move(db::Transaction& tx, const MoveRequest& request) = 0;

  // Per site (all active sites when `sites` is empty), read from the stock
  // summary, never from the ledger.
  virtual std::vector<SiteStock> availability(db::Transaction& tx, std::string_view sku,
                                              const std::vector<std::string>& sites = {}) = 0;
};

}  // namespace inventory
}  // namespace downstream
