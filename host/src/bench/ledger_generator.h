#pragma once
// W3's data: sites S001.. with one storage location each, products P000001..
// (unit "each"), and done moves spread over the two years before today, booked
// through InventoryService::move in units of work of --batch moves, so balances,
// the per-site summary and the ledger agree and `downstream check` passes.
// Closed periods every --close-every-days give stock-as-of its snapshots.
#include <cstdint>
#include <ostream>

#include "bench/bench_options.h"

namespace downstream::host {
class Runtime;
}

namespace downstream::host::bench {

struct GeneratedLedger {
  std::int64_t sites = 0;      // S-sites in the database afterwards
  std::int64_t products = 0;
  std::int64_t moves = 0;      // done moves the generator booked, all runs
  std::int64_t periods = 0;    // closed periods
  double seconds = 0;          // this run
};

// Refuses (std::runtime_error) a database that has products unless `append`.
GeneratedLedger generate_ledger(Runtime& rt, const GenerateOptions& options, std::uint64_t seed, std::ostream& out);

}  // namespace downstream::host::bench
