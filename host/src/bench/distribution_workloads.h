#pragma once
// The W1 and W2 workloads (../shared/workloads/README.md), each returning its
// figures; a check that fails throws "check failed: ...", and then no figure is
// reported.
#include "bench/bench_report.h"
#include "bench/bench_session.h"

namespace downstream::host::bench {

// W1 order-to-ship: --orders orders a repetition, five requests each.
Report run_order_to_ship(const BenchSession& session);
// W1 stock read: all 200 products at site A in one request.
Report run_stock_read(const BenchSession& session);
// W2 hot product: --clients streams race for --units units, over http.
Report run_hot_product(const BenchSession& session);

}  // namespace downstream::host::bench
