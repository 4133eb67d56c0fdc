// Moves: a done move changes two balances and the site summaries in the same
// unit of work; a planned move only counts as incoming and outgoing until it is
// done or cancelled.
#include <downstream/error.h>

#include <map>

#include "ledger_rows.h"
#include "stock_ledger.h"

namespace downstream::inventory_module {

namespace ledger_rows {

void refuse_stock(std::string detail) {
  throw http::Problem(409, http::problem_type("inventory/insufficient-stock"), "Not enough stock", std::move(detail));
}

void check_move(const Product& product, std::int64_t lot_id, Decimal quantity, const Location& from,
                const Location& to) {
  if (!quantity.is_positive())
    throw InvalidValue("quantity must be greater than 0 (got " + quantity.to_string() + ")");
  if (from.id == to.id) throw InvalidValue("a move needs two different locations; both are '" + from.label() + "'");
  if (product.tracking != "none" && lot_id == 0)
    throw InvalidValue("a lot is required for lot-tracked product '" + product.sku + "'");
  if (product.tracking == "none" && lot_id != 0)
    throw InvalidValue("product '" + product.sku + "' is not lot-tracked and takes no lot");
  if (!to.active) throw InvalidValue("location '" + to.label() + "' is inactive and takes no stock");
}

void add_to_site_stock(db::Transaction& tx, std::int64_t product_id, const std::string& site, const SiteDelta& d,
                       bool summary_exists) {
  if (d.on_hand == 0 && d.reserved == 0 && d.incoming == 0 && d.outgoing == 0) return;
  // The proposed row of an upsert must pass the CHECKs on its own.
  bool insertable = d.on_hand >= 0 && d.reserved >= 0 && d.reserved <= d.on_hand && d.incoming >= 0 && d.outgoing >= 0;
  if (insertable) {
    tx.queue(
        "INSERT INTO inv_stock (product_id, site, on_hand, reserved, incoming, outgoing) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (product_id, site) DO UPDATE SET on_hand = inv_stock.on_hand + excluded.on_hand, "
        "reserved = inv_stock.reserved + excluded.reserved, incoming = inv_stock.incoming + excluded.incoming, "
        "outgoing = inv_stock.outgoing + excluded.outgoing",
        {product_id, site, d.on_hand, d.reserved, d.incoming, d.outgoing});
    return;
  }
  const char* update =
      "UPDATE inv_stock SET on_hand = on_hand + ?, reserved = reserved + ?, incoming = incoming + ?, "
      "outgoing = outgoing + ? WHERE product_id = ? AND site = ?";
  if (summary_exists) {
    tx.queue(update, {d.on_hand, d.reserved, d.incoming, d.outgoing, product_id, site});
    return;
  }
  auto changed = tx.execute(update, {d.on_hand, d.reserved, d.incoming, d.outgoing, product_id, site});
  if (changed == 0)  // a summary row missing where stock was taken: let the CHECK name the rule
    tx.execute("INSERT INTO inv_stock (product_id, site, on_hand, reserved, incoming, outgoing) VALUES (?, ?, ?, ?, ?, ?)",
               {product_id, site, d.on_hand, d.reserved, d.incoming, d.outgoing});
}

namespace {

void add_to_balance(db::Transaction& tx, const Product& product, std::int64_t lot_id, const Location& at,
                    std::int64_t delta, const std::string& now) {
  // Only virtual balances receive negative amounts here, and their CHECK allows it.
  // received_at restarts when an empty balance is filled again: that is the age FIFO reads.
  tx.execute(
      "INSERT INTO inv_balance (location_id, product_id, lot_id, site, physical, on_hand, reserved, received_at) "
      "VALUES (?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (location_id, product_id, lot_id) DO UPDATE SET "
      "on_hand = inv_balance.on_hand + excluded.on_hand, received_at = CASE WHEN inv_balance.on_hand <= 0 AND "
      "excluded.on_hand > 0 THEN excluded.received_at ELSE inv_balance.received_at END",
      {at.id, product.id, lot_id, at.site, at.physical ? 1 : 0, delta, now});
}

}  // namespace

void take_from_physical(db::Transaction& tx, const Product& product, std::int64_t lot_id, const Location& at,
                        Decimal quantity, Decimal reserved_taken) {
  auto q = quantity.raw();
  auto r = reserved_taken.raw();
  // Afterwards reserved - r <= on_hand - q must still hold: the free part covers q - r.
  auto changed = tx.execute(
      "UPDATE inv_balance SET on_hand = on_hand - ?, reserved = reserved - ? "
      "WHERE location_id = ? AND product_id = ? AND lot_id = ? AND reserved >= ? AND on_hand - reserved >= ?",
      {q, r, at.id, product.id, lot_id, r, q - r});
  if (changed == 1) return;
  refuse_take(tx, product, lot_id, at, quantity, reserved_taken);
}

void refuse_take(db::Transaction& tx, const Product& product, std::int64_t lot_id, const Location& at,
                 Decimal quantity, Decimal reserved_taken) {
  auto row = tx.query_one("SELECT on_hand, reserved FROM inv_balance WHERE location_id = ? AND product_id = ? AND lot_id = ?",
                          {at.id, product.id, lot_id});
  auto on_hand = Decimal::from_raw(row ? row->get_int(0) : 0);
  auto reserved = Decimal::from_raw(row ? row->get_int(1) : 0);
  std::string what = product.sku;
  if (lot_id != 0) what += " lot '" + lot_code(tx, lot_id) + "'";
  refuse_stock("cannot move " + quantity.to_string() + " of " + what + " out of " + at.label() + ": on hand " +
               on_hand.to_string() + ", reserved " + reserved.to_string() + ", free " +
               (on_hand - reserved + reserved_taken).to_string() + "; nothing was changed");
}

void book_done_move(db::Transaction& tx, const Product& product, std::int64_t lot_id, Decimal quantity,
                    const Location& from, const Location& to, Decimal reserved_taken, bool planned,
                    const std::string& now) {
  // Rows are locked in (location, product, lot) order, so two moves between the
  // same two locations in opposite directions wait for each other instead of deadlocking.
  auto book_from = [&] {
    if (from.physical) take_from_physical(tx, product, lot_id, from, quantity, reserved_taken);
    else add_to_balance(tx, product, lot_id, from, -quantity.raw(), now);
  };
  auto book_to = [&] { add_to_balance(tx, product, lot_id, to, quantity.raw(), now); };
  if (from.id > to.id && from.physical && tx.dialect() == db::Dialect::postgresql) {
    // Lock the destination first without writing it, so a refusal of the source
    // leaves nothing behind for a caller that catches it and carries on.
    tx.query("SELECT on_hand FROM inv_balance WHERE location_id = ? AND product_id = ? AND lot_id = ? FOR UPDATE",
             {to.id, product.id, lot_id});
    book_from();
    book_to();
  } else if (from.id < to.id || from.physical) {
    book_from();
    book_to();
  } else {
    book_to();
    book_from();
  }

  std::map<std::string, SiteDelta> sites;  // ordered: summaries are locked in site order
  if (from.physical) {
    auto& d = sites[from.site];
    d.on_hand -= quantity.raw();
    d.reserved -= reserved_taken.raw();
  }
  if (to.physical) sites[to.site].on_hand += quantity.raw();
  bool within_one_site = from.physical && to.physical && from.site == to.site;
  if (planned && !within_one_site) {
    if (from.physical) sites[from.site].outgoing -= quantity.raw();
    if (to.physical) sites[to.site].incoming -= quantity.raw();
  }
  for (const auto& [site, d] : sites) add_to_site_stock(tx, product.id, site, d);
}

void book_planned(db::Transaction& tx, const Product& product, Decimal quantity, const Location& from,
                  const Location& to, int sign) {
  if (from.physical && to.physical && from.site == to.site) return;
  std::map<std::string, SiteDelta> sites;
  if (from.physical) sites[from.site].outgoing += sign * quantity.raw();
  if (to.physical) sites[to.site].incoming += sign * quantity.raw();
  for (const auto& [site, d] : sites) add_to_site_stock(tx, product.id, site, d);
}

std::int64_t insert_move(db::Transaction& tx, const Product& product, std::int64_t lot_id, Decimal quantity,
                         const Location& from, const Location& to, const DocumentLine& document,
                         std::string_view state, const std::string& planned_at, const std::string& done_at,
                         const std::string& reason, const std::string& now) {
  auto rows = tx.query(
      "INSERT INTO inv_move (product_id, lot_id, quantity, from_location, to_location, state, planned_at, done_at, "
      "doc_type, doc_id, doc_line, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {product.id, lot_id, quantity.raw(), from.id, to.id, state, planned_at,
       done_at.empty() ? db::Value() : db::Value(done_at), document.type, document.id, document.line, reason, now});
  return rows.front().get_int(0);
}

}  // namespace ledger_rows

using namespace ledger_rows;

std::int64_t StockLedger::move_done(db::Transaction& tx, const Product& product, std::int64_t lot_id, Decimal quantity,
                                    const Location& from, const Location& to, const DocumentLine& document,
                                    const std::string& reason) {
  check_move(product, lot_id, quantity, from, to);
  auto now = format_timestamp(clock_.now());
  book_done_move(tx, product, lot_id, quantity, from, to, Decimal(), false, now);
  return insert_move(tx, product, lot_id, quantity, from, to, document, "done", now, now, reason, now);
}

std::int64_t StockLedger::plan_move(db::Transaction& tx, const Product& product, std::int64_t lot_id, Decimal quantity,
                                    const Location& from, const Location& to, const DocumentLine& document,
                                    const std::string& planned_at) {
  check_move(product, lot_id, quantity, from, to);
  auto now = format_timestamp(clock_.now());
  book_planned(tx, product, quantity, from, to, +1);
  return insert_move(tx, product, lot_id, quantity, from, to, document, "draft", planned_at, "", "", now);
}

namespace {

struct PlannedMove {
  Product product;
  std::int64_t lot_id;
  Decimal quantity;
  Location from;
  Location to;
};

// The move, locked, if it is still planned; 409 naming its state otherwise.
PlannedMove lock_planned(db::Transaction& tx, std::int64_t move_id, std::string_view action) {
  auto row = tx.query_one("SELECT product_id, lot_id, quantity, from_location, to_location, state FROM inv_move "
                          "WHERE id = ?" + std::string(tx.for_update()),
                          {move_id});
  if (!row) throw InvalidValue("unknown move " + std::to_string(move_id));
  auto state = row->get_text(5);
  if (state != "draft" && state != "reserved")
    throw http::Problem::conflict("move " + std::to_string(move_id) + " is " + state + "; only a planned move can be " +
                                  std::string(action));
  return {product_by_id(tx, row->get_int(0)), row->get_int(1), Decimal::from_raw(row->get_int(2)),
          location_by_id(tx, row->get_int(3)), location_by_id(tx, row->get_int(4))};
}

}  // namespace

void StockLedger::complete_planned(db::Transaction& tx, std::int64_t move_id) {
  auto m = lock_planned(tx, move_id, "completed");
  auto now = format_timestamp(clock_.now());
  book_done_move(tx, m.product, m.lot_id, m.quantity, m.from, m.to, Decimal(), true, now);
  tx.execute("UPDATE inv_move SET state = 'done', done_at = ? WHERE id = ?", {now, move_id});
}

void StockLedger::cancel_planned(db::Transaction& tx, std::int64_t move_id) {
  auto m = lock_planned(tx, move_id, "cancelled");
  book_planned(tx, m.product, m.quantity, m.from, m.to, -1);
  tx.execute("UPDATE inv_move SET state = 'cancelled' WHERE id = ?", {move_id});
}

}  // namespace downstream::inventory_module
