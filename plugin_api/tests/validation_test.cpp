#define BOOST_TEST_MODULE sdk_validation
#include <boost/test/unit_test.hpp>

#include <downstream/json.h>
#include <downstream/problem.h>
#include <downstream/validation.h>

#include <ostream>
#include <string>
#include <vector>

using namespace downstream;

namespace downstream::http {
// For Boost.Test's failure messages.
std::ostream& operator<<(std::ostream& os, const FieldError& e) { return os << e.field << ": " << e.message; }
}  // namespace downstream::http
using http::FieldError;
using http::Problem;
using http::RequestReader;

namespace {
RequestReader reader(std::string_view body) { return RequestReader(http::parse_body(body)); }

// The problem `f` throws; fails the test when it throws none.
template <class F>
Problem problem_from(F&& f) {
  try {
    f();
  } catch (const Problem& p) {
    return p;
  }
  BOOST_FAIL("no Problem was thrown");
  throw;  // unreachable; BOOST_FAIL throws
}
}  // namespace

BOOST_AUTO_TEST_SUITE(request_bodies)

BOOST_AUTO_TEST_CASE(malformed_json_is_a_400_naming_line_and_column) {
  auto p = problem_from([] { http::parse_body("{\n  \"sku\": \"A-1\",\n}"); });
  BOOST_TEST(p.status() == 400);
  BOOST_TEST(p.type() == "https://downstream.dev/problems/malformed-request");
  BOOST_TEST(p.detail().find("line 3, column 1") != std::string::npos);
  BOOST_TEST(problem_from([] { http::parse_body("  "); }).status() == 400);
}

BOOST_AUTO_TEST_CASE(json_that_is_not_an_object_is_a_422) {
  for (const char* body : {"[]", "\"text\"", "12", "null"}) {
    auto p = problem_from([&] { http::parse_body(body); });
    BOOST_TEST(p.status() == 422);
    BOOST_TEST(p.type() == "https://downstream.dev/problems/unprocessable");
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(request_reader)

BOOST_AUTO_TEST_CASE(reads_a_valid_order_into_domain_values) {
  auto r = reader(R"({"customer":"C-7","channel":"web","currency":"EUR","note":null,"priority":3,
                      "lines":[{"sku":"A-1","quantity":"12.5","price":"4.99"},{"sku":"B-2","quantity":2,"price":0}]})");
  BOOST_TEST(r.required_string("customer") == "C-7");
  BOOST_TEST(r.enum_of("channel", {"web", "retail"}) == "web");
  BOOST_TEST(!r.optional_string("note").has_value());
  BOOST_TEST(r.optional_int("priority").value() == 3);
  auto currency = r.required_currency("currency");
  auto lines = r.required_array("lines", 1);
  BOOST_TEST(lines.size() == 2u);
  BOOST_TEST(lines[0].required_quantity("quantity").to_string() == "12.5");
  BOOST_TEST(lines[0].required_money("price", currency).minor_units() == 499);
  BOOST_TEST(lines[1].required_quantity("quantity").to_string() == "2");
  BOOST_TEST(lines[1].required_money("price", currency).minor_units() == 0);
  BOOST_CHECK_NO_THROW(r.finish());
}

BOOST_AUTO_TEST_CASE(collects_every_field_error_with_its_path_before_answering) {
  auto r = reader(R"({"channel":"fax","priority":"high",
                      "lines":[{"sku":"A-1","quantity":1},{"quantity":0},"oops",{"sku":"","quantity":"1.2345678"}]})");
  (void)r.required_string("customer");
  (void)r.enum_of("channel", {"web", "retail"});
  (void)r.optional_int("priority");
  for (auto& line : r.required_array("lines", 1)) {
    (void)line.required_string("sku");
    (void)line.required_quantity("quantity");
  }
  std::vector<FieldError> expected{
      {"customer", "is required"},
      {"channel", "must be one of: web, retail"},
      {"priority", "must be a whole number"},
      {"lines[2]", "must be an object"},  // found when the array is read
      {"lines[1].sku", "is required"},
      {"lines[1].quantity", "must be greater than 0"},
      {"lines[3].sku", "must not be empty"},
      {"lines[3].quantity", "must have at most 6 decimal places"},
  };
  BOOST_TEST(r.errors() == expected, boost::test_tools::per_element());
  auto p = problem_from([&] { r.finish(); });
  BOOST_TEST(p.status() == 422);
  BOOST_TEST(p.errors().size() == expected.size());
}

BOOST_AUTO_TEST_CASE(refuses_zero_and_negative_quantities_where_positivity_is_required) {
  auto r = reader(R"({"zero":0,"negative":"-1.5","adjustment":-2,"count":0})");
  (void)r.required_quantity("zero");
  (void)r.required_quantity("negative", http::Sign::positive);
  BOOST_TEST(r.required_quantity("adjustment", http::Sign::any).to_string() == "-2");
  BOOST_TEST(r.required_quantity("count", http::Sign::non_negative).is_zero());
  std::vector<FieldError> expected{{"zero", "must be greater than 0"}, {"negative", "must be greater than 0"}};
  BOOST_TEST(r.errors() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reads_money_in_the_currencys_minor_units_exactly) {
  auto r = reader(R"({"eur":"1.10","jpy":1200,"too_precise":"1.001","yen_cents":"1.5","negative":-1,"text":"abc"})");
  BOOST_TEST(r.required_money("eur", Currency::of("EUR")).minor_units() == 110);
  BOOST_TEST(r.required_money("jpy", Currency::of("JPY")).minor_units() == 1200);
  (void)r.required_money("too_precise", Currency::of("EUR"));
  (void)r.required_money("yen_cents", Currency::of("JPY"));
  (void)r.required_money("negative", Currency::of("EUR"));
  (void)r.required_money("text", Currency::of("EUR"));
  std::vector<FieldError> expected{
      {"too_precise", "must have at most 2 decimal places in EUR"},
      {"yen_cents", "must be a whole amount in JPY"},
      {"negative", "must not be negative"},
      {"text", "must be a decimal number"},
  };
  BOOST_TEST(r.errors() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reads_integers_only_when_whole_and_in_range) {
  auto r = reader(R"({"n":42,"fraction":1.5,"huge":12345678901234567890,"quoted":"7"})");
  BOOST_TEST(r.required_int("n") == 42);
  (void)r.required_int("fraction");
  (void)r.required_int("huge");
  (void)r.required_int("quoted");
  (void)r.required_int("missing");
  BOOST_TEST(!r.optional_int("absent").has_value());
  std::vector<FieldError> expected{{"fraction", "must be a whole number"},
                                   {"huge", "is out of range"},
                                   {"quoted", "must be a whole number"},
                                   {"missing", "is required"}};
  BOOST_TEST(r.errors() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(names_nested_objects_with_dotted_paths) {
  auto r = reader(R"({"delivery":{"address":{"city":7}},"billing":"none","lines":[]})");
  auto address = r.required_object("delivery").required_object("address");
  (void)address.required_string("city");
  (void)address.required_string("street");
  auto billing = r.required_object("billing");
  (void)billing.required_string("city");  // already reported: billing is not an object
  (void)r.required_array("lines", 1);
  BOOST_TEST(!r.optional_object("absent").has_value());
  std::vector<FieldError> expected{{"delivery.address.city", "must be a string"},
                                   {"delivery.address.street", "is required"},
                                   {"billing", "must be an object"},
                                   {"lines", "must not be empty"}};
  BOOST_TEST(r.errors() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(takes_rules_of_the_callers_own_with_the_same_paths) {
  auto r = reader(R"({"lines":[{"sku":"A-1"}]})");
  auto lines = r.required_array("lines");
  lines[0].add_error("sku", "is not in the catalogue");
  BOOST_TEST(lines[0].path("sku") == "lines[0].sku");
  BOOST_TEST(r.errors() == (std::vector<FieldError>{{"lines[0].sku", "is not in the catalogue"}}),
             boost::test_tools::per_element());
  BOOST_CHECK_THROW(lines[0].finish(), Problem);
}

BOOST_AUTO_TEST_CASE(refuses_strings_holding_nul_characters) {
  auto r = reader(R"({"sku":"A\u0000B"})");
  (void)r.required_string("sku");
  BOOST_TEST(r.errors().at(0).message == "must not contain NUL characters");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(problems)

BOOST_AUTO_TEST_CASE(serialise_as_rfc_9457_problem_details) {
  auto p = Problem::validation({{"lines[0].quantity", "must be greater than 0"}, {"sku", "is required"}});
  auto body = p.to_json();
  BOOST_TEST(body.at("type").as_string() == "https://downstream.dev/problems/validation");
  BOOST_TEST(body.at("title").as_string() == "Validation failed");
  BOOST_TEST(body.at("status").as_int64() == 422);
  BOOST_TEST(body.at("detail").as_string() == "2 fields are invalid: lines[0].quantity, sku");
  const auto& errors = body.at("errors").as_array();
  BOOST_TEST(errors.size() == 2u);
  BOOST_TEST(errors[0].as_object().at("field").as_string() == "lines[0].quantity");
  BOOST_TEST(errors[0].as_object().at("message").as_string() == "must be greater than 0");
  std::vector<std::string> keys;
  for (const auto& [key, value] : body) keys.push_back(key);
  BOOST_TEST(keys == (std::vector<std::string>{"type", "title", "status", "detail", "errors"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(answer_with_the_problem_content_type_and_status) {
  auto response = Problem::conflict("order SO-12 is shipped; cancel is allowed only while confirmed").to_response();
  BOOST_TEST(response.status == 409);
  BOOST_TEST(response.content_type == "application/problem+json");
  BOOST_TEST(response.body ==
             R"({"type":"https://downstream.dev/problems/state-conflict","title":"State conflict","status":409,)"
             R"("detail":"order SO-12 is shipped; cancel is allowed only while confirmed"})");
}

BOOST_AUTO_TEST_CASE(each_named_constructor_has_its_status_and_stable_type) {
  BOOST_TEST(Problem::bad_request("x").status() == 400);
  BOOST_TEST(Problem::not_found("order SO-12").status() == 404);
  BOOST_TEST(Problem::not_found("order SO-12").detail() == "order SO-12 does not exist");
  BOOST_TEST(Problem::not_found("order SO-12").type() == http::problem_type("not-found"));
  BOOST_TEST(Problem::conflict("x").status() == 409);
  BOOST_TEST(Problem::unprocessable("x").status() == 422);
  BOOST_TEST(!Problem::unprocessable("x").to_json().contains("errors"));
  BOOST_CHECK_THROW(Problem(200, "t", "ok", "not an error"), InvalidValue);
}

BOOST_AUTO_TEST_SUITE_END()
