#pragma once
// Reserving an order line's quantity at the sites its channel's policy names,
// into one shipment per site. Shared by confirming, re-allocating and
// allocating backorders.
//
// The rule: with splitting, sites are tried in the policy's order and each
// reserves what it can. Without splitting a line is shipped from one site: the
// first site (in policy order) whose availability covers the whole quantity,
// else the first site with any stock, which reserves what it has; once a line
// has a shipment at a site, its later backorders are allocated only there.
#include <downstream/json.h>
#include <downstream/ports/database.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sales_office.h"
#include "sales_orders.h"

#include "customers.h"

#include <map>
#include <optional>

namespace downstream::sales_module {

// What one allocation of an order's lines reads once, not once per line: each
// line's home site (where it already has a shipment), the customer, and the
// shipment per site it found or opened.
struct OrderAllocation {
  std::optional<std::map<std::int64_t, std::string>> homes;  // order line -> site
  std::optional<Customer> customer;
  std::map<std::string, std::int64_t> shipments;              // site -> open shipment id
};

// The sites the line may be reserved at, in order.
std::vector<std::string> line_sites(SalesOffice& office, db::Transaction& tx, const SalesOrder& order,
                                    const OrderLine& line);
std::vector<std::string> line_sites(SalesOffice& office, db::Transaction& tx, const SalesOrder& order,
                                    const OrderLine& line, OrderAllocation& known);

// Reserves up to `quantity` of the line at `sites` (at most one site without
// splitting) and adds it to the order's shipments; line.allocated grows by what
// was reserved, which is returned. Each site's part is appended to `parts` as
// {"site", "shipment_id", "quantity"}.
std::int64_t allocate_line(SalesOffice& office, db::Transaction& tx, const SalesOrder& order, OrderLine& line,
                           std::int64_t quantity, const std::vector<std::string>& sites, bool split,
                           json::Array& parts, std::map<std::string, std::int64_t>& shipments);

// After numbering: {"site", "shipment", "quantity"} with shipment numbers instead of ids.
// `numbered` holds the numbers just given (number_new_shipments()); others are read.
json::Array numbered_parts(db::Transaction& tx, const json::Array& parts, std::map<std::int64_t, std::string>& numbered);

}  // namespace downstream::sales_module
