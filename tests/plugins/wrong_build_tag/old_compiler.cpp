// wrong_build_tag: a plugin whose build tag (manifest and descriptor alike) is
// not the host's, as if compiled by GCC 4.8 against SDK 0.0.
#include <downstream/plugin.h>

namespace {
class OldCompiler final : public downstream::Plugin {};
}  // namespace

#undef DOWNSTREAM_BUILD_TAG
#define DOWNSTREAM_BUILD_TAG "GNU-4.8/c++11/sdk-0.0"
DOWNSTREAM_EXPORT_PLUGIN(OldCompiler)
