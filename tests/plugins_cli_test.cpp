// `downstream plugins check | list | keygen | sign | verify`, through the real
// binary, against folders of the test plugin catalogue (tests/plugins/).
#define BOOST_TEST_MODULE plugins_cli
#include <boost/test/unit_test.hpp>

#include <downstream/testing/build_paths.h>
#include <downstream/testing/run_command.h>
#include <downstream/testing/temp_dir.h>

#include <fstream>
#include <sstream>

using namespace downstream::testing;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// `downstream --config <the default config> plugins <args>`: signatures required.
CommandResult plugins(std::vector<std::string> args) {
  args.insert(args.begin(), {"--config", (source_dir() / "config").string(), "plugins"});
  return run_command(downstream_binary(), args);
}

// Copies every file of catalogue folders into one folder.
void copy_case(const std::string& folder, const fs::path& to) {
  for (const auto& e : fs::directory_iterator(test_plugin_dir() / folder))
    fs::copy_file(e.path(), to / e.path().filename(), fs::copy_options::overwrite_existing);
}

void append_byte(const fs::path& file) {
  std::ofstream out(file, std::ios::binary | std::ios::app);
  out << 'x';
  BOOST_TEST_REQUIRE(static_cast<bool>(out), "cannot append to " << file);
}

// The line of a `plugins list` table that starts with a plugin's name, split into columns.
std::vector<std::string> row(const std::string& table, const std::string& name) {
  std::istringstream lines(table);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::vector<std::string> columns;
    for (std::string w; words >> w;) columns.push_back(w);
    if (!columns.empty() && columns[0] == name) return columns;
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_CASE(plugins_check_reports_a_tampered_plugin_and_a_cycle_together_and_exits_non_zero) {
  TempDir dir;
  copy_case("bad_signature", dir.path());
  copy_case("cycle", dir.path());
  auto r = plugins({"check", "--plugin-dir", dir.path().string(), "--trusted-keys", trusted_keys_dir().string()});
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.exit_code != 0);
  BOOST_TEST(contains(r.err, "libtampered.so"));
  BOOST_TEST(contains(r.err, "signature"));
  BOOST_TEST(contains(r.err, "cycle_a -> cycle_b -> cycle_c -> cycle_a"));
}

BOOST_AUTO_TEST_CASE(plugins_check_accepts_the_good_plugins_and_exits_zero) {
  auto r = plugins({"check", "--plugin-dir", (test_plugin_dir() / "good").string(), "--trusted-keys",
                    trusted_keys_dir().string()});
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.err.empty());
  BOOST_TEST(contains(r.out, "3 plugins"));
}

BOOST_AUTO_TEST_CASE(plugins_check_fails_a_missing_dependency_from_the_manifests_alone) {
  auto r = plugins({"check", "--plugin-dir", (test_plugin_dir() / "missing_dependency").string(), "--trusted-keys",
                    trusted_keys_dir().string()});
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.exit_code != 0);
  BOOST_TEST(contains(r.err, "ghost"));
  BOOST_TEST(contains(r.err, "liborphan.so"));
}

BOOST_AUTO_TEST_CASE(plugins_list_shows_a_table_with_state_and_signer_of_every_plugin) {
  auto r = plugins({"list", "--plugin-dir", (test_plugin_dir() / "good").string()});
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST((row(r.out, "NAME") == std::vector<std::string>{"NAME", "VERSION", "KIND", "STATE", "SIGNED-BY"}),
             boost::test_tools::per_element());
  BOOST_TEST((row(r.out, "alpha") == std::vector<std::string>{"alpha", "1.0.0", "module", "loaded", "dev"}),
             boost::test_tools::per_element());
  BOOST_TEST((row(r.out, "beta") == std::vector<std::string>{"beta", "1.1.0", "module", "loaded", "dev"}),
             boost::test_tools::per_element());
  BOOST_TEST((row(r.out, "abacus") == std::vector<std::string>{"abacus", "0.1.0", "module", "loaded", "dev"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(plugins_list_shows_a_failed_plugin_and_why_and_exits_non_zero) {
  auto r = plugins({"list", "--plugin-dir", (test_plugin_dir() / "unsigned").string()});
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.exit_code != 0);
  BOOST_TEST((row(r.out, "unsigned_plugin") == std::vector<std::string>{"unsigned_plugin", "1.0.0", "module", "failed", "-"}),
             boost::test_tools::per_element());
  BOOST_TEST(contains(r.err, "unsigned"));
}

BOOST_AUTO_TEST_CASE(a_plugin_signed_with_a_new_key_verifies_until_its_library_or_manifest_changes) {
  TempDir dir;
  const fs::path keys = dir.path() / "keys";
  fs::create_directories(keys);
  const fs::path private_key = dir.path() / "vendor.key.pem";
  auto keygen = plugins({"keygen", "--private-key", private_key.string(), "--public-key",
                         (keys / "vendor.pub.pem").string()});
  BOOST_TEST_INFO(keygen.all());
  BOOST_TEST_REQUIRE(keygen.exit_code == 0);

  // An unsigned copy of alpha.
  const fs::path good = test_plugin_dir() / "good";
  const fs::path lib = dir.path() / "libalpha.so";
  fs::copy_file(good / "libalpha.so", lib);
  fs::copy_file(good / "libalpha.so.manifest", lib.string() + ".manifest");

  auto sign = plugins({"sign", "--key", private_key.string(), "--signer", "vendor", lib.string()});
  BOOST_TEST_INFO(sign.all());
  BOOST_TEST_REQUIRE(sign.exit_code == 0);
  BOOST_TEST(fs::exists(lib.string() + ".sig"));

  auto verified = plugins({"verify", "--trusted-keys", keys.string(), lib.string()});
  BOOST_TEST_INFO(verified.all());
  BOOST_TEST(verified.exit_code == 0);
  BOOST_TEST(contains(verified.out, "vendor"));

  // The build's development key does not vouch for the vendor's signature.
  auto untrusted = plugins({"verify", "--trusted-keys", trusted_keys_dir().string(), lib.string()});
  BOOST_TEST_INFO(untrusted.all());
  BOOST_TEST(untrusted.exit_code != 0);
  BOOST_TEST(contains(untrusted.err, lib.string()));

  // One byte more in the library breaks it.
  append_byte(lib);
  auto tampered = plugins({"verify", "--trusted-keys", keys.string(), lib.string()});
  BOOST_TEST_INFO(tampered.all());
  BOOST_TEST(tampered.exit_code != 0);
  BOOST_TEST(contains(tampered.err, lib.string()));
  BOOST_TEST(!contains(tampered.out, "signed by"));
}

BOOST_AUTO_TEST_CASE(a_changed_manifest_breaks_the_signature_too) {
  TempDir dir;
  const fs::path good = test_plugin_dir() / "good";
  const fs::path lib = dir.path() / "libbeta.so";
  for (const char* suffix : {"", ".manifest", ".sig"})
    fs::copy_file(good / ("libbeta.so" + std::string(suffix)), lib.string() + suffix);

  auto before = plugins({"verify", "--trusted-keys", trusted_keys_dir().string(), lib.string()});
  BOOST_TEST_INFO(before.all());
  BOOST_TEST(before.exit_code == 0);
  BOOST_TEST(contains(before.out, "dev"));

  // Loosen beta's requirement, as someone dodging a version check might.
  std::string manifest = read_file(lib.string() + ".manifest");
  auto at = manifest.find("alpha >=1.0, <2");
  BOOST_TEST_REQUIRE(at != std::string::npos);
  manifest.replace(at, std::string("alpha >=1.0, <2").size(), "alpha >=0");
  std::ofstream(lib.string() + ".manifest", std::ios::trunc) << manifest;

  auto after = plugins({"verify", "--trusted-keys", trusted_keys_dir().string(), lib.string()});
  BOOST_TEST_INFO(after.all());
  BOOST_TEST(after.exit_code != 0);
  BOOST_TEST(contains(after.err, lib.string()));
}
