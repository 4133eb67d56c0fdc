// cycle: cycle_c, one link of cycle_a -> cycle_b -> cycle_c -> cycle_a.
#include "lifecycle_log.h"

namespace {
class CycleC final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(CycleC)
