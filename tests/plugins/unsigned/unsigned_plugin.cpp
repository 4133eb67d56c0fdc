// unsigned: no .sig beside the library.
#include "lifecycle_log.h"

namespace {
class UnsignedPlugin final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(UnsignedPlugin)
