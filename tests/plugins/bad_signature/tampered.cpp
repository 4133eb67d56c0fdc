// bad_signature: its library changes after signing, so the signature
// no longer matches and the host must not load it.
#include "lifecycle_log.h"

namespace {
class Tampered final : public downstream_test_plugins::LoggingPlugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(Tampered)
