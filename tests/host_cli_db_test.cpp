// The real `downstream` binary, end to end, on SQLite and PostgreSQL:
// migrations through the CLI, and `serve` answering /healthz and stopping cleanly.
#define BOOST_TEST_MODULE host_cli
#include <boost/test/unit_test.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <downstream/testing/build_paths.h>
#include <downstream/testing/host_process.h>
#include <downstream/testing/run_command.h>
#include <downstream/testing/temp_dir.h>
#include <downstream/testing/test_database.h>

using namespace downstream::testing;

namespace {

struct Installation {
  TestDatabase db;
  TempDir config;
  Installation() { config.write("downstream.ini", "[log]\nlevel = warning\n"); }
  std::vector<std::string> args(std::vector<std::string> command) const {
    std::vector<std::string> a = {"--config", config.path().string(), "-D", "database.url=" + db.url(),
                                  "-D", "http.listen=127.0.0.1:0",
                                  "-D", "security.key_secret_file=" + (config.path() / "key-secret").string()};
    a.insert(a.end(), command.begin(), command.end());
    return a;
  }
  CommandResult run(std::vector<std::string> command) const { return run_command(downstream_binary(), args(command)); }
};

struct HttpAnswer {
  int status;
  std::string content_type;
  std::string body;
};

HttpAnswer get(int port, const std::string& path) {
  Poco::Net::HTTPClientSession s("127.0.0.1", static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest rq("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
  s.sendRequest(rq);
  Poco::Net::HTTPResponse rs;
  std::string body;
  Poco::StreamCopier::copyToString(s.receiveResponse(rs), body);
  return {static_cast<int>(rs.getStatus()), rs.getContentType(), body};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(migrate)

BOOST_AUTO_TEST_CASE(plan_lists_pending_migrations_and_applies_none_of_them) {
  Installation inst;
  auto plan = inst.run({"migrate", "--plan"});
  BOOST_TEST_INFO(plan.all());
  BOOST_TEST(plan.exit_code == 0);
  BOOST_TEST(plan.out.find("would apply host/0001_outbox") != std::string::npos);
  auto again = inst.run({"migrate", "--plan"});
  BOOST_TEST(again.out.find("would apply host/0001_outbox") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(migrate_applies_each_migration_once_and_then_has_nothing_to_do) {
  Installation inst;
  auto first = inst.run({"migrate"});
  BOOST_TEST_INFO(first.all());
  BOOST_TEST(first.exit_code == 0);
  BOOST_TEST(first.out.find("applied host/0001_outbox") != std::string::npos);
  auto second = inst.run({"migrate"});
  BOOST_TEST_INFO(second.all());
  BOOST_TEST(second.exit_code == 0);
  BOOST_TEST(second.out.find("nothing to apply") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_database_migrated_by_a_newer_version_stops_the_start_naming_the_migration) {
  Installation inst;
  BOOST_REQUIRE(inst.run({"migrate"}).exit_code == 0);
  inst.db.exec_raw(
      "INSERT INTO downstream_migrations (owner, number, file_name, checksum, applied_at) "
      "VALUES ('host', 99, '0099_from_the_future.sql', 'x', '2030-01-01T00:00:00Z')");
  auto r = inst.run({"migrate"});
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.exit_code != 0);
  BOOST_TEST(r.err.find("0099_from_the_future.sql") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(serve)

BOOST_AUTO_TEST_CASE(serve_answers_healthz_with_database_and_plugin_states_and_stops_on_sigterm) {
  Installation inst;
  HostProcess host(inst.args({"serve"}));
  auto health = get(host.port(), "/healthz");
  BOOST_TEST_INFO(health.body << "\n" << host.output());
  BOOST_TEST(health.status == 200);
  BOOST_TEST(health.content_type == "application/json");
  BOOST_TEST(health.body.find("\"status\":\"ok\"") != std::string::npos);
  BOOST_TEST(health.body.find("{\"name\":\"soci\",\"version\":\"1.0.0\",\"state\":\"started\"}") != std::string::npos);
  BOOST_TEST(host.stop() == 0);
}

BOOST_AUTO_TEST_CASE(an_unknown_path_is_a_404_problem_response) {
  Installation inst;
  HostProcess host(inst.args({"serve"}));
  auto r = get(host.port(), "/nowhere");
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.content_type == "application/problem+json");
  BOOST_TEST(r.body.find("\"status\":404") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(serve_applies_pending_migrations_before_it_listens) {
  Installation inst;
  {
    HostProcess host(inst.args({"serve"}));
    BOOST_TEST(host.stop() == 0);
  }
  auto r = inst.run({"migrate", "--plan"});
  BOOST_TEST_INFO(r.all());
  BOOST_TEST(r.out.find("nothing to apply") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
