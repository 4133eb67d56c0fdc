// What a vendor and an admin do with an installed Downstream: install it, build
// the sample carrier adapter out of tree against the installed SDK, sign it with
// the vendor's own key, and have the installed host check and load it.
#define BOOST_TEST_MODULE sdk_install
#include <boost/test/unit_test.hpp>

#include <downstream/testing/build_paths.h>
#include <downstream/testing/run_command.h>
#include <downstream/testing/temp_dir.h>

#include <filesystem>

using namespace downstream::testing;
namespace fs = std::filesystem;

namespace {

CommandResult must(const fs::path& program, const std::vector<std::string>& args) {
  auto r = run_command(program, args);
  BOOST_TEST_REQUIRE(r.exit_code == 0, program.string() << " failed:\n" << r.all());
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_plugin_built_out_of_tree_against_the_installed_sdk_and_signed_by_its_vendor_loads) {
  TempDir tmp;
  auto prefix = tmp.path() / "prefix";
  must("/usr/bin/cmake", {"--install", build_dir().string(), "--prefix", prefix.string()});
  auto downstream = prefix / "bin" / "downstream";

  // The install keeps the build tree's layout, so the first-party plugins' signatures still hold.
  auto installed = must(downstream, {"--config", tmp.path().string(), "plugins", "list"});
  BOOST_TEST(installed.out.find("soci") != std::string::npos);
  BOOST_TEST(installed.out.find("loaded") != std::string::npos, installed.all());
  BOOST_TEST(installed.out.find("dev") != std::string::npos);

  auto sample = tmp.path() / "sample";
  must("/usr/bin/cmake", {"-S", (source_dir() / "examples" / "sample_carrier").string(), "-B", sample.string(), "-G",
                          "Ninja", "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_PREFIX_PATH=" + prefix.string()});
  must("/usr/bin/cmake", {"--build", sample.string()});
  auto library = (sample / "libsample_carrier.so").string();
  BOOST_TEST_REQUIRE(fs::exists(library));
  BOOST_TEST(fs::exists(library + ".manifest"));

  auto keys = tmp.path() / "vendor-keys";
  must(downstream, {"plugins", "keygen", "--private-key", (tmp.path() / "acme.key.pem").string(), "--public-key",
                    (keys / "acme.pub.pem").string()});
  must(downstream, {"plugins", "sign", "--key", (tmp.path() / "acme.key.pem").string(), library});

  auto check = run_command(downstream, {"--config", tmp.path().string(), "plugins", "check", "--plugin-dir",
                                        sample.string(), "--trusted-keys", keys.string()});
  BOOST_TEST(check.exit_code == 0, check.all());
  auto list = run_command(downstream, {"--config", tmp.path().string(), "plugins", "list", "--plugin-dir",
                                       sample.string(), "--trusted-keys", keys.string()});
  BOOST_TEST(list.exit_code == 0, list.all());
  BOOST_TEST(list.out.find("sample_carrier") != std::string::npos);
  BOOST_TEST(list.out.find("0.3.0") != std::string::npos);
  BOOST_TEST(list.out.find("acme") != std::string::npos, list.out);

  // Trusted by nobody: the admin has not added the vendor's key.
  auto untrusted = run_command(downstream, {"--config", tmp.path().string(), "plugins", "check", "--plugin-dir",
                                            sample.string()});
  BOOST_TEST(untrusted.exit_code != 0);
  BOOST_TEST(untrusted.err.find("not among the trusted keys") != std::string::npos, untrusted.all());
}
