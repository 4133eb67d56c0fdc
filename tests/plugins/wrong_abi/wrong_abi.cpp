// wrong_abi: the descriptor says a plugin ABI the host does not load, while the
// manifest claims the right one. Loading must refuse it, naming both numbers.
#include <downstream/plugin.h>

namespace {
class WrongAbi final : public downstream::Plugin {};
}  // namespace

// As if built against an SDK whose ABI is one ahead of the host's.
constexpr std::uint32_t downstream_test_host_abi = DOWNSTREAM_PLUGIN_ABI;
#undef DOWNSTREAM_PLUGIN_ABI
#define DOWNSTREAM_PLUGIN_ABI (downstream_test_host_abi + 1u)
DOWNSTREAM_EXPORT_PLUGIN(WrongAbi)
