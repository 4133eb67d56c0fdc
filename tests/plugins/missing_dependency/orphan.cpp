// missing_dependency: requires a plugin that is not there.
#include "lifecycle_log.h"

namespace {
class Orphan final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(Orphan)
