// Plugin manifests: what a well-formed one yields, and how every kind of mistake
// is reported with file and line, all of them at once.
#define BOOST_TEST_MODULE manifest
#include <boost/test/unit_test.hpp>

#include <downstream/testing/temp_dir.h>

#include <algorithm>

#include "plugins/manifest.h"

using namespace downstream::host;

namespace {

const std::string good_plugin =
    "[plugin]\n"
    "name = sales\n"
    "version = 1.2.3\n"
    "; module or adapter\n"
    "kind = module\n"
    "abi = 1\n"
    "build_tag = GNU-12.2/c++20/sdk-0.1\n"
    "description = Sales orders, allocation, shipments\n"
    "requires = inventory >=1.0, <2; customers >=1.0; host >=1.0\n"
    "provides = sales_orders\n"
    "uses = database, carrier\n";

struct Parsed {
  std::optional<Manifest> manifest;
  std::vector<std::string> problems;
  std::string all() const {
    std::string out;
    for (const auto& p : problems) out += p + "\n";
    return out;
  }
  bool has(const std::string& text) const {
    return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) { return p.find(text) != std::string::npos; });
  }
};

Parsed parse(const std::string& text) {
  Parsed p;
  p.manifest = parse_manifest(text, "libsales.so.manifest", p.problems);
  return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_complete_manifest_yields_every_field) {
  auto p = parse(good_plugin);
  BOOST_TEST_INFO(p.all());
  BOOST_REQUIRE(p.manifest);
  BOOST_TEST(p.problems.empty());
  const auto& m = *p.manifest;
  BOOST_TEST(m.file == "libsales.so.manifest");
  BOOST_TEST(m.name == "sales");
  BOOST_TEST(m.version.to_string() == "1.2.3");
  BOOST_TEST(m.version_text == "1.2.3");
  BOOST_TEST(m.kind == "module");
  BOOST_TEST(m.abi == 1u);
  BOOST_TEST(m.build_tag == "GNU-12.2/c++20/sdk-0.1");
  BOOST_TEST(m.description == "Sales orders, allocation, shipments");
  BOOST_REQUIRE(m.requires_plugins.size() == 3u);
  BOOST_TEST(m.requires_plugins[0].name == "inventory");
  BOOST_TEST(m.requires_plugins[0].range.text == ">=1.0, <2");
  BOOST_TEST(m.requires_plugins[0].range.contains(*SemVer::parse("1.5")));
  BOOST_TEST(!m.requires_plugins[0].range.contains(*SemVer::parse("2")));
  BOOST_TEST(m.requires_plugins[1].name == "customers");
  BOOST_TEST(m.requires_plugins[2].name == "host");  // the pseudo-dependency on the host's version
  BOOST_TEST((m.provides == std::vector<std::string>{"sales_orders"}));
  BOOST_TEST((m.uses == std::vector<std::string>{"database", "carrier"}));
  BOOST_TEST(m.config_keys.empty());
}

BOOST_AUTO_TEST_CASE(description_requires_provides_and_uses_are_optional) {
  auto p = parse("[plugin]\nname = alpha\nversion = 1\nkind = adapter\nabi = 1\nbuild_tag = t\nrequires =\n");
  BOOST_TEST_INFO(p.all());
  BOOST_REQUIRE(p.manifest);
  BOOST_TEST(p.manifest->requires_plugins.empty());
  BOOST_TEST(p.manifest->provides.empty());
  BOOST_TEST(p.manifest->version.to_string() == "1.0.0");
  BOOST_TEST(p.manifest->version_text == "1");
}

BOOST_AUTO_TEST_CASE(a_requirement_without_a_range_accepts_any_version) {
  auto q = parse("[plugin]\nname = a\nversion = 1\nkind = module\nabi = 1\nbuild_tag = t\nrequires = b; c>=2\n");
  BOOST_TEST_INFO(q.all());
  BOOST_REQUIRE(q.manifest);
  BOOST_REQUIRE(q.manifest->requires_plugins.size() == 2u);
  BOOST_TEST(q.manifest->requires_plugins[0].name == "b");
  BOOST_TEST(q.manifest->requires_plugins[0].range.all_of.empty());
  BOOST_TEST(q.manifest->requires_plugins[1].name == "c");  // no space needed before the range
  BOOST_TEST(q.manifest->requires_plugins[1].range.text == ">=2");
}

BOOST_AUTO_TEST_CASE(config_sections_become_typed_keys_in_the_plugins_own_section) {
  auto p = parse(good_plugin +
                 "\n"
                 "[config.allocation_policy]\n"
                 "type = enum(single_site|priority|region)\n"
                 "default = single_site\n"
                 "help = How confirm picks sites\n"
                 "[config.max_lines]\n"
                 "type = int\n"
                 "required = true\n"
                 "help = Most lines on one order\n");
  BOOST_TEST_INFO(p.all());
  BOOST_REQUIRE(p.manifest);
  const auto& keys = p.manifest->config_keys;
  BOOST_REQUIRE(keys.size() == 2u);
  BOOST_TEST(keys[0].section == "sales");
  BOOST_TEST(keys[0].declared_by == "sales");
  BOOST_TEST(keys[0].name == "allocation_policy");
  BOOST_TEST((keys[0].type == KeyType::enumeration));
  BOOST_TEST((keys[0].choices == std::vector<std::string>{"single_site", "priority", "region"}));
  BOOST_TEST(keys[0].default_value.value_or("") == "single_site");
  BOOST_TEST(keys[0].help == "How confirm picks sites");
  BOOST_TEST(!keys[0].required);
  BOOST_TEST(keys[1].name == "max_lines");
  BOOST_TEST((keys[1].type == KeyType::integer));
  BOOST_TEST(keys[1].required);
  BOOST_TEST(!keys[1].default_value.has_value());
}

BOOST_AUTO_TEST_CASE(every_missing_required_key_is_reported_at_the_plugin_header) {
  auto p = parse("; a comment\n[plugin]\ndescription = nothing else\n");
  BOOST_TEST_INFO(p.all());
  BOOST_TEST(!p.manifest);
  BOOST_TEST(p.problems.size() == 5u);
  for (const char* key : {"'name'", "'version'", "'kind'", "'abi'", "'build_tag'"}) {
    BOOST_TEST(p.has(std::string("libsales.so.manifest:2: [plugin] has no ") + key), key);
  }
}

BOOST_AUTO_TEST_CASE(a_manifest_without_a_plugin_section_is_refused) {
  auto p = parse("");
  BOOST_TEST(!p.manifest);
  BOOST_TEST_INFO(p.all());
  BOOST_TEST(p.has("libsales.so.manifest:1: no [plugin] section"));
}

BOOST_AUTO_TEST_CASE(every_malformed_value_is_reported_with_its_line_all_at_once) {
  auto p = parse(
      "[plugin]\n"                                  // 1
      "name = Sales\n"                              // 2
      "version = 1.x\n"                             // 3
      "kind = service\n"                            // 4
      "abi = one\n"                                 // 5
      "build_tag =\n"                               // 6
      "requires = inventory 1.0; ; 9lives >=1\n"    // 7
      "provides = data base\n"                      // 8
      "uses = database, database\n");               // 9
  BOOST_TEST_INFO(p.all());
  BOOST_TEST(!p.manifest);
  const std::string f = "libsales.so.manifest:";
  BOOST_TEST(p.has(f + "2: name 'Sales' is not valid"));
  BOOST_TEST(p.has(f + "3: version '1.x' is not a version"));
  BOOST_TEST(p.has(f + "4: kind 'service' is neither module nor adapter"));
  BOOST_TEST(p.has(f + "5: abi 'one'"));
  BOOST_TEST(p.has(f + "6: build_tag is empty"));
  BOOST_TEST(p.has(f + "7: requires entry 'inventory 1.0' has a malformed version range '1.0'"));
  BOOST_TEST(p.has(f + "7: requires has an empty entry"));
  BOOST_TEST(p.has(f + "7: requires entry '9lives >=1' does not start with a plugin name"));
  BOOST_TEST(p.has(f + "8: provides has an invalid port name 'data base'"));
  BOOST_TEST(p.has(f + "9: uses names port 'database' twice"));
  BOOST_TEST(p.problems.size() == 10u);
}

BOOST_AUTO_TEST_CASE(problems_are_listed_in_line_order) {
  auto p = parse("[plugin]\nname = a\nverison = 1\nkind = x\nabi = 1\nbuild_tag = t\n");
  BOOST_TEST_INFO(p.all());
  BOOST_REQUIRE(p.problems.size() == 3u);
  BOOST_TEST(p.problems[0].find(":1: [plugin] has no 'version'") != std::string::npos);
  BOOST_TEST(p.problems[1].find(":3: unknown key 'verison'") != std::string::npos);
  BOOST_TEST(p.problems[2].find(":4: kind 'x'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unknown_key_is_reported_with_a_guess) {
  auto p = parse(good_plugin + "depends = inventory\nreqiures = x\n");
  BOOST_TEST_INFO(p.all());
  BOOST_TEST(!p.manifest);
  BOOST_TEST(p.has("libsales.so.manifest:12: unknown key 'depends' in [plugin]"));
  BOOST_TEST(p.has("libsales.so.manifest:13: unknown key 'reqiures' in [plugin] (did you mean 'requires'?)"));
}

BOOST_AUTO_TEST_CASE(a_trailing_comment_after_a_value_is_not_a_comment) {
  // The INI reader keeps "module ; or adapter" as the value, so kind is wrong.
  auto p = parse("[plugin]\nname = a\nversion = 1\nkind = module ; or adapter\nabi = 1\nbuild_tag = t\n");
  BOOST_TEST_INFO(p.all());
  BOOST_TEST(!p.manifest);
  BOOST_TEST(p.has(":4: kind 'module ; or adapter' is neither module nor adapter"));
}

BOOST_AUTO_TEST_CASE(ini_syntax_errors_are_reported_with_the_manifests_other_problems) {
  auto p = parse(good_plugin + "this is not ini\nname = again\n");
  BOOST_TEST_INFO(p.all());
  BOOST_TEST(!p.manifest);
  BOOST_TEST(p.has("libsales.so.manifest:12: 'this is not ini' is not 'key = value'"));
  BOOST_TEST(p.has("libsales.so.manifest:13: key 'name' is repeated in [plugin]"));
}

BOOST_AUTO_TEST_CASE(unknown_and_repeated_sections_are_reported) {
  auto p = parse(good_plugin + "[plugn]\n[plugin]\n[config.x]\ntype=int\nhelp=x\n[config.x]\ntype=int\nhelp=y\n");
  BOOST_TEST_INFO(p.all());
  BOOST_TEST(!p.manifest);
  BOOST_TEST(p.has(":12: unknown section [plugn] (did you mean 'plugin'?)"));
  BOOST_TEST(p.has(":13: section [plugin] is repeated (first at line 1)"));
  BOOST_TEST(p.has(":17: section [config.x] is repeated (first at line 14)"));
}

BOOST_AUTO_TEST_CASE(a_requirement_named_twice_is_refused) {
  auto p = parse("[plugin]\nname = a\nversion = 1\nkind = module\nabi = 1\nbuild_tag = t\nrequires = b >=1; b <2\n");
  BOOST_TEST_INFO(p.all());
  BOOST_TEST(p.has(":7: requires names 'b' twice"));
}

BOOST_AUTO_TEST_CASE(the_name_host_is_reserved_for_the_host_itself) {
  auto p = parse("[plugin]\nname = host\nversion = 1\nkind = module\nabi = 1\nbuild_tag = t\n");
  BOOST_TEST_INFO(p.all());
  BOOST_TEST(p.has(":2: name 'host' is reserved"));
}

BOOST_AUTO_TEST_CASE(an_abi_number_must_fit_32_bits_and_not_be_negative) {
  for (const char* abi : {"-1", "4294967296", "1.0", "+1"}) {
    auto p = parse("[plugin]\nname = a\nversion = 1\nkind = module\nabi = " + std::string(abi) + "\nbuild_tag = t\n");
    BOOST_TEST(p.has(":5: abi '" + std::string(abi) + "'"), abi);
  }
}

BOOST_AUTO_TEST_CASE(config_key_problems_are_reported_at_their_lines) {
  auto p = parse(good_plugin +
                 "[config.policy]\n"               // 12
                 "type = enum(a|b)\n"              // 13
                 "default = c\n"                   // 14
                 "hlep = typo\n"                   // 15
                 "[config.limit]\n"                // 16
                 "type = integer\n"                // 17
                 "help = x\n"                      // 18
                 "required = maybe\n"              // 19
                 "[config.Bad]\n"                  // 20
                 "type = int\n"                    // 21
                 "help = x\n"                      // 22
                 "[config.needed]\n"               // 23
                 "type = int\n"                    // 24
                 "required = true\n"               // 25
                 "default = 3\n"                   // 26
                 "help = x\n");                    // 27
  BOOST_TEST_INFO(p.all());
  BOOST_TEST(!p.manifest);
  const std::string f = "libsales.so.manifest:";
  BOOST_TEST(p.has(f + "12: [config.policy] has no 'help'"));
  BOOST_TEST(p.has(f + "14: default of config key 'policy': 'c' is not one of a, b"));
  BOOST_TEST(p.has(f + "15: unknown key 'hlep' in [config.policy] (did you mean 'help'?)"));
  BOOST_TEST(p.has(f + "17: type 'integer' of config key 'limit' is unknown"));
  BOOST_TEST(p.has(f + "19: required 'maybe' is not a boolean"));
  BOOST_TEST(p.has(f + "20: invalid section name 'config.Bad'"));  // the INI reader's own check
  BOOST_TEST(p.has(f + "26: config key 'needed' is required and has a default"));
}

BOOST_AUTO_TEST_CASE(a_config_section_needs_a_type) {
  auto p = parse(good_plugin + "[config.x]\nhelp = x\n");
  BOOST_TEST_INFO(p.all());
  BOOST_TEST(p.has(":12: [config.x] has no 'type'"));
}

BOOST_AUTO_TEST_CASE(read_manifest_reads_the_file_and_names_it_in_problems) {
  downstream::testing::TempDir dir;
  auto good = dir.write("libalpha.so.manifest",
                        "[plugin]\nname = alpha\nversion = 1.0.0\nkind = module\nabi = 1\nbuild_tag = t\n");
  std::vector<std::string> problems;
  auto m = read_manifest(good, problems);
  BOOST_REQUIRE(m);
  BOOST_TEST(m->file == good);
  BOOST_TEST(m->name == "alpha");

  auto bad = dir.write("libbad.so.manifest", "[plugin]\nname = bad\n");
  BOOST_TEST(!read_manifest(bad, problems));
  BOOST_TEST(problems.size() == 4u);
  BOOST_TEST(problems.front().rfind(bad.string() + ":1: ", 0) == 0);

  problems.clear();
  BOOST_TEST(!read_manifest(dir.path() / "missing.manifest", problems));
  BOOST_REQUIRE(problems.size() == 1u);
  BOOST_TEST(problems[0].find("missing.manifest: cannot read the manifest") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(problems_already_in_the_list_do_not_fail_a_good_manifest) {
  std::vector<std::string> problems = {"an earlier problem"};
  auto m = parse_manifest(good_plugin, "x.manifest", problems);
  BOOST_TEST(m.has_value());
  BOOST_TEST(problems.size() == 1u);
}
