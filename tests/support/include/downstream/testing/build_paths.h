#pragma once
// Where the build put things, so tests use the real binary and real plugins.
#include <filesystem>

namespace downstream::testing {

std::filesystem::path build_dir();            // the CMake binary dir
std::filesystem::path downstream_binary();    // <build>/bin/downstream
std::filesystem::path plugin_dir();           // <build>/lib/downstream/plugins
std::filesystem::path test_plugin_dir();      // <build>/tests/plugins (the broken catalogue and friends)
std::filesystem::path dev_private_key();      // the build's development signing key
std::filesystem::path trusted_keys_dir();     // <build>/share/downstream/trusted-keys
std::filesystem::path source_dir();           // the project's source root

}  // namespace downstream::testing
