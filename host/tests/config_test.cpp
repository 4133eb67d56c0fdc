// The layered configuration: loading the layers, validating against declared
// keys, the reference for `config docs`, and the view a plugin reads.
#define BOOST_TEST_MODULE config
#include <boost/test/unit_test.hpp>

#include <downstream/testing/build_paths.h>
#include <downstream/testing/temp_dir.h>

#include "config/config_store.h"
#include "config/config_view.h"

using namespace downstream::host;
using downstream::testing::TempDir;

namespace {

std::string all(const ConfigProblems& problems) {
  std::string out;
  for (const auto& p : problems) out += p.to_string() + "\n";
  return out;
}

bool reported(const ConfigProblems& problems, const std::string& where, const std::string& fragment) {
  for (const auto& p : problems)
    if (p.where == where && p.message.find(fragment) != std::string::npos) return true;
  return false;
}

ConfigKey key(std::string section, std::string name, std::string type, std::optional<std::string> default_value,
              std::string declared_by, bool required = false) {
  ConfigKey k;
  k.section = std::move(section);
  k.name = std::move(name);
  BOOST_TEST_REQUIRE(parse_key_type(type, k));
  k.default_value = std::move(default_value);
  k.required = required;
  k.help = "help for " + k.name;
  k.declared_by = std::move(declared_by);
  return k;
}

// The host's keys plus a plugin "sales" with its `enabled` key, as the runtime declares them.
std::vector<ConfigKey> declared(bool api_key_required = false) {
  auto keys = host_config_keys();
  keys.push_back(key("sales", "enabled", "bool", "true", "sales"));
  keys.push_back(key("sales", "allocation_policy", "enum(single_site|priority)", "single_site", "sales"));
  keys.push_back(key("sales", "api_key", "string", std::nullopt, "sales", api_key_required));
  return keys;
}

struct Loaded {
  ConfigStore store;
  ConfigProblems problems;
};

Loaded load(const TempDir& dir, std::map<std::string, std::string> env = {},
            std::vector<std::pair<std::string, std::string>> defines = {}) {
  Loaded out;
  out.store = ConfigStore::load({dir.path(), std::move(env), std::move(defines)}, out.problems);
  return out;
}

std::string at(const TempDir& dir, const std::string& relative, int line) {
  return (dir.path() / relative).string() + ":" + std::to_string(line);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_missing_downstream_ini_is_reported_with_its_path) {
  TempDir dir;
  auto l = load(dir);
  BOOST_TEST_INFO(all(l.problems));
  BOOST_TEST_REQUIRE(l.problems.size() == 1u);
  BOOST_TEST(l.problems[0].where == (dir.path() / "downstream.ini").string());
  BOOST_TEST(l.problems[0].message.find("not found") == 0u);
}

BOOST_AUTO_TEST_CASE(a_value_remembers_the_file_and_line_it_was_set_at) {
  TempDir dir;
  dir.write("downstream.ini", "; comment\n[http]\nlisten = 0.0.0.0:9000\n");
  auto l = load(dir);
  BOOST_TEST(l.problems.empty());
  auto v = l.store.get("http", "listen");
  BOOST_TEST_REQUIRE(v.has_value());
  BOOST_TEST(v->value == "0.0.0.0:9000");
  BOOST_TEST(v->origin == at(dir, "downstream.ini", 3));
  BOOST_TEST(!l.store.get("http", "threads").has_value());
  BOOST_TEST(l.store.config_dir() == dir.path());
}

BOOST_AUTO_TEST_CASE(layers_apply_in_order_file_then_modules_d_then_environment_then_defines) {
  TempDir dir;
  dir.write("downstream.ini", "[http]\nlisten = file\nthreads = 1\nqueue = 1\nmax_body_bytes = 1\n");
  dir.write("modules.d/http.ini", "[http]\nthreads = 2\nqueue = 2\nmax_body_bytes = 2\n");
  auto l = load(dir, {{"DOWNSTREAM_HTTP__QUEUE", "3"}, {"DOWNSTREAM_HTTP__MAX_BODY_BYTES", "3"}},
                {{"http.max_body_bytes", "4"}});
  BOOST_TEST_INFO(all(l.problems));
  BOOST_TEST(l.problems.empty());
  auto get = [&](const char* k) { return *l.store.get("http", k); };
  BOOST_TEST(get("listen").value == "file");
  BOOST_TEST(get("listen").origin == at(dir, "downstream.ini", 2));
  BOOST_TEST(get("threads").value == "2");
  BOOST_TEST(get("threads").origin == at(dir, "modules.d/http.ini", 2));
  BOOST_TEST(get("queue").value == "3");
  BOOST_TEST(get("queue").origin == "env DOWNSTREAM_HTTP__QUEUE");
  BOOST_TEST(get("max_body_bytes").value == "4");
  BOOST_TEST(get("max_body_bytes").origin == "-D http.max_body_bytes");
}

BOOST_AUTO_TEST_CASE(modules_d_files_are_read_in_name_order_and_other_files_are_ignored) {
  TempDir dir;
  dir.write("downstream.ini", "");
  dir.write("modules.d/20-b.ini", "[log]\nlevel = error\n");
  dir.write("modules.d/10-a.ini", "[log]\nlevel = debug\n");
  dir.write("modules.d/README", "not ini = at all\n[\n");
  auto l = load(dir);
  BOOST_TEST_INFO(all(l.problems));
  BOOST_TEST(l.problems.empty());
  BOOST_TEST(l.store.get("log", "level")->value == "error");
  BOOST_TEST(l.store.get("log", "level")->origin == at(dir, "modules.d/20-b.ini", 2));
}

BOOST_AUTO_TEST_CASE(a_relative_config_folder_gives_relative_origins) {
  TempDir dir;
  dir.write("conf/downstream.ini", "[log]\nlevel = debug\n");
  auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  ConfigProblems problems;
  auto store = ConfigStore::load({"conf", {}, {}}, problems);
  std::filesystem::current_path(previous);
  BOOST_TEST(problems.empty());
  BOOST_TEST(store.get("log", "level")->origin == "conf/downstream.ini:2");
}

BOOST_AUTO_TEST_CASE(environment_variables_map_to_lower_case_section_and_key_at_the_double_underscore) {
  TempDir dir;
  dir.write("downstream.ini", "");
  auto l = load(dir, {{"DOWNSTREAM_HTTP__LISTEN", "0.0.0.0:1"},
                      {"DOWNSTREAM_CUSTOMER_SERVICE__SLA_HOURS", "4"},
                      {"DOWNSTREAM_TEST_PG", "host=/tmp"},  // no "__": not a setting
                      {"HOME", "/root"},
                      {"XDOWNSTREAM_LOG__LEVEL", "debug"}});
  BOOST_TEST_INFO(all(l.problems));
  BOOST_TEST(l.problems.empty());
  BOOST_TEST(l.store.get("http", "listen")->value == "0.0.0.0:1");
  BOOST_TEST(l.store.get("customer_service", "sla_hours")->origin == "env DOWNSTREAM_CUSTOMER_SERVICE__SLA_HOURS");
  BOOST_TEST(l.store.sections() == (std::vector<std::string>{"customer_service", "http"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_malformed_config_environment_variable_is_reported_by_name) {
  TempDir dir;
  dir.write("downstream.ini", "");
  auto l = load(dir, {{"DOWNSTREAM___LISTEN", "x"}, {"DOWNSTREAM_HTTP__", "y"}});
  BOOST_TEST_INFO(all(l.problems));
  BOOST_TEST(reported(l.problems, "env DOWNSTREAM___LISTEN", "expected DOWNSTREAM_<SECTION>__<KEY>"));
  BOOST_TEST(reported(l.problems, "env DOWNSTREAM_HTTP__", "expected DOWNSTREAM_<SECTION>__<KEY>"));
}

BOOST_AUTO_TEST_CASE(a_define_without_a_dot_is_reported_and_later_defines_win) {
  TempDir dir;
  dir.write("downstream.ini", "");
  auto l = load(dir, {}, {{"foo", "1"}, {"log.level", "debug"}, {"log.level", "error"}});
  BOOST_TEST_INFO(all(l.problems));
  BOOST_TEST_REQUIRE(l.problems.size() == 1u);
  BOOST_TEST(l.problems[0].to_string().find("-D foo: expected section.key=value") == 0u);
  BOOST_TEST(l.store.get("log", "level")->value == "error");
}

BOOST_AUTO_TEST_CASE(a_key_set_twice_in_one_file_under_a_repeated_section_is_reported) {
  TempDir dir;
  dir.write("downstream.ini", "[http]\nthreads = 2\n[log]\nlevel = info\n[http]\nthreads = 3\n");
  auto l = load(dir);
  BOOST_TEST_INFO(all(l.problems));
  BOOST_TEST(reported(l.problems, at(dir, "downstream.ini", 6), "already set at line 2"));
}

BOOST_AUTO_TEST_CASE(sites_d_files_are_kept_as_documents_with_their_lines_and_not_merged) {
  TempDir dir;
  dir.write("downstream.ini", "");
  dir.write("sites.d/b-store.ini", "[site]\ncode = STORE1\n");
  dir.write("sites.d/a-warehouse.ini", "; main warehouse\n[site]\ncode = WH1\n\n[location]\ncode = A-01\n");
  dir.write("sites.d/broken.ini", "[site]\ncode\n");
  auto l = load(dir);
  BOOST_TEST_INFO(all(l.problems));
  BOOST_TEST_REQUIRE(l.problems.size() == 1u);
  BOOST_TEST(l.problems[0].where == at(dir, "sites.d/broken.ini", 2));
  const auto& sites = l.store.site_documents();
  BOOST_TEST_REQUIRE(sites.size() == 3u);
  BOOST_TEST(sites[0].file == dir.path() / "sites.d" / "a-warehouse.ini");
  BOOST_TEST(sites[0].sections.at(1).name == "location");
  BOOST_TEST(sites[0].sections.at(1).entries.at(0).value == "A-01");
  BOOST_TEST(sites[0].sections.at(1).entries.at(0).line == 6);
  BOOST_TEST(!l.store.get("site", "code").has_value());
  BOOST_TEST(l.store.sections().empty());
}

// The host's own file; modules.d/ holds plugin sections, which tests/config_cli_test.cpp
// validates with the plugins' declared keys through `downstream config check`.
BOOST_AUTO_TEST_CASE(the_default_downstream_ini_validates_against_the_host_keys) {
  TempDir dir;
  dir.write("downstream.ini", downstream::testing::read_file(downstream::testing::source_dir() / "config" / "downstream.ini"));
  auto l = Loaded{};
  l.store = ConfigStore::load({dir.path(), {}, {}}, l.problems);
  auto more = validate_config(l.store, host_config_keys());
  l.problems.insert(l.problems.end(), more.begin(), more.end());
  BOOST_TEST_INFO(all(l.problems));
  BOOST_TEST(l.problems.empty());
  BOOST_TEST(l.store.get("database", "url")->value == "sqlite3:var/downstream.db");
  BOOST_TEST(l.store.get("security", "require_signed_plugins")->value == "true");
}

BOOST_AUTO_TEST_CASE(an_unknown_key_is_reported_with_its_file_and_line_and_a_guess) {
  TempDir dir;
  dir.write("downstream.ini", "[http]\nlisten = x\nthreds = 3\nzzz = 1\n");
  auto l = load(dir);
  auto problems = validate_config(l.store, declared());
  BOOST_TEST_INFO(all(problems));
  BOOST_TEST_REQUIRE(problems.size() == 2u);
  BOOST_TEST(problems[0].where == at(dir, "downstream.ini", 3));
  BOOST_TEST(problems[0].message == "unknown key 'threds' in [http] (did you mean 'threads'?)");
  BOOST_TEST(problems[1].where == at(dir, "downstream.ini", 4));
  BOOST_TEST(problems[1].message.find("unknown key 'zzz' in [http]: ") == 0u);
}

BOOST_AUTO_TEST_CASE(an_unknown_section_is_reported_at_its_header_with_a_guess) {
  TempDir dir;
  dir.write("downstream.ini", "[log]\nlevel = info\n[htpp]\nlisten = x\nthreads = 2\n[nothing-like-it]\n");
  auto l = load(dir, {{"DOWNSTREAM_SALSE__ENABLED", "false"}});
  auto problems = validate_config(l.store, declared());
  BOOST_TEST_INFO(all(problems));
  BOOST_TEST_REQUIRE(problems.size() == 3u);  // once per place, not once per key
  BOOST_TEST(problems[0].where == at(dir, "downstream.ini", 3));
  BOOST_TEST(problems[0].message == "unknown section [htpp] (did you mean [http]?)");
  BOOST_TEST(problems[1].where == at(dir, "downstream.ini", 6));
  BOOST_TEST(problems[1].message.find("unknown section [nothing-like-it]: ") == 0u);
  BOOST_TEST(problems[2].where == "env DOWNSTREAM_SALSE__ENABLED");
  BOOST_TEST(problems[2].message == "unknown section [salse] (did you mean [sales]?)");
}

BOOST_AUTO_TEST_CASE(a_wrong_type_is_reported_with_the_value_and_where_it_was_set) {
  TempDir dir;
  dir.write("downstream.ini", "[http]\nthreads = eight\n[log]\nlevel = loud\n[security]\nrequire_signed_plugins = maybe\n");
  auto l = load(dir, {{"DOWNSTREAM_HTTP__QUEUE", "many"}}, {{"host.clock", "soon"}});
  auto problems = validate_config(l.store, declared());
  BOOST_TEST_INFO(all(problems));
  BOOST_TEST(reported(problems, at(dir, "downstream.ini", 2), "http.threads = 'eight' is not an integer"));
  BOOST_TEST(reported(problems, at(dir, "downstream.ini", 4), "log.level = 'loud' is not one of debug, info, warning, error"));
  BOOST_TEST(reported(problems, at(dir, "downstream.ini", 6), "security.require_signed_plugins = 'maybe' is not a boolean"));
  BOOST_TEST(reported(problems, "env DOWNSTREAM_HTTP__QUEUE", "http.queue = 'many' is not an integer"));
  BOOST_TEST(reported(problems, "-D host.clock", "host.clock = 'soon' is not a timestamp"));
  BOOST_TEST(problems.size() == 5u);
}

BOOST_AUTO_TEST_CASE(a_missing_required_key_is_reported_at_its_section_or_as_config) {
  TempDir dir;
  dir.write("downstream.ini", "[log]\nlevel = info\n");
  auto none = validate_config(load(dir).store, declared(true));
  BOOST_TEST_INFO(all(none));
  BOOST_TEST(reported(none, "config", "missing required key sales.api_key"));

  dir.write("modules.d/sales.ini", "\n[sales]\nallocation_policy = priority\n");
  auto in_file = validate_config(load(dir).store, declared(true));
  BOOST_TEST_INFO(all(in_file));
  BOOST_TEST_REQUIRE(in_file.size() == 1u);
  BOOST_TEST(in_file[0].where == at(dir, "modules.d/sales.ini", 2));
  BOOST_TEST(in_file[0].message.find("add 'api_key = ...' under [sales]") != std::string::npos);

  auto given = validate_config(load(dir, {{"DOWNSTREAM_SALES__API_KEY", "k"}}).store, declared(true));
  BOOST_TEST(given.empty());
}

BOOST_AUTO_TEST_CASE(a_switched_off_plugin_needs_none_of_its_required_keys) {
  TempDir dir;
  dir.write("downstream.ini", "[sales]\nenabled = false\n");
  auto problems = validate_config(load(dir).store, declared(true));
  BOOST_TEST_INFO(all(problems));
  BOOST_TEST(problems.empty());
}

BOOST_AUTO_TEST_CASE(a_plugin_section_accepts_its_declared_enabled_key) {
  TempDir dir;
  dir.write("downstream.ini", "[sales]\nenabled = no\napi_key = k\n");
  auto problems = validate_config(load(dir).store, declared());
  BOOST_TEST_INFO(all(problems));
  BOOST_TEST(problems.empty());
}

BOOST_AUTO_TEST_CASE(a_declared_default_of_the_wrong_type_is_blamed_on_the_plugin) {
  TempDir dir;
  dir.write("downstream.ini", "");
  auto keys = declared();
  keys.push_back(key("sales", "batch", "int", "ten", "sales"));
  auto problems = validate_config(load(dir).store, keys);
  BOOST_TEST(reported(problems, "plugin sales", "the declared default of sales.batch 'ten' is not an integer"));
}

BOOST_AUTO_TEST_CASE(every_problem_from_every_layer_is_reported_at_once_in_reading_order) {
  TempDir dir;
  dir.write("downstream.ini",
            "[database]\n"
            "url = sqlite3:x.db\n"
            "pool_size = four\n"
            "[htpp]\n"
            "listen = 127.0.0.1:1\n"
            "this line has no equals sign\n");
  dir.write("modules.d/extra.ini", "[http]\nthreads = 2\nthreds = 3\n");
  auto l = load(dir, {{"DOWNSTREAM_LOG__LEVEL", "chatty"}}, {{"nodot", "1"}});
  auto problems = l.problems;
  auto more = validate_config(l.store, declared(true));
  problems.insert(problems.end(), more.begin(), more.end());
  BOOST_TEST_INFO(all(problems));
  BOOST_TEST(reported(problems, at(dir, "downstream.ini", 6), "is not 'key = value'"));
  BOOST_TEST(reported(problems, "-D nodot", "expected section.key=value"));
  BOOST_TEST(reported(problems, at(dir, "downstream.ini", 3), "database.pool_size = 'four' is not an integer"));
  BOOST_TEST(reported(problems, at(dir, "downstream.ini", 4), "unknown section [htpp]"));
  BOOST_TEST(reported(problems, at(dir, "modules.d/extra.ini", 3), "did you mean 'threads'?"));
  BOOST_TEST(reported(problems, "env DOWNSTREAM_LOG__LEVEL", "'chatty' is not one of"));
  BOOST_TEST(reported(problems, "config", "missing required key sales.api_key"));
  BOOST_TEST(problems.size() == 7u);
  // Validation problems come in the order an admin reads the files.
  BOOST_TEST(more.at(0).where == at(dir, "downstream.ini", 3));
  BOOST_TEST(more.at(1).where == at(dir, "downstream.ini", 4));
  BOOST_TEST(more.back().where == "config");
}

BOOST_AUTO_TEST_CASE(the_reference_lists_every_key_with_default_type_and_help_grouped_by_section) {
  auto text = config_reference(declared(true));
  BOOST_TEST_INFO(text);
  BOOST_TEST(text.find("[database]\n  url = sqlite3:var/downstream.db   (string)\n"
                       "      Where the data lives") != std::string::npos);
  BOOST_TEST(text.find("  tls_cert   (path, optional)\n") != std::string::npos);
  BOOST_TEST(text.find("  plugin_dir = \"\"   (path)\n") != std::string::npos);
  BOOST_TEST(text.find("[sales]   (plugin)\n  enabled = true   (bool)\n") != std::string::npos);
  BOOST_TEST(text.find("  api_key   (string, required)\n      help for api_key\n") != std::string::npos);
  BOOST_TEST(text.find("enum(single_site|priority)") != std::string::npos);
  // Host sections in their declared order, then plugin sections.
  BOOST_TEST(text.find("[host]") < text.find("[database]"));
  BOOST_TEST(text.find("[database]") < text.find("[security]"));
  BOOST_TEST(text.find("[ports]") < text.find("[sales]"));
  BOOST_TEST(config_reference(declared(true)) == text);
}

BOOST_AUTO_TEST_CASE(plugin_sections_in_the_reference_are_sorted_by_name) {
  std::vector<ConfigKey> keys{key("zeta", "enabled", "bool", "true", "zeta"), key("alpha", "enabled", "bool", "true", "alpha")};
  auto text = config_reference(keys);
  BOOST_TEST(text.find("[alpha]") < text.find("[zeta]"));
}

BOOST_AUTO_TEST_CASE(a_view_gives_the_layered_value_or_the_default_and_says_where_it_came_from) {
  TempDir dir;
  dir.write("downstream.ini", "[sales]\nallocation_policy = priority\n");
  auto l = load(dir, {{"DOWNSTREAM_SALES__API_KEY", "secret"}});
  std::vector<ConfigKey> sales;
  for (const auto& k : declared())
    if (k.section == "sales") sales.push_back(k);
  ConfigView view(l.store, "sales", sales);
  BOOST_TEST(view.name() == "sales");
  BOOST_TEST(view.raw("allocation_policy").value_or("") == "priority");
  BOOST_TEST(view.origin("allocation_policy") == at(dir, "downstream.ini", 2));
  BOOST_TEST(view.get_string("api_key") == "secret");
  BOOST_TEST(view.origin("api_key") == "env DOWNSTREAM_SALES__API_KEY");
  BOOST_TEST(view.get_bool("enabled") == true);
  BOOST_TEST(view.origin("enabled") == "default");
  BOOST_TEST(!view.raw("nothing").has_value());
}
