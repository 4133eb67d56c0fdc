// Key types: how they are written, what values they accept, and the host's own keys.
#define BOOST_TEST_MODULE config_types
#include <boost/test/unit_test.hpp>

#include <set>

#include "config/config_key.h"

using namespace downstream::host;

namespace {

ConfigKey of_type(const std::string& type) {
  ConfigKey k;
  BOOST_TEST_REQUIRE(parse_key_type(type, k), type);
  return k;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_type_reads_back_as_it_is_written) {
  for (const char* t : {"string", "int", "bool", "list", "timestamp", "path", "enum(a|b-c|NORMAL)"})
    BOOST_TEST(key_type_name(of_type(t)) == t);
  BOOST_TEST(of_type("enum(a|b)").choices == (std::vector<std::string>{"a", "b"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_unknown_or_malformed_type_is_refused) {
  ConfigKey k;
  for (const char* t : {"integer", "", "enum()", "enum(a||b)", "enum(a|b", "Int"}) BOOST_TEST(!parse_key_type(t, k), t);
}

BOOST_AUTO_TEST_CASE(integers_take_an_optional_sign_and_must_fit_64_bits) {
  auto k = of_type("int");
  for (const char* ok : {"0", "8", "+8", "-8", "9223372036854775807", "-9223372036854775808"})
    BOOST_TEST(check_value(k, ok).empty(), ok);
  BOOST_TEST(check_value(k, "eight") == "'eight' is not an integer (write digits, such as 8)");
  for (const char* bad : {"", "+", "8.0", "1e3", " 8", "0x10"}) BOOST_TEST(!check_value(k, bad).empty(), bad);
  BOOST_TEST(check_value(k, "9223372036854775808").find("out of range") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(booleans_take_true_false_yes_no_on_off_1_0) {
  auto k = of_type("bool");
  for (const char* ok : {"true", "false", "yes", "no", "on", "off", "1", "0"}) BOOST_TEST(check_value(k, ok).empty(), ok);
  for (const char* bad : {"TRUE", "y", "2", ""}) BOOST_TEST(!check_value(k, bad).empty(), bad);
}

BOOST_AUTO_TEST_CASE(an_enumeration_takes_only_its_choices_and_names_them) {
  auto k = of_type("enum(debug|info)");
  BOOST_TEST(check_value(k, "info").empty());
  BOOST_TEST(check_value(k, "Info") == "'Info' is not one of debug, info");
}

BOOST_AUTO_TEST_CASE(timestamps_are_read_by_the_sdk_parser_and_empty_means_unset) {
  auto k = of_type("timestamp");
  BOOST_TEST(check_value(k, "2026-01-15T09:00:00Z").empty());
  BOOST_TEST(check_value(k, "2026-01-15T09:00:00+02:00").empty());
  BOOST_TEST(check_value(k, "").empty());
  BOOST_TEST(check_value(k, "yesterday").find("is not a timestamp") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(strings_lists_and_paths_take_any_text) {
  for (const char* t : {"string", "list", "path"}) BOOST_TEST(check_value(of_type(t), " a, b ;c").empty(), t);
}

BOOST_AUTO_TEST_CASE(every_host_key_is_unique_has_help_and_a_default_of_its_own_type) {
  std::set<std::string> seen;
  for (const auto& k : host_config_keys()) {
    const std::string name = k.section + "." + k.name;
    BOOST_TEST(seen.insert(name).second, name);
    BOOST_TEST(!k.help.empty(), name);
    BOOST_TEST(k.declared_by == "host", name);
    if (k.default_value) BOOST_TEST(check_value(k, *k.default_value).empty(), name);
  }
  for (const char* expected : {"host.plugin_dir", "host.clock", "database.url", "database.pool_size",
                               "database.busy_timeout_ms", "database.max_attempts", "database.sqlite_synchronous",
                               "security.require_signed_plugins", "security.trusted_keys", "http.listen",
                               "http.threads", "http.queue", "http.max_body_bytes", "http.tls_cert", "http.tls_key",
                               "http.idempotency_hours", "log.level", "ports.database"})
    BOOST_TEST(seen.count(expected) == 1u, expected);
}

BOOST_AUTO_TEST_CASE(the_host_keys_have_the_documented_types_and_defaults) {
  auto find = [](const std::string& section, const std::string& name) {
    for (const auto& k : host_config_keys())
      if (k.section == section && k.name == name) return k;
    BOOST_FAIL("no host key " + section + "." + name);
    return ConfigKey{};
  };
  BOOST_TEST(find("database", "url").default_value.value_or("") == "sqlite3:var/downstream.db");
  BOOST_TEST(key_type_name(find("database", "sqlite_synchronous")) == "enum(NORMAL|FULL)");
  BOOST_TEST(key_type_name(find("log", "level")) == "enum(debug|info|warning|error)");
  BOOST_TEST(key_type_name(find("host", "clock")) == "timestamp");
  BOOST_TEST(find("host", "clock").help.find("test only") == 0u);
  BOOST_TEST(find("security", "require_signed_plugins").default_value.value_or("") == "true");
  BOOST_TEST(find("http", "max_body_bytes").default_value.value_or("") == "1048576");
  BOOST_TEST(find("ports", "database").default_value.value_or("") == "soci");
}
