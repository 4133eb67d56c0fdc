// cycle: cycle_b, one link of cycle_a -> cycle_b -> cycle_c -> cycle_a.
#include "lifecycle_log.h"

namespace {
class CycleB final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(CycleB)
