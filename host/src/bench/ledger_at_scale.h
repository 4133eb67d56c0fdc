#pragma once
// W3, ledger at scale, on data from `bench generate`: availability of one product
// at all sites; all products at one site, 1,000 a page; one product at one site
// as of a past day. In-process (the service and the routes' handlers, one read
// unit of work a call) or over HTTP to a `downstream serve`.
#include "bench/bench_report.h"
#include "bench/bench_session.h"

namespace downstream::host::bench {

Report run_ledger_at_scale(const BenchSession& session);

}  // namespace downstream::host::bench
