#include "transfers.h"

#include <downstream/json.h>
#include <downstream/problem.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "responses.h"

namespace downstream::inventory_module {
namespace {

constexpr const char* kDocType = "transfer";

struct TransferHead {
  std::int64_t id = 0;
  std::string from_site;
  std::string to_site;
  std::string state;
};

TransferHead lock_transfer(db::Transaction& tx, const std::string& number) {
  auto row = tx.query_one(
      "SELECT id, from_site, to_site, state FROM inv_transfer WHERE number = ?" + std::string(tx.for_update()), {number});
  if (!row) not_found("transfer '" + number + "'");
  return {row->get_int(0), row->get_text(1), row->get_text(2), row->get_text(3)};
}

[[noreturn]] void refuse(const std::string& number, const std::string& state, const std::string& allowed) {
  throw http::Problem::conflict("transfer " + number + " is " + state + "; " + allowed);
}

std::string label(const std::string& site, const std::string& code) { return site.empty() ? code : site + "/" + code; }

// A line's planned moves still open: leaving the from site (to transit) and
// arriving at the to site (from transit).
struct PlannedMove {
  std::int64_t id = 0;
  std::string from;
  std::string to;
  std::string planned_at;
};
struct LinePlan {
  std::optional<PlannedMove> leaving;
  std::optional<PlannedMove> arriving;
};

std::map<int, LinePlan> open_plans(db::Transaction& tx, const std::string& number) {
  std::map<int, LinePlan> out;
  for (const auto& row : tx.query(
           "SELECT m.id, m.doc_line, lf.site, lf.code, lf.kind, lt.site, lt.code, lt.kind, m.planned_at "
           "FROM inv_move m JOIN inv_location lf ON lf.id = m.from_location "
           "JOIN inv_location lt ON lt.id = m.to_location "
           "WHERE m.doc_type = ? AND m.doc_id = ? AND m.state IN ('draft', 'reserved') ORDER BY m.id",
           {kDocType, number})) {
    PlannedMove m{row.get_int(0), label(row.get_text(2), row.get_text(3)), label(row.get_text(5), row.get_text(6)),
                  row.get_text(8)};
    auto& plan = out[std::stoi(row.get_text(1))];
    if (row.get_text(7) == "transit")
      plan.leaving = m;
    else if (row.get_text(4) == "transit")
      plan.arriving = m;
  }
  return out;
}

// Where goods arriving at a site go: its input location, or storage if it has none.
Location receiving_location(db::Transaction& tx, StockLedger& ledger, const std::string& site) {
  try {
    return ledger.site_location(tx, site, "input");
  } catch (const InvalidValue&) {
    return ledger.site_location(tx, site, "storage");
  }
}

std::string planned_at(const std::optional<CalendarDay>& day, const Clock& clock) {
  return day ? day_text(*day) + "T00:00:00Z" : format_timestamp(clock.now());
}

struct StoredLine {
  int line = 0;
  std::int64_t product_id = 0;
  std::string sku;
  std::int64_t lot_id = 0;
  std::int64_t quantity = 0;
  std::int64_t received = 0;
  std::int64_t lost = 0;
  std::string loss_reason;
  std::int64_t in_transit() const { return quantity - received - lost; }
};

std::vector<StoredLine> stored_lines(db::Transaction& tx, std::int64_t transfer_id) {
  std::vector<StoredLine> out;
  for (const auto& row : tx.query("SELECT tl.line, tl.product_id, p.sku, tl.lot_id, tl.quantity, tl.received, tl.lost, "
                                  "tl.loss_reason FROM inv_transfer_line tl JOIN inv_product p ON p.id = tl.product_id "
                                  "WHERE tl.transfer_id = ? ORDER BY tl.line",
                                  {transfer_id}))
    out.push_back({static_cast<int>(row.get_int(0)), row.get_int(1), row.get_text(2), row.get_int(3), row.get_int(4),
                   row.get_int(5), row.get_int(6), row.get_text(7)});
  return out;
}

void publish(db::Transaction& tx, StockLedger& ledger, const std::string& type, const std::string& number,
             const TransferHead& head, const std::string& site) {
  json::Object payload{{"number", number}, {"from_site", head.from_site}, {"to_site", head.to_site}};
  ledger.events().publish(tx, Event{type, json::Value(std::move(payload)).dump(), site});
}

}  // namespace

Transfer create_transfer(db::Transaction& tx, StockLedger& ledger, const TransferPlan& plan) {
  std::vector<http::FieldError> errors;
  auto site_known = [&](const std::string& field, const std::string& site) {
    try {
      ledger.require_site(tx, site);
      return true;
    } catch (const InvalidValue&) {
      errors.push_back({field, "names no active site: '" + site + "'"});
      return false;
    }
  };
  bool sites_ok = site_known("from_site", plan.from_site) & site_known("to_site", plan.to_site);
  if (plan.from_site == plan.to_site) errors.push_back({"to_site", "must be another site than from_site"});
  if (plan.ship_date && plan.arrival_date && *plan.arrival_date < *plan.ship_date)
    errors.push_back({"arrival_date", "is before ship_date"});

  struct Resolved {
    Product product;
    std::int64_t lot_id = 0;
    Decimal quantity;
  };
  std::vector<Resolved> resolved;
  for (std::size_t i = 0; i < plan.lines.size(); ++i) {
    const auto& in = plan.lines[i];
    auto path = "lines[" + std::to_string(i) + "]";
    auto product = ledger.find_product(tx, in.sku);
    if (!product) {
      errors.push_back({path + ".sku", "names an unknown product '" + in.sku + "'"});
      continue;
    }
    try {
      resolved.push_back({*product, ledger.lot_id(tx, *product, in.lot), in.quantity});
    } catch (const InvalidValue& e) {
      errors.push_back({path + ".lot", e.what()});
    }
  }
  std::optional<Location> source, destination;
  if (sites_ok && plan.from_site != plan.to_site) {
    try {
      source = ledger.site_location(tx, plan.from_site, "storage");
    } catch (const InvalidValue&) {
      errors.push_back({"from_site", "has no storage location to ship from"});
    }
    try {
      destination = receiving_location(tx, ledger, plan.to_site);
    } catch (const InvalidValue&) {
      errors.push_back({"to_site", "has neither an input nor a storage location to receive into"});
    }
  }
  if (!errors.empty()) throw http::Problem::validation(std::move(errors));

  auto transit = ledger.transit(tx, plan.from_site, plan.to_site);
  auto number = ledger.next_number(tx, plan.from_site, "transfer", "TR");
  tx.execute("INSERT INTO inv_transfer (number, from_site, to_site, state, created_at) VALUES (?, ?, ?, 'draft', ?)",
             {number, plan.from_site, plan.to_site, format_timestamp(ledger.clock().now())});
  auto id = tx.query_int("SELECT id FROM inv_transfer WHERE number = ?", {number});
  auto leaves = planned_at(plan.ship_date, ledger.clock());
  auto arrives = planned_at(plan.arrival_date ? plan.arrival_date : plan.ship_date, ledger.clock());
  int line = 0;
  for (const auto& r : resolved) {
    ++line;
    tx.execute("INSERT INTO inv_transfer_line (transfer_id, line, product_id, lot_id, quantity) VALUES (?, ?, ?, ?, ?)",
               {id, line, r.product.id, r.lot_id, r.quantity.raw()});
    inventory::DocumentLine doc{kDocType, number, std::to_string(line)};
    ledger.plan_move(tx, r.product, r.lot_id, r.quantity, *source, transit, doc, leaves);
    ledger.plan_move(tx, r.product, r.lot_id, r.quantity, transit, *destination, doc, arrives);
  }
  return load_transfer(tx, number);
}

Transfer load_transfer(db::Transaction& tx, const std::string& number) {
  auto head = tx.query_one("SELECT id, number, from_site, to_site, state, created_at, shipped_at, closed_at "
                           "FROM inv_transfer WHERE number = ?",
                           {number});
  if (!head) not_found("transfer '" + number + "'");
  Transfer t;
  t.id = head->get_int(0);
  t.number = head->get_text(1);
  t.from_site = head->get_text(2);
  t.to_site = head->get_text(3);
  t.state = head->get_text(4);
  t.created_at = head->get_text(5);
  t.shipped_at = head->opt_text(6);
  t.closed_at = head->opt_text(7);

  // Each line's locations, from its moves in whatever state.
  std::map<std::string, std::pair<std::string, std::string>> ends;
  for (const auto& row : tx.query("SELECT m.doc_line, lf.site, lf.code, lf.kind, lt.site, lt.code, lt.kind "
                                  "FROM inv_move m JOIN inv_location lf ON lf.id = m.from_location "
                                  "JOIN inv_location lt ON lt.id = m.to_location "
                                  "WHERE m.doc_type = ? AND m.doc_id = ? ORDER BY m.id",
                                  {kDocType, number})) {
    auto& e = ends[row.get_text(0)];
    if (row.get_text(6) == "transit") e.first = label(row.get_text(1), row.get_text(2));
    if (row.get_text(3) == "transit" && row.get_text(6) != "adjustment") e.second = label(row.get_text(4), row.get_text(5));
  }
  for (const auto& row : tx.query("SELECT tl.line, p.sku, COALESCE(lt.code, ''), tl.quantity, tl.received, tl.lost, "
                                  "tl.loss_reason FROM inv_transfer_line tl JOIN inv_product p ON p.id = tl.product_id "
                                  "LEFT JOIN inv_lot lt ON lt.id = tl.lot_id WHERE tl.transfer_id = ? ORDER BY tl.line",
                                  {t.id})) {
    TransferLine l;
    l.line = static_cast<int>(row.get_int(0));
    l.sku = row.get_text(1);
    l.lot = row.get_text(2);
    l.quantity = Decimal::from_raw(row.get_int(3));
    l.received = Decimal::from_raw(row.get_int(4));
    l.lost = Decimal::from_raw(row.get_int(5));
    l.loss_reason = row.get_text(6);
    auto e = ends.find(std::to_string(l.line));
    if (e != ends.end()) std::tie(l.from_location, l.to_location) = e->second;
    t.lines.push_back(std::move(l));
  }
  return t;
}

Transfer ship_transfer(db::Transaction& tx, StockLedger& ledger, const std::string& number) {
  auto head = lock_transfer(tx, number);
  if (head.state != "draft") refuse(number, head.state, "only a draft transfer can be shipped");
  auto lines = stored_lines(tx, head.id);
  auto plans = open_plans(tx, number);

  // What each (location, product, lot) must give, over all lines, checked before
  // anything moves so one answer names every line that cannot ship.
  std::map<std::tuple<std::string, std::int64_t, std::int64_t>, std::int64_t> needed;
  for (const auto& l : lines) {
    const auto& leaving = plans.at(l.line).leaving;
    if (!leaving) throw Error("transfer " + number + " line " + std::to_string(l.line) + " has no planned move");
    needed[{leaving->from, l.product_id, l.lot_id}] += l.quantity;
  }
  std::vector<std::string> shortfalls;
  for (const auto& l : lines) {
    const auto& from = plans.at(l.line).leaving->from;
    auto location = ledger.location(tx, from);
    auto row = tx.query_one("SELECT on_hand, reserved FROM inv_balance WHERE location_id = ? AND product_id = ? "
                            "AND lot_id = ?" + std::string(tx.for_update()),
                            {location.id, l.product_id, l.lot_id});
    std::int64_t on_hand = row ? row->get_int(0) : 0, reserved = row ? row->get_int(1) : 0;
    auto need = needed.at({from, l.product_id, l.lot_id});
    if (on_hand - reserved < need)
      shortfalls.push_back("line " + std::to_string(l.line) + " (" + l.sku + "): " + decimal_text(on_hand - reserved) +
                           " available in " + from + " (" + decimal_text(on_hand) + " on hand, " +
                           decimal_text(reserved) + " reserved), " + decimal_text(need) + " to ship");
  }
  if (!shortfalls.empty()) {
    std::string detail = "transfer " + number + " cannot ship: ";
    for (std::size_t i = 0; i < shortfalls.size(); ++i) detail += (i ? "; " : "") + shortfalls[i];
    throw http::Problem(409, http::problem_type("inventory/insufficient-stock"), "Insufficient stock", detail);
  }

  // In the ledger's lock order: one location, then product and lot.
  std::sort(lines.begin(), lines.end(), [](const StoredLine& a, const StoredLine& b) {
    return std::tie(a.product_id, a.lot_id, a.line) < std::tie(b.product_id, b.lot_id, b.line);
  });
  for (const auto& l : lines) ledger.complete_planned(tx, plans.at(l.line).leaving->id);
  tx.execute("UPDATE inv_transfer SET state = 'shipped', shipped_at = ? WHERE id = ?",
             {format_timestamp(ledger.clock().now()), head.id});
  publish(tx, ledger, "inventory.transfer.shipped", number, head, head.from_site);
  return load_transfer(tx, number);
}

Transfer receive_transfer(db::Transaction& tx, StockLedger& ledger, const std::string& number,
                          const std::optional<std::vector<ReceiptLine>>& receipt) {
  auto head = lock_transfer(tx, number);
  if (head.state != "shipped" && head.state != "partially_received")
    refuse(number, head.state, "only a shipped or partially received transfer can be received");
  auto lines = stored_lines(tx, head.id);
  std::map<std::int64_t, StoredLine*> by_number;
  for (auto& l : lines) by_number[l.line] = &l;

  std::vector<ReceiptLine> wanted;
  if (receipt) {
    wanted = *receipt;
  } else {
    for (const auto& l : lines)
      if (l.in_transit() > 0) wanted.push_back({l.line, Decimal::from_raw(l.in_transit()), Decimal(), ""});
  }

  std::vector<http::FieldError> errors;
  std::map<std::int64_t, std::size_t> seen;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    const auto& r = wanted[i];
    auto path = "lines[" + std::to_string(i) + "]";
    auto it = by_number.find(r.line);
    if (it == by_number.end()) {
      errors.push_back({path + ".line", "names no line of transfer " + number + ": " + std::to_string(r.line)});
      continue;
    }
    if (auto [prev, fresh] = seen.emplace(r.line, i); !fresh) {
      errors.push_back({path + ".line", "repeats line " + std::to_string(r.line) + " of lines[" +
                                            std::to_string(prev->second) + "]"});
      continue;
    }
    auto both = r.quantity + r.lost;
    if (both.is_zero())
      errors.push_back({path + ".quantity", "receives nothing: give a quantity, a loss, or both"});
    else if (both.raw() > it->second->in_transit())
      errors.push_back({path + ".quantity", "with the loss, exceeds the " + decimal_text(it->second->in_transit()) +
                                                " of line " + std::to_string(r.line) + " still in transit"});
    if (r.lost.is_positive() && r.loss_reason.empty())
      errors.push_back({path + ".loss_reason", "is required when something is lost"});
  }
  if (!errors.empty()) throw http::Problem::validation(std::move(errors));
  if (wanted.empty()) throw http::Problem::conflict("transfer " + number + " has nothing left in transit");

  auto plans = open_plans(tx, number);
  auto transit = ledger.transit(tx, head.from_site, head.to_site);
  auto adjustment = ledger.location(tx, "adjustment");
  std::sort(wanted.begin(), wanted.end(), [](const ReceiptLine& a, const ReceiptLine& b) { return a.line < b.line; });
  for (const auto& r : wanted) {
    auto& l = *by_number.at(r.line);
    const auto& arriving = plans[l.line].arriving;
    if (!arriving) throw Error("transfer " + number + " line " + std::to_string(l.line) + " has no planned arrival");
    inventory::DocumentLine doc{kDocType, number, std::to_string(l.line)};
    auto rest = Decimal::from_raw(l.in_transit()) - r.quantity - r.lost;
    if (r.lost.is_zero() && rest.is_zero()) {
      ledger.complete_planned(tx, arriving->id);
    } else {
      // A part: the plan for the whole line makes way for what happened and a
      // plan for the rest, which stays incoming at the to site.
      auto product = ledger.product(tx, l.sku);
      auto destination = ledger.location(tx, arriving->to);
      ledger.cancel_planned(tx, arriving->id);
      if (r.quantity.is_positive()) ledger.move_done(tx, product, l.lot_id, r.quantity, transit, destination, doc);
      if (r.lost.is_positive())
        ledger.move_done(tx, product, l.lot_id, r.lost, transit, adjustment, doc,
                         "lost in transfer " + number + ": " + r.loss_reason);
      if (rest.is_positive())
        ledger.plan_move(tx, product, l.lot_id, rest, transit, destination, doc, arriving->planned_at);
    }
    l.received += r.quantity.raw();
    l.lost += r.lost.raw();
    if (r.lost.is_positive()) l.loss_reason = l.loss_reason.empty() ? r.loss_reason : l.loss_reason + "; " + r.loss_reason;
    tx.execute("UPDATE inv_transfer_line SET received = ?, lost = ?, loss_reason = ? WHERE transfer_id = ? AND line = ?",
               {l.received, l.lost, l.loss_reason, head.id, l.line});
  }
  bool done = std::all_of(lines.begin(), lines.end(), [](const StoredLine& l) { return l.in_transit() == 0; });
  if (done)
    tx.execute("UPDATE inv_transfer SET state = 'received', closed_at = ? WHERE id = ?",
               {format_timestamp(ledger.clock().now()), head.id});
  else
    tx.execute("UPDATE inv_transfer SET state = 'partially_received' WHERE id = ?", {head.id});
  publish(tx, ledger, done ? "inventory.transfer.received" : "inventory.transfer.partially_received", number, head,
          head.to_site);
  return load_transfer(tx, number);
}

Transfer cancel_transfer(db::Transaction& tx, StockLedger& ledger, const std::string& number) {
  auto head = lock_transfer(tx, number);
  if (head.state != "draft")
    refuse(number, head.state,
           "only a draft transfer can be cancelled; goods that left are received or recorded as lost");
  for (const auto& [line, plan] : open_plans(tx, number)) {
    if (plan.leaving) ledger.cancel_planned(tx, plan.leaving->id);
    if (plan.arriving) ledger.cancel_planned(tx, plan.arriving->id);
  }
  tx.execute("UPDATE inv_transfer SET state = 'cancelled', closed_at = ? WHERE id = ?",
             {format_timestamp(ledger.clock().now()), head.id});
  return load_transfer(tx, number);
}

}  // namespace downstream::inventory_module
