// HTTPS: with http.tls_cert and http.tls_key the API speaks TLS 1.2 and newer only.
#define BOOST_TEST_MODULE api_tls
#include <boost/test/unit_test.hpp>

#include "api_installation.h"

using namespace downstream::testing;

namespace {

// A self-signed certificate for localhost and 127.0.0.1, made by the openssl CLI.
struct Certificate {
  std::string cert, key;
  explicit Certificate(const TempDir& dir) {
    cert = (dir.path() / "cert.pem").string();
    key = (dir.path() / "key.pem").string();
    auto r = run_command("/usr/bin/openssl",
                         {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-keyout", key, "-out", cert, "-days", "30", "-subj", "/CN=localhost", "-addext",
                          "subjectAltName=DNS:localhost,IP:127.0.0.1"});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(https_serves_the_api_to_a_client_that_trusts_the_certificate) {
  ApiInstallation inst;
  Certificate tls(inst.dir());
  auto key = inst.create_key("erp", "viewer");
  auto host = inst.serve({"http.tls_cert=" + tls.cert, "http.tls_key=" + tls.key});
  BOOST_TEST(host->output().find("listening on https://") != std::string::npos);
  HttpClient https(host->address(), {.tls = true, .ca_file = tls.cert});
  BOOST_TEST(https.get("/healthz").status == 200);
  BOOST_TEST(https.get("/api/v1/probe/notes", with_key(key)).status == 200);
  BOOST_TEST(https.get("/api/v1/probe/notes").status == 401);
}

BOOST_AUTO_TEST_CASE(a_client_offering_only_tls_1_1_is_refused_while_tls_1_2_is_accepted) {
  ApiInstallation inst;
  Certificate tls(inst.dir());
  auto host = inst.serve({"http.tls_cert=" + tls.cert, "http.tls_key=" + tls.key});
  HttpClient tls12(host->address(), {.tls = true, .ca_file = tls.cert, .tls_version = "1.2"});
  BOOST_TEST(tls12.get("/healthz").status == 200);
  HttpClient tls11(host->address(), {.tls = true, .ca_file = tls.cert, .tls_version = "1.1"});
  BOOST_CHECK_THROW(tls11.get("/healthz"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(plain_http_to_the_https_port_gets_no_answer_and_the_server_keeps_serving) {
  ApiInstallation inst;
  Certificate tls(inst.dir());
  auto host = inst.serve({"http.tls_cert=" + tls.cert, "http.tls_key=" + tls.key});
  HttpClient plain(host->address(), {.timeout_seconds = 5});
  BOOST_CHECK_THROW(plain.get("/healthz"), std::runtime_error);
  HttpClient https(host->address(), {.tls = true, .ca_file = tls.cert});
  BOOST_TEST(https.get("/healthz").status == 200);
}

BOOST_AUTO_TEST_CASE(a_certificate_without_its_key_stops_the_start_with_a_message_naming_both_settings) {
  ApiInstallation inst;
  Certificate tls(inst.dir());
  auto r = inst.cli({"-D", "http.tls_cert=" + tls.cert, "serve"});
  BOOST_TEST(r.exit_code != 0);
  BOOST_TEST(r.err.find("http.tls_cert") != std::string::npos, r.all());
  BOOST_TEST(r.err.find("http.tls_key") != std::string::npos);
}
