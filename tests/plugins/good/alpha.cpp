// good: alpha, required by beta. Writes each lifecycle call to the test's log.
#include "lifecycle_log.h"

namespace {
class Alpha final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(Alpha)
