#pragma once
// Stock counts: what was found on the shelves, per (location, product, lot), and
// the adjustment moves that make the books agree when the count is posted.
// States: draft → posted, draft → cancelled; any other transition is a 409
// naming the state.
//
// DECISION (issue 4, item 5): a count whose locations saw a done move after it
// started is REFUSED on posting (409 "stock moved in LOCATION since the count
// started; recount"), never recounted or adjusted silently. The counter counted
// shelves that have changed since; only a person can tell whether the move
// happened before or after they counted that shelf, and applying the difference
// anyway would book the move twice or not at all.
#include <downstream/domain/decimal.h>
#include <downstream/ports/database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stock_ledger.h"

namespace downstream::inventory_module {

// One counted line as the client gives it; `location` is site-local ("storage/A-01").
struct CountLineInput {
  std::string location;
  std::string sku;
  std::optional<std::string> lot;
  Decimal counted;
};

struct CountLine {
  int line = 0;
  std::string location;  // "NORTH/storage/A-01"
  std::string sku;
  std::string lot;       // "" without lot
  Decimal counted;
  Decimal on_hand;       // a draft: the books now; posted: the books when posted
  Decimal difference;    // counted - on_hand: what posting writes (or wrote)
};

struct StockCount {
  std::int64_t id = 0;
  std::string number;  // "CNT-NORTH-000001"
  std::string site;
  std::string state;   // draft | posted | cancelled
  std::int64_t started_move = 0;
  std::string created_at;
  std::optional<std::string> posted_at;
  std::vector<CountLine> lines;
};

// A draft count remembering the ledger's last move. Throws http::Problem 422
// naming each bad field ("site", "lines[1].sku", "lines[2].lot") and writes nothing.
StockCount create_count(db::Transaction& tx, StockLedger& ledger, const std::string& site,
                        const std::vector<CountLineInput>& lines);
// The count, or a 404 naming it.
StockCount load_count(db::Transaction& tx, const std::string& number);
// Writes an adjustment move per line whose counted quantity differs from on hand.
StockCount post_count(db::Transaction& tx, StockLedger& ledger, const std::string& number);
StockCount cancel_count(db::Transaction& tx, const std::string& number);

}  // namespace downstream::inventory_module
