// missing_dependency: the dependent of a failed plugin.
#include "lifecycle_log.h"

namespace {
class OrphanChild final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(OrphanChild)
