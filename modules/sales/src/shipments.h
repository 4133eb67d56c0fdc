#pragma once
// Shipments: what leaves one site for one order. reserved → picked → packed →
// shipped, or cancelled before it ships. The stock of each shipment line is
// reserved in the inventory under the document line
// {"shipment", <shipment id>, <order line>}.
#include <downstream/json.h>
#include <downstream/ports/database.h>
#include <downstream/services/inventory.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sales_office.h"
#include "sales_orders.h"

namespace downstream::sales_module {

struct ShipmentLine {
  std::int64_t order_line = 0;
  std::int64_t quantity = 0;
  std::int64_t picked = 0;
  std::int64_t shipped = 0;
  std::string sku;  // the order line's product
};

struct Shipment {
  std::int64_t id = 0;
  std::string number;
  std::int64_t order_id = 0;
  std::string site;
  std::string state;  // reserved | picked | packed | shipped | cancelled
  std::optional<std::int64_t> backorder_of;
  std::string carrier;
  std::string carrier_ref;
  std::string tracking;
  std::string created_at;
  std::optional<std::string> shipped_at;
  std::optional<std::string> cancelled_at;
  std::vector<ShipmentLine> lines;
  // (package, weight) when read or written in this unit of work; else shipment_json() reads them.
  std::optional<std::vector<std::pair<std::int64_t, std::int64_t>>> packages;
  bool open() const { return state == "reserved" || state == "picked" || state == "packed"; }
};

inventory::DocumentLine reservation_of(std::int64_t shipment_id, std::int64_t order_line);

std::optional<Shipment> find_shipment(db::Transaction& tx, std::string_view number);
Shipment shipment_by_id(db::Transaction& tx, std::int64_t id);
std::vector<Shipment> order_shipments(db::Transaction& tx, std::int64_t order_id);
// The same reads as statements (the shipments, then all their lines), to send
// with others, and the shipments they make.
std::vector<db::Statement> order_shipments_statements(std::int64_t order_id);
std::vector<Shipment> order_shipments_from(const db::Rows& shipments, const db::Rows& lines);
// The shipment with its lines in one read (for a caller that holds the order's lock).
std::optional<Shipment> find_shipment_with_lines(db::Transaction& tx, std::string_view number);
// The same read as a statement, to send with others, and the shipment its rows make.
db::Statement shipment_with_lines_statement(std::string_view number);
db::Statement shipment_packages_statement(std::string_view number);
std::vector<std::pair<std::int64_t, std::int64_t>> packages_from(const db::Rows& rows);
std::optional<Shipment> shipment_with_lines_from(const db::Rows& rows);

// The order's reserved shipment at the site that is not a backorder of another,
// created when there is none (numbered later, by number_new_shipments).
std::int64_t shipment_at(SalesOffice& office, db::Transaction& tx, const SalesOrder& order, const std::string& site);
// The same, remembering in `known` (site -> shipment) what one allocation found or opened.
std::int64_t shipment_at(SalesOffice& office, db::Transaction& tx, const SalesOrder& order, const std::string& site,
                         std::map<std::string, std::int64_t>& known);
std::int64_t new_shipment(SalesOffice& office, db::Transaction& tx, const SalesOrder& order, const std::string& site,
                          std::optional<std::int64_t> backorder_of);
// Adds a reserved quantity of an order line to a shipment.
void add_to_shipment(db::Transaction& tx, std::int64_t shipment_id, std::int64_t order_line, std::int64_t quantity);
// Numbers the shipments this unit of work created for the order ("SH-NORTH-000001").
// The same when the caller knows which shipments it opened: `filled` (id ->
// site) are numbered, `empty` ones are not kept.
std::map<std::int64_t, std::string> number_opened_shipments(db::Transaction& tx,
                                                            const std::map<std::int64_t, std::string>& filled,
                                                            const std::vector<std::int64_t>& empty);
// Returns the numbers it gave, by shipment id.
std::map<std::int64_t, std::string> number_new_shipments(db::Transaction& tx, const SalesOrder& order);

// The rest of a shipment line that was not picked or shipped: reserved again at
// the same site for a backorder shipment (created once per call site through
// `backorder`). Updates the order line; what cannot be reserved becomes backordered.
struct BackorderShipment {
  const Shipment& of;
  std::optional<std::int64_t> id;
};
void move_rest_to_backorder(SalesOffice& office, db::Transaction& tx, const SalesOrder& order,
                            BackorderShipment& backorder, OrderLine& line, std::int64_t rest);

// Cancels an open shipment: releases its reservations and gives its lines back
// to the order as unallocated. The caller holds the order's lock.
void cancel_open_shipment(SalesOffice& office, db::Transaction& tx, Shipment& shipment,
                          std::vector<OrderLine>& lines);

// A shipment cancelled on its own (before it ships): 409 once shipped or
// cancelled; sends shipment.cancelled.
void cancel_shipment(SalesOffice& office, db::Transaction& tx, SalesOrder& order, std::vector<OrderLine>& lines,
                     Shipment& shipment);

// Pick, pack and ship. `quantities` by order line; a line not named is taken in full.
void pick_shipment(SalesOffice& office, db::Transaction& tx, SalesOrder& order, std::vector<OrderLine>& lines,
                   Shipment& shipment, const std::map<std::int64_t, std::int64_t>& quantities);
void pack_shipment(SalesOffice& office, db::Transaction& tx, Shipment& shipment,
                   const std::vector<std::int64_t>& package_weights);
// `tracking` for the manual carrier; an adapter books through the carrier port.
void ship_shipment(SalesOffice& office, db::Transaction& tx, SalesOrder& order, std::vector<OrderLine>& lines,
                   Shipment& shipment, const std::map<std::int64_t, std::int64_t>& quantities,
                   const std::optional<std::string>& tracking);

json::Object shipment_json(db::Transaction& tx, const Shipment& shipment, const std::string& order_number,
                           const std::vector<OrderLine>& lines);

}  // namespace downstream::sales_module
