#pragma once
// The ledger's invariants, proved from its tables (ARCHITECTURE.md, "Stock is a
// ledger"): each check returns one line per violation naming the rows involved
// (location label, SKU, lot, expected and found). `downstream check` and
// GET /api/v1/inventory/check run them all.
#include <downstream/commands.h>
#include <downstream/ports/database.h>

#include <string>
#include <vector>

namespace downstream::inventory_module {

// For every product and lot, the balances over all locations, virtual ones included, sum to zero.
std::vector<std::string> check_balances_sum_to_zero(db::Transaction& tx);
// Physical balances are not negative; reserved is between 0 and on hand.
std::vector<std::string> check_balances_within_bounds(db::Transaction& tx);
// Each balance's reserved equals the sum of its open reservations.
std::vector<std::string> check_reserved_matches_reservations(db::Transaction& tx);
// Each balance's on hand equals its done moves in minus out, recomputed from the ledger.
std::vector<std::string> check_balances_match_moves(db::Transaction& tx);
// The per-site summary equals the sums of the site's physical balances, and its
// incoming and outgoing equal the planned moves.
std::vector<std::string> check_site_stock_matches_balances(db::Transaction& tx);

// All of the above, named for `downstream check`.
std::vector<InvariantCheck> ledger_invariants();

}  // namespace downstream::inventory_module
