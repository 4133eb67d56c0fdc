// `downstream config check` and `config docs`, through the real binary.
#define BOOST_TEST_MODULE config_cli
#include <boost/test/unit_test.hpp>

#include <downstream/testing/build_paths.h>
#include <downstream/testing/run_command.h>
#include <downstream/testing/temp_dir.h>

using namespace downstream::testing;

BOOST_AUTO_TEST_CASE(config_check_reports_every_problem_with_file_and_line_and_exits_non_zero) {
  TempDir dir;
  dir.write("downstream.ini",
            "[database]\n"
            "url = sqlite3:x.db\n"
            "pool_size = four\n"
            "[htpp]\n"
            "listen = 127.0.0.1:1\n"
            "this line has no equals sign\n");
  dir.write("modules.d/extra.ini", "[http]\nthreads = 2\nthreds = 3\n");
  auto r = run_command(downstream_binary(), {"--config", dir.path().string(), "config", "check"});
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.exit_code == 1);
  auto ini = (dir.path() / "downstream.ini").string();
  auto extra = (dir.path() / "modules.d" / "extra.ini").string();
  BOOST_TEST(r.err.find(ini + ":3") != std::string::npos);  // pool_size is not an integer
  // unknown section [htpp], at its header or its key
  BOOST_TEST((r.err.find(ini + ":4") != std::string::npos || r.err.find(ini + ":5") != std::string::npos));
  BOOST_TEST(r.err.find("htpp") != std::string::npos);
  BOOST_TEST(r.err.find(ini + ":6") != std::string::npos);  // malformed line
  BOOST_TEST(r.err.find(extra + ":3") != std::string::npos);  // unknown key threds
  BOOST_TEST(r.err.find("threads") != std::string::npos);     // did you mean
}

BOOST_AUTO_TEST_CASE(config_check_accepts_the_default_configuration) {
  auto r = run_command(downstream_binary(), {"--config", (source_dir() / "config").string(), "config", "check"});
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.exit_code == 0);
}

BOOST_AUTO_TEST_CASE(an_environment_variable_with_a_wrong_type_is_reported_by_name) {
  TempDir dir;
  dir.write("downstream.ini", "[log]\nlevel = info\n");
  auto r = run_command(downstream_binary(), {"--config", dir.path().string(), "config", "check"},
                       {{"DOWNSTREAM_HTTP__THREADS", "many"}});
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err.find("DOWNSTREAM_HTTP__THREADS") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(config_docs_lists_host_and_plugin_keys_with_defaults_and_help) {
  auto r = run_command(downstream_binary(), {"--config", (source_dir() / "config").string(), "config", "docs"});
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.find("[database]") != std::string::npos);
  BOOST_TEST(r.out.find("sqlite3:var/downstream.db") != std::string::npos);
  BOOST_TEST(r.out.find("[soci]") != std::string::npos);  // every plugin section, with its `enabled` key
  BOOST_TEST(r.out.find("require_signed_plugins") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(config_get_prints_the_effective_value_after_every_layer_or_the_default) {
  TempDir dir;
  dir.write("downstream.ini", "[http]\nlisten = 127.0.0.1:9000\n");
  auto from_file = run_command(downstream_binary(), {"--config", dir.path().string(), "config", "get", "http.listen"});
  BOOST_TEST(from_file.exit_code == 0, from_file.all());
  BOOST_TEST(from_file.out == "127.0.0.1:9000\n");
  auto overridden = run_command(downstream_binary(), {"--config", dir.path().string(), "-D", "http.listen=0.0.0.0:1",
                                                      "config", "get", "http.listen"});
  BOOST_TEST(overridden.out == "0.0.0.0:1\n");
  auto by_default = run_command(downstream_binary(), {"--config", dir.path().string(), "config", "get", "http.threads"});
  BOOST_TEST(by_default.out == "8\n");
  auto unknown = run_command(downstream_binary(), {"--config", dir.path().string(), "config", "get", "http.thread"});
  BOOST_TEST(unknown.exit_code != 0);
}
