#pragma once
// Sales orders and their lines as stored: quantities in raw millionths of the
// product's unit, money in minor units of the order's currency. A line's
// quantity is split into allocated (reserved in open shipments), shipped,
// backordered, cancelled and the rest, unallocated (back from a cancelled
// shipment). State changes happen only under lock_order().
#include <downstream/json.h>
#include <downstream/ports/database.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "customers.h"
#include "sales_office.h"

namespace downstream::sales_module {

struct SalesOrder {
  std::int64_t id = 0;
  std::string number;
  std::string site;
  std::int64_t customer_id = 0;
  std::string channel;
  std::string currency;
  std::string state;  // draft | confirmed | partially_shipped | shipped | cancelled
  std::optional<std::string> quote_valid_until;  // "2026-02-28": a quote, valid through that day (UTC)
  std::string external_ref;
  std::int64_t total_minor = 0;
  std::string created_at;
  std::optional<std::string> confirmed_at;
  std::optional<std::string> closed_at;
  std::optional<std::string> customer_ref;  // when this unit of work has read it already
  std::optional<Customer> customer;         // likewise, the whole customer
};

struct OrderLine {
  std::int64_t line = 0;
  std::string sku;
  std::int64_t quantity = 0;  // in the product's unit
  std::int64_t ordered_quantity = 0;
  std::string ordered_unit;
  std::int64_t unit_price_minor = 0;  // per ordered unit
  std::int64_t line_total_minor = 0;
  std::optional<std::string> requested_date;
  std::int64_t allocated = 0;
  std::int64_t shipped = 0;
  std::int64_t backordered = 0;
  std::int64_t cancelled = 0;
  std::string unit;  // the unit `quantity` is in; "" on lines stored before it was kept
  // allocated, shipped, backordered and cancelled as read, so that
  // save_line_parts() writes only the lines that changed.
  std::optional<std::array<std::int64_t, 4>> stored_parts;
  std::array<std::int64_t, 4> parts() const { return {allocated, shipped, backordered, cancelled}; }
  std::int64_t unallocated() const { return quantity - allocated - shipped - backordered - cancelled; }
  // What the host ERP invoices for `quantity` (product unit) of this line.
  std::int64_t amount_for(std::int64_t quantity) const;
};

// A new order as read from a request, checked, before it has a number.
struct NewOrder {
  std::string site;
  std::int64_t customer_id = 0;
  std::string channel;
  std::string currency;
  std::optional<std::string> quote_valid_until;
  std::string external_ref;
  std::vector<OrderLine> lines;  // line numbers from 1
  std::string customer_ref;
};

// Writes the order and its lines, taking its number ("SO-NORTH-000001") last.
// The rows are queued (Transaction::queue), so the returned order's id is 0:
// later statements find it by its number.
SalesOrder create_order(SalesOffice& office, db::Transaction& tx, const NewOrder& order);

std::optional<SalesOrder> find_order(db::Transaction& tx, std::string_view number);
// The order row locked for a state change (FOR UPDATE); 404 problem if unknown.
SalesOrder lock_order(db::Transaction& tx, std::string_view number);
SalesOrder lock_order(db::Transaction& tx, std::int64_t id);
// Locks the order a shipment belongs to, as a statement to send with others;
// its row (none for an unknown shipment) reads with order_from().
db::Statement lock_order_of_shipment_statement(db::Transaction& tx, std::string_view shipment_number);
SalesOrder order_from(const db::Row& row);

std::vector<OrderLine> order_lines(db::Transaction& tx, std::int64_t order_id);
// The same read as a statement, to send with others (Transaction::query_all), and its rows read.
db::Statement order_lines_statement(std::int64_t order_id);
// The same for an order named by an SQL expression ("(SELECT id FROM ... WHERE number = ?)") and its parameters.
db::Statement order_lines_statement(std::string_view order_id, db::Params params);
std::vector<OrderLine> order_lines_from(const db::Rows& rows);
// The order locked, and its lines and its customer read in the same round trip
// (the customer in order.customer); 404 problem if unknown.
std::pair<SalesOrder, std::vector<OrderLine>> lock_order_with_lines(db::Transaction& tx, std::string_view number);
// Stores allocated, shipped, backordered and cancelled of each line that changed since it was read.
void save_line_parts(db::Transaction& tx, std::int64_t order_id, const std::vector<OrderLine>& lines);
OrderLine& line_of(std::vector<OrderLine>& lines, std::int64_t line);

void set_order_state(db::Transaction& tx, SalesOrder& order, const std::string& state);
// After shipping or cancelling: shipped when every line is shipped or
// cancelled, partially_shipped when something shipped, else as it was.
// `lines` are the order's lines as they now stand.
void settle_order_state(SalesOffice& office, db::Transaction& tx, SalesOrder& order, const std::vector<OrderLine>& lines);

// The next number of a kind at a site: "SO-NORTH-000001". Taken late in the
// unit of work, since the sequence row is shared by every order of the site.
std::string next_number(db::Transaction& tx, const std::string& site, const std::string& kind,
                        const std::string& prefix);

// Publishes the event in the unit of work and records it for the order's status.
void send_order_event(SalesOffice& office, db::Transaction& tx, const SalesOrder& order, const std::string& type,
                      json::Object payload);

// Rounds price × quantity (a raw Decimal) to minor units, half away from zero;
// nullopt on overflow.
std::optional<std::int64_t> line_amount(std::int64_t unit_price_minor, std::int64_t quantity_raw);

}  // namespace downstream::sales_module
