#pragma once
// Transfers between two sites. States:
//   draft → shipped → partially_received → received, and draft → cancelled.
// While draft, each line is two planned moves (the from site's storage → transit,
// transit → the to site's receiving location), so it shows as outgoing at the
// one and incoming at the other. Shipping does the first; receiving does the
// second, in parts if need be, and a shortfall found on receipt is recorded as a
// loss (transit → adjustment, with a reason). Cancel only while draft: once
// goods left, a transfer ends by being received or written off as lost.
// Any other transition is a 409 naming the state, and writes nothing.
#include <downstream/domain/decimal.h>
#include <downstream/ports/database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calendar_day.h"
#include "stock_ledger.h"

namespace downstream::inventory_module {

struct TransferLineInput {
  std::string sku;
  Decimal quantity;
  std::optional<std::string> lot;
};

struct TransferPlan {
  std::string from_site;
  std::string to_site;
  std::vector<TransferLineInput> lines;
  std::optional<CalendarDay> ship_date;     // default today: when the outgoing planned moves fall due
  std::optional<CalendarDay> arrival_date;  // default the ship date: when the incoming ones do
};

// One line of a receipt; `line` is the transfer line's number (from 1).
struct ReceiptLine {
  std::int64_t line = 0;
  Decimal quantity;  // arrived in good order
  Decimal lost;      // found missing or broken: written off to adjustment
  std::string loss_reason;
};

struct TransferLine {
  int line = 0;
  std::string sku;
  std::string lot;  // "" without lot
  Decimal quantity;
  Decimal received;
  Decimal lost;
  std::string loss_reason;
  std::string from_location;  // "NORTH/storage"
  std::string to_location;    // "SOUTH/input"
  Decimal in_transit() const { return quantity - received - lost; }
};

struct Transfer {
  std::int64_t id = 0;
  std::string number;  // "TR-NORTH-000001"
  std::string from_site;
  std::string to_site;
  std::string state;
  std::string created_at;
  std::optional<std::string> shipped_at;
  std::optional<std::string> closed_at;
  std::vector<TransferLine> lines;
};

// A draft transfer and its planned moves. Throws http::Problem 422 naming each
// bad field ("to_site", "lines[1].sku", "lines[0].lot") and writes nothing.
Transfer create_transfer(db::Transaction& tx, StockLedger& ledger, const TransferPlan& plan);
// The transfer, or a 404 naming it.
Transfer load_transfer(db::Transaction& tx, const std::string& number);
// Draft → shipped: every line leaves the from site's storage for transit. A line
// whose stock is not there (on hand less reserved) is a 409 naming the line and
// the location, and nothing ships.
Transfer ship_transfer(db::Transaction& tx, StockLedger& ledger, const std::string& number);
// Shipped or partially received → partially received or received. Without
// `lines`, everything still in transit arrives. A receipt line naming no line
// of the transfer, or more than is still in transit, is a 422 naming the field.
Transfer receive_transfer(db::Transaction& tx, StockLedger& ledger, const std::string& number,
                          const std::optional<std::vector<ReceiptLine>>& lines);
Transfer cancel_transfer(db::Transaction& tx, StockLedger& ledger, const std::string& number);

}  // namespace downstream::inventory_module
