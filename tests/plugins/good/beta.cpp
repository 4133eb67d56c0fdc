// good: beta, which requires alpha.
#include "lifecycle_log.h"

namespace {
class Beta final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(Beta)
