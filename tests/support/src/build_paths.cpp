#include <downstream/testing/build_paths.h>

namespace downstream::testing {

std::filesystem::path build_dir() { return DOWNSTREAM_TEST_BUILD_DIR; }
std::filesystem::path source_dir() { return DOWNSTREAM_TEST_SOURCE_DIR; }
std::filesystem::path downstream_binary() { return build_dir() / "bin" / "downstream"; }
std::filesystem::path plugin_dir() { return build_dir() / DOWNSTREAM_TEST_PLUGIN_SUBDIR; }
std::filesystem::path test_plugin_dir() { return build_dir() / "tests" / "plugins"; }
std::filesystem::path dev_private_key() { return DOWNSTREAM_TEST_DEV_KEY; }
std::filesystem::path trusted_keys_dir() { return build_dir() / DOWNSTREAM_TEST_SHARE_SUBDIR / "trusted-keys"; }

}  // namespace downstream::testing
