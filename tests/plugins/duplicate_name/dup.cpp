// duplicate_name: the first of two libraries named 'dup'.
#include "lifecycle_log.h"

namespace {
class Dup final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(Dup)
