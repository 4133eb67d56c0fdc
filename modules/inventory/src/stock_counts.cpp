#include "stock_counts.h"

#include <downstream/problem.h>

#include <map>
#include <set>
#include <tuple>

#include "responses.h"

namespace downstream::inventory_module {
namespace {

constexpr const char* kDocType = "stock_count";

struct CountHead {
  std::int64_t id = 0;
  std::string site;
  std::string state;
  std::int64_t started_move = 0;
  std::string created_at;
};

// The count's row, locked for a state change; 404 if there is none.
CountHead lock_count(db::Transaction& tx, const std::string& number) {
  auto row = tx.query_one("SELECT id, site, state, started_move, created_at FROM inv_count WHERE number = ?" +
                              std::string(tx.for_update()),
                          {number});
  if (!row) not_found("count '" + number + "'");
  return {row->get_int(0), row->get_text(1), row->get_text(2), row->get_int(3), row->get_text(4)};
}

[[noreturn]] void refuse_transition(const std::string& number, const std::string& state, const std::string& action) {
  throw http::Problem::conflict("count " + number + " is " + state + "; only a draft count can be " + action);
}

struct PostingLine {
  int line = 0;
  std::int64_t location_id = 0;
  std::string location;  // label
  std::int64_t product_id = 0;
  std::string sku;
  std::int64_t lot_id = 0;
  std::int64_t counted = 0;
};

// The first counted location a done move touched since the count started, if any.
// A move planned before the count and completed after it keeps its older id, so
// besides ids the move's done_at is compared with the count's start.
std::optional<std::string> moved_since(db::Transaction& tx, const CountHead& head,
                                       const std::vector<PostingLine>& lines) {
  std::map<std::int64_t, std::string> labels;
  for (const auto& l : lines) labels[l.location_id] = l.location;
  std::string in = "(";
  db::Params ids;
  for (const auto& [id, label] : labels) {
    in += ids.empty() ? "?" : ", ?";
    ids.emplace_back(id);
  }
  in += ")";
  auto touched = [&](const db::Row& row) {
    auto from = labels.find(row.get_int(1));
    return from != labels.end() ? from->second : labels.at(row.get_int(2));
  };
  auto where = " AND (from_location IN " + in + " OR to_location IN " + in + ")";
  db::Params params{head.started_move};
  params.insert(params.end(), ids.begin(), ids.end());
  params.insert(params.end(), ids.begin(), ids.end());
  auto later = tx.query("SELECT id, from_location, to_location FROM inv_move WHERE state = 'done' AND id > ?" + where +
                            " ORDER BY id LIMIT 1",
                        params);
  if (!later.empty()) return touched(later.front());

  // Same second or later as text (a superset), then exactly.
  params.insert(params.begin() + 1, db::Value(head.created_at.substr(0, 19)));
  auto started = parse_timestamp(head.created_at);
  for (const auto& row : tx.query("SELECT id, from_location, to_location, done_at FROM inv_move "
                                  "WHERE state = 'done' AND id <= ? AND done_at >= ?" +
                                      where + " ORDER BY id",
                                  params))
    if (parse_timestamp(row.get_text(3)) > started) return touched(row);
  return std::nullopt;
}

}  // namespace

StockCount create_count(db::Transaction& tx, StockLedger& ledger, const std::string& site,
                        const std::vector<CountLineInput>& lines) {
  try {
    ledger.require_site(tx, site);
  } catch (const InvalidValue&) {
    throw http::Problem::validation({{"site", "names no active site: '" + site + "'"}});
  }

  struct Resolved {
    std::int64_t location_id = 0;
    std::int64_t product_id = 0;
    std::int64_t lot_id = 0;
    Decimal counted;
  };
  std::vector<http::FieldError> errors;
  std::vector<Resolved> resolved;
  std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, std::size_t> seen;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& in = lines[i];
    auto path = "lines[" + std::to_string(i) + "]";
    Resolved r;
    r.counted = in.counted;
    bool ok = true;
    // Site-local codes; a full label of this site is accepted too.
    auto code = in.location.starts_with(site + "/") ? in.location.substr(site.size() + 1) : in.location;
    try {
      auto loc = ledger.location(tx, site + "/" + code);
      if (!loc.physical || loc.site != site || !loc.active) throw InvalidValue("not a location to count");
      r.location_id = loc.id;
    } catch (const InvalidValue&) {
      errors.push_back({path + ".location", "names no active location of site " + site + ": '" + in.location + "'"});
      ok = false;
    }
    if (auto product = ledger.find_product(tx, in.sku)) {
      r.product_id = product->id;
      try {
        r.lot_id = ledger.lot_id(tx, *product, in.lot);
      } catch (const InvalidValue& e) {
        errors.push_back({path + ".lot", e.what()});
        ok = false;
      }
    } else {
      errors.push_back({path + ".sku", "names an unknown product '" + in.sku + "'"});
      ok = false;
    }
    if (!ok) continue;
    auto [it, fresh] = seen.emplace(std::make_tuple(r.location_id, r.product_id, r.lot_id), i);
    if (!fresh) {
      errors.push_back({path, "counts the same location, product and lot as lines[" + std::to_string(it->second) + "]"});
      continue;
    }
    resolved.push_back(r);
  }
  if (!errors.empty()) throw http::Problem::validation(std::move(errors));

  // Taken late, so a refused count burns no number.
  auto number = ledger.next_number(tx, site, "count", "CNT");
  tx.execute("INSERT INTO inv_count (number, site, state, started_move, created_at) VALUES (?, ?, 'draft', ?, ?)",
             {number, site, ledger.last_move_id(tx), format_timestamp(ledger.clock().now())});
  auto id = tx.query_int("SELECT id FROM inv_count WHERE number = ?", {number});
  int line = 0;
  for (const auto& r : resolved)
    tx.execute("INSERT INTO inv_count_line (count_id, line, location_id, product_id, lot_id, counted) "
               "VALUES (?, ?, ?, ?, ?, ?)",
               {id, ++line, r.location_id, r.product_id, r.lot_id, r.counted.raw()});
  return load_count(tx, number);
}

StockCount load_count(db::Transaction& tx, const std::string& number) {
  auto head = tx.query_one(
      "SELECT id, number, site, state, started_move, created_at, posted_at FROM inv_count WHERE number = ?", {number});
  if (!head) not_found("count '" + number + "'");
  StockCount c;
  c.id = head->get_int(0);
  c.number = head->get_text(1);
  c.site = head->get_text(2);
  c.state = head->get_text(3);
  c.started_move = head->get_int(4);
  c.created_at = head->get_text(5);
  c.posted_at = head->opt_text(6);

  // What posting wrote, per line: + into the location, - out of it.
  std::map<std::string, std::int64_t> adjusted;
  if (c.state == "posted")
    for (const auto& row : tx.query("SELECT m.doc_line, m.quantity, CASE WHEN m.to_location = cl.location_id THEN 1 "
                                    "ELSE -1 END FROM inv_move m JOIN inv_count_line cl ON cl.count_id = ? "
                                    "AND m.doc_line = CAST(cl.line AS TEXT) "
                                    "WHERE m.doc_type = ? AND m.doc_id = ? AND m.state = 'done'",
                                    {c.id, kDocType, c.number}))
      adjusted[row.get_text(0)] += row.get_int(1) * row.get_int(2);

  for (const auto& row : tx.query(
           "SELECT cl.line, l.site, l.code, p.sku, COALESCE(lt.code, ''), cl.counted, COALESCE(b.on_hand, 0) "
           "FROM inv_count_line cl JOIN inv_location l ON l.id = cl.location_id "
           "JOIN inv_product p ON p.id = cl.product_id LEFT JOIN inv_lot lt ON lt.id = cl.lot_id "
           "LEFT JOIN inv_balance b ON b.location_id = cl.location_id AND b.product_id = cl.product_id "
           "AND b.lot_id = cl.lot_id WHERE cl.count_id = ? ORDER BY cl.line",
           {c.id})) {
    CountLine l;
    l.line = static_cast<int>(row.get_int(0));
    l.location = row.get_text(1) + "/" + row.get_text(2);
    l.sku = row.get_text(3);
    l.lot = row.get_text(4);
    l.counted = Decimal::from_raw(row.get_int(5));
    if (c.state == "posted") {
      auto it = adjusted.find(std::to_string(l.line));
      l.difference = Decimal::from_raw(it == adjusted.end() ? 0 : it->second);
      l.on_hand = l.counted - l.difference;
    } else {
      l.on_hand = Decimal::from_raw(row.get_int(6));
      l.difference = l.counted - l.on_hand;
    }
    c.lines.push_back(std::move(l));
  }
  return c;
}

StockCount post_count(db::Transaction& tx, StockLedger& ledger, const std::string& number) {
  auto head = lock_count(tx, number);
  if (head.state != "draft") refuse_transition(number, head.state, "posted");

  // In lock order (location, product, lot), like the ledger's own moves.
  std::vector<PostingLine> lines;
  for (const auto& row : tx.query("SELECT cl.line, cl.location_id, l.site, l.code, cl.product_id, p.sku, cl.lot_id, "
                                  "cl.counted FROM inv_count_line cl JOIN inv_location l ON l.id = cl.location_id "
                                  "JOIN inv_product p ON p.id = cl.product_id WHERE cl.count_id = ? "
                                  "ORDER BY cl.location_id, cl.product_id, cl.lot_id",
                                  {head.id}))
    lines.push_back({static_cast<int>(row.get_int(0)), row.get_int(1), row.get_text(2) + "/" + row.get_text(3),
                     row.get_int(4), row.get_text(5), row.get_int(6), row.get_int(7)});
  // Hold the counted balances so nothing moves them between the check below and
  // the adjustments (SQLite's write lock already does).
  for (const auto& l : lines)
    tx.query("SELECT on_hand FROM inv_balance WHERE location_id = ? AND product_id = ? AND lot_id = ?" +
                 std::string(tx.for_update()),
             {l.location_id, l.product_id, l.lot_id});

  if (auto location = moved_since(tx, head, lines))
    throw http::Problem::conflict("stock moved in " + *location + " since the count " + number +
                                  " started; recount (create a new count) and cancel this one");

  auto adjustment = ledger.location(tx, "adjustment");
  auto reason = "count " + number;
  for (const auto& l : lines) {
    auto on_hand = ledger.on_hand(tx, l.location_id, l.product_id, l.lot_id);
    auto counted = Decimal::from_raw(l.counted);
    if (counted == on_hand) continue;
    auto product = ledger.product(tx, l.sku);
    auto location = ledger.location(tx, l.location);
    inventory::DocumentLine doc{kDocType, number, std::to_string(l.line)};
    if (counted > on_hand) {
      ledger.move_done(tx, product, l.lot_id, counted - on_hand, adjustment, location, doc, reason);
      continue;
    }
    auto reserved = tx.query_one("SELECT reserved FROM inv_balance WHERE location_id = ? AND product_id = ? AND lot_id = ?",
                                 {l.location_id, l.product_id, l.lot_id});
    if (reserved && reserved->get_int(0) > l.counted)
      throw http::Problem::conflict("cannot post count " + number + ": " + decimal_text(reserved->get_int(0)) + " of " +
                                    l.sku + " is reserved in " + l.location + " but " + counted.to_string() +
                                    " was counted; release or ship those reservations first");
    ledger.move_done(tx, product, l.lot_id, on_hand - counted, location, adjustment, doc, reason);
  }
  tx.execute("UPDATE inv_count SET state = 'posted', posted_at = ? WHERE id = ?",
             {format_timestamp(ledger.clock().now()), head.id});
  return load_count(tx, number);
}

StockCount cancel_count(db::Transaction& tx, const std::string& number) {
  auto head = lock_count(tx, number);
  if (head.state != "draft") refuse_transition(number, head.state, "cancelled");
  tx.execute("UPDATE inv_count SET state = 'cancelled' WHERE id = ?", {head.id});
  return load_count(tx, number);
}

}  // namespace downstream::inventory_module
