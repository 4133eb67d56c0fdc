// manifest_mismatch: the descriptor's version is not the manifest's, as when a
// manifest is left over from an older build.
#include <downstream/plugin.h>

namespace {
class MismatchVersion final : public downstream::Plugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN_AS(MismatchVersion, DOWNSTREAM_PLUGIN_NAME, "9.9.9", DOWNSTREAM_PLUGIN_KIND)
