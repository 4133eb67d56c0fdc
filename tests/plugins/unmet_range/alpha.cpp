// unmet_range: an alpha that is present but older than required.
#include "lifecycle_log.h"

namespace {
class Alpha final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(Alpha)
