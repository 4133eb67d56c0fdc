// good: abacus, which requires beta: dependencies come before names.
#include "lifecycle_log.h"

namespace {
class Abacus final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(Abacus)
