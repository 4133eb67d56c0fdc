// unmet_range: requires a newer alpha than the one installed.
#include "lifecycle_log.h"

namespace {
class WantsAlpha2 final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(WantsAlpha2)
