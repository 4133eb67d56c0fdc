// manifest_mismatch: the descriptor's name is not the manifest's, as when a
// library is copied beside another plugin's manifest.
#include <downstream/plugin.h>

namespace {
class MismatchName final : public downstream::Plugin {};
}  // namespace

DOWNSTREAM_EXPORT_PLUGIN_AS(MismatchName, "someone_else", DOWNSTREAM_PLUGIN_VERSION, DOWNSTREAM_PLUGIN_KIND)
