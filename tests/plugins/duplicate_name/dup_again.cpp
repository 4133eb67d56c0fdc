// duplicate_name: the second library named 'dup' (installed as libdup_again.so).
#include "lifecycle_log.h"

namespace {
class DupAgain final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(DupAgain)
