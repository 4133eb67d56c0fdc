// missing_entry: a library that forgot DOWNSTREAM_EXPORT_PLUGIN. The host must
// fail it by name ("has no entry point"), not crash.
#include <downstream/plugin.h>

namespace {
class NoEntry final : public downstream::Plugin {};
}  // namespace

// Something the library does contain, so it is not empty; it is not exported.
int downstream_test_no_entry_marker() {
  NoEntry plugin;
  return sizeof(plugin) > 0 ? 1 : 0;
}
