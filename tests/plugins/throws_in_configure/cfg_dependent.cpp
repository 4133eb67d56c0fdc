// throws_in_configure: requires cfg_thrower; must never be configured.
#include "lifecycle_log.h"

namespace {
class CfgDependent final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(CfgDependent)
