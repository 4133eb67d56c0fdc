// throws_in_start: starts before start_thrower fails, so it is stopped again.
#include "lifecycle_log.h"

namespace {
class StartOk final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(StartOk)
