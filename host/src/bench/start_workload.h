#pragma once
// W6, start: `downstream serve` started again and again on the migrated
// database; the time from exec to its first 200 from /healthz, and each
// plugin's time per lifecycle phase as /healthz reports it.
#include "bench/bench_report.h"
#include "bench/bench_session.h"

namespace downstream::host::bench {

Report run_start(const BenchSession& session);

}  // namespace downstream::host::bench
