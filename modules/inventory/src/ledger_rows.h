#pragma once
// How the ledger's files read and write their rows: column lists and row
// readers shared by lookups, moves and reservations, and the one place that
// books a done move into balances and site summaries. Internal to the module.
#include <downstream/domain/decimal.h>
#include <downstream/ports/database.h>
#include <downstream/problem.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "stock_ledger.h"

namespace downstream::inventory_module::ledger_rows {

inline constexpr std::string_view kProductColumns = "id, sku, name, unit, tracking, weight, active";
inline constexpr std::string_view kLocationColumns = "id, site, code, kind, physical, active";

Product product_of(const db::Row& row);
Location location_of(const db::Row& row);

Product product_by_id(db::Transaction& tx, std::int64_t id);
Location location_by_id(db::Transaction& tx, std::int64_t id);
// "" for lot 0.
std::string lot_code(db::Transaction& tx, std::int64_t lot_id);

// The 409 every refusal of stock uses, so clients can switch on one type.
[[noreturn]] void refuse_stock(std::string detail);

// Quantity must be > 0, the locations differ, the lot matches the product's tracking.
void check_move(const Product& product, std::int64_t lot_id, Decimal quantity, const Location& from,
                const Location& to);

// Takes `quantity` out of a physical balance, `reserved_taken` of it reserved
// there; 409 naming the figures when the balance does not hold it.
void take_from_physical(db::Transaction& tx, const Product& product, std::int64_t lot_id, const Location& at,
                        Decimal quantity, Decimal reserved_taken);
// The 409 take_from_physical() gives when the balance did not hold it, with the balance's figures.
[[noreturn]] void refuse_take(db::Transaction& tx, const Product& product, std::int64_t lot_id, const Location& at,
                              Decimal quantity, Decimal reserved_taken);

// Books a done move: both balances (locked in location order), then the site
// summaries (in site order). `reserved_taken` of the quantity was reserved at
// `from` and stops being reserved (shipping). `planned` undoes the incoming and
// outgoing the move counted while it was planned. Refuses with 409, before any
// write, when `from` is physical and does not hold the free quantity.
void book_done_move(db::Transaction& tx, const Product& product, std::int64_t lot_id, Decimal quantity,
                    const Location& from, const Location& to, Decimal reserved_taken, bool planned,
                    const std::string& now);

// Adds planned quantities to the site summaries: outgoing at a physical source
// site, incoming at a physical destination site (nothing for a move inside one
// site). `sign` -1 takes them away again.
void book_planned(db::Transaction& tx, const Product& product, Decimal quantity, const Location& from,
                  const Location& to, int sign);

// Adds to a site summary. A delta that would not pass the CHECKs as a row of its
// own goes through UPDATE: both databases check an upsert's proposed row before
// ON CONFLICT is considered.
struct SiteDelta {
  std::int64_t on_hand = 0;
  std::int64_t reserved = 0;
  std::int64_t incoming = 0;
  std::int64_t outgoing = 0;
};
// `summary_exists`: the caller holds stock of the product at the site (a balance,
// a reservation), so the summary row is there and the write can be queued.
void add_to_site_stock(db::Transaction& tx, std::int64_t product_id, const std::string& site, const SiteDelta& d,
                       bool summary_exists = false);

std::int64_t insert_move(db::Transaction& tx, const Product& product, std::int64_t lot_id, Decimal quantity,
                         const Location& from, const Location& to, const DocumentLine& document,
                         std::string_view state, const std::string& planned_at, const std::string& done_at,
                         const std::string& reason, const std::string& now);

}  // namespace downstream::inventory_module::ledger_rows
