#define BOOST_TEST_MODULE sdk_json
#include <boost/test/unit_test.hpp>

#include <downstream/domain/decimal.h>
#include <downstream/error.h>
#include <downstream/json.h>

#include <ostream>
#include <string>

using namespace downstream;

namespace downstream::json {
// For Boost.Test's failure messages.
std::ostream& operator<<(std::ostream& os, const Value& v) { return os << v.dump(); }
}  // namespace downstream::json

namespace {
// The error parse() raises for `text`; fails the test when it parses.
json::ParseError parse_error(std::string_view text) {
  try {
    json::parse(text);
  } catch (const json::ParseError& e) {
    return e;
  }
  BOOST_FAIL("parsed although it is not JSON: " + std::string(text));
  throw;  // unreachable; BOOST_FAIL throws
}
}  // namespace

BOOST_AUTO_TEST_SUITE(numbers)

BOOST_AUTO_TEST_CASE(keep_their_exact_text_through_a_round_trip) {
  for (const char* text : {"0.1", "12.50", "-0", "1e-7", "6.02E+23", "12345678901234567890", "-0.000001"}) {
    auto v = json::parse(text);
    BOOST_TEST(v.number_text() == text);
    BOOST_TEST(v.dump() == text);
  }
  BOOST_TEST(json::parse("[0.1,0.2]").dump() == "[0.1,0.2]");
}

BOOST_AUTO_TEST_CASE(read_as_int64_only_when_whole_and_in_range) {
  BOOST_TEST(json::parse("42").as_int64() == 42);
  BOOST_TEST(json::parse("-9223372036854775808").as_int64() == INT64_MIN);
  BOOST_TEST(json::parse("9223372036854775807").as_int64() == INT64_MAX);
  BOOST_TEST(json::parse("1e3").as_int64() == 1000);
  BOOST_TEST(json::parse("12.000").as_int64() == 12);
  BOOST_CHECK_THROW(json::parse("12345678901234567890").as_int64(), InvalidValue);
  BOOST_CHECK_THROW(json::parse("9223372036854775808").as_int64(), InvalidValue);
  BOOST_CHECK_THROW(json::parse("12.5").as_int64(), InvalidValue);
  BOOST_CHECK_THROW(json::parse("1e-1").as_int64(), InvalidValue);
  BOOST_CHECK_THROW(json::parse("1e999999999999").as_int64(), InvalidValue);
}

BOOST_AUTO_TEST_CASE(read_as_decimal_exactly_and_refuse_more_places_than_it_holds) {
  BOOST_TEST(json::parse("6.8").as_decimal().raw() == 6'800'000);
  BOOST_TEST(json::parse("0.1").as_decimal().raw() == 100'000);
  BOOST_TEST(json::parse("-0.000001").as_decimal().raw() == -1);
  BOOST_TEST(json::parse("1.5000000").as_decimal().raw() == 1'500'000);  // trailing zeros lose nothing
  BOOST_TEST(json::parse("25e-1").as_decimal().raw() == 2'500'000);
  BOOST_CHECK_THROW(json::parse("0.0000001").as_decimal(), InvalidValue);
  BOOST_CHECK_THROW(json::parse("99999999999999").as_decimal(), InvalidValue);
}

BOOST_AUTO_TEST_CASE(are_built_from_integers_decimals_and_number_text) {
  BOOST_TEST(json::Value(-7).dump() == "-7");
  BOOST_TEST(json::Value(std::int64_t{INT64_MAX}).dump() == "9223372036854775807");
  BOOST_TEST(json::Value(std::size_t{3}).dump() == "3");
  BOOST_TEST(json::Value(Decimal::parse("6.800")).dump() == "6.8");
  BOOST_TEST(json::number("12.5").dump() == "12.5");
  for (const char* bad : {"", "+1", "01", "1.", ".5", "1e", "NaN", "1 ", "0x10"})
    BOOST_CHECK_THROW(json::number(bad), InvalidValue);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(parsing)

BOOST_AUTO_TEST_CASE(reads_every_kind_of_value) {
  auto v = json::parse(R"( {"s":"x","n":1,"t":true,"f":false,"z":null,"a":[1,[]],"o":{}} )");
  const auto& o = v.as_object();
  BOOST_TEST(o.at("s").as_string() == "x");
  BOOST_TEST(o.at("n").as_int64() == 1);
  BOOST_TEST(o.at("t").as_bool());
  BOOST_TEST(!o.at("f").as_bool());
  BOOST_TEST(o.at("z").is_null());
  BOOST_TEST(o.at("a").as_array().size() == 2u);
  BOOST_TEST(o.at("o").as_object().empty());
  BOOST_TEST(json::parse("\"top\"").as_string() == "top");
}

BOOST_AUTO_TEST_CASE(decodes_escapes_and_surrogate_pairs_to_utf8) {
  BOOST_TEST(json::parse(R"("a\"b\\c\/d\b\f\n\r\t")").as_string() == "a\"b\\c/d\b\f\n\r\t");
  BOOST_TEST(json::parse(R"("\u00e9\u20AC")").as_string() == "\xC3\xA9\xE2\x82\xAC");
  BOOST_TEST(json::parse(R"("\ud83d\ude00")").as_string() == "\xF0\x9F\x98\x80");
  BOOST_TEST(json::parse("\"\xF0\x9F\x98\x80 ok\"").as_string() == "\xF0\x9F\x98\x80 ok");
}

struct Malformed {
  const char* name;
  std::string text;
  std::size_t line, column;
};

BOOST_AUTO_TEST_CASE(refuses_malformed_text_naming_line_and_column) {
  const Malformed cases[] = {
      {"truncated", "{\"sku\": \"A-1\",\n \"qty\": [1, 2", 2, 14},
      {"trailing comma in object", "{\"a\": 1,}", 1, 9},
      {"trailing comma in array", "[1, 2, ]", 1, 8},
      {"single quotes", "{'a': 1}", 1, 2},
      {"unescaped control character", "[\"a\tb\"]", 1, 4},
      {"unescaped newline", "\"line\nbreak\"", 1, 6},
      {"bad escape", R"(["\x41"])", 1, 3},
      {"lone high surrogate", R"(["\ud800x"])", 1, 3},
      {"lone low surrogate", R"(["ok\udc00"])", 1, 5},
      {"high surrogate then a non-surrogate", R"(["\ud800\u0041"])", 1, 3},
      {"invalid UTF-8", "[\"\xC3\"]", 1, 3},
      {"overlong UTF-8", "[\"\xC0\xAF\"]", 1, 3},
      {"UTF-8 encoded surrogate", "[\"\xED\xA0\x80\"]", 1, 3},
      {"trailing garbage", "{} x", 1, 4},
      {"two values", "1 2", 1, 3},
      {"leading zero", "[01]", 1, 3},
      {"bare word", "[True]", 1, 2},
      {"comment", "{} // no", 1, 4},
      {"missing colon", "{\"a\" 1}", 1, 6},
      {"duplicate key", "{\"a\":1,\n\"a\":2}", 2, 1},
      {"empty text", "", 1, 1},
      {"byte order mark", "\xEF\xBB\xBF{}", 1, 1},
      {"unterminated string", "\"abc", 1, 5},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto e = parse_error(c.text);
      BOOST_TEST(e.line() == c.line);
      BOOST_TEST(e.column() == c.column);
      BOOST_TEST(std::string(e.what()).starts_with("line " + std::to_string(c.line) + ", column "));
      BOOST_TEST(!e.reason().empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(counts_columns_in_characters_not_bytes) {
  auto e = parse_error("[\"\xC3\xA9\xC3\xA9\", x]");
  BOOST_TEST(e.column() == 8u);
}

BOOST_AUTO_TEST_CASE(refuses_nesting_deeper_than_the_limit) {
  std::string ok = std::string(json::kMaxDepth, '[') + std::string(json::kMaxDepth, ']');
  BOOST_CHECK_NO_THROW(json::parse(ok));
  std::string bomb(100'000, '[');
  auto e = parse_error(bomb);
  BOOST_TEST(e.column() == static_cast<std::size_t>(json::kMaxDepth) + 1);
  BOOST_TEST(e.reason().find("nesting") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(finds_repeated_keys_in_large_objects_too) {
  std::string text = "{";
  for (int k = 0; k < 100; ++k) text += "\"k" + std::to_string(k) + "\":" + std::to_string(k) + ",";
  BOOST_CHECK_NO_THROW(json::parse(text + "\"last\":0}"));
  BOOST_TEST(parse_error(text + "\"k3\":0}").reason() == "duplicate key \"k3\"");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(dumping)

BOOST_AUTO_TEST_CASE(escapes_quotes_backslashes_and_control_characters) {
  json::Value v(std::string("q\"b\\n\n\t\x01\x1f/\xC3\xA9"));
  BOOST_TEST(v.dump() == R"("q\"b\\n\n\t\u0001\u001f/)" "\xC3\xA9\"");
  BOOST_TEST(json::parse(v.dump()) == v);
  BOOST_TEST(json::Value(std::string("a\0b", 3)).dump() == R"("a\u0000b")");
}

BOOST_AUTO_TEST_CASE(replaces_bytes_that_are_not_utf8_so_the_output_stays_json) {
  BOOST_TEST(json::Value("bad\xFF").dump() == R"("bad\ufffd")");
  BOOST_CHECK_NO_THROW(json::parse(json::Value("\xC3").dump()));
}

BOOST_AUTO_TEST_CASE(writes_members_in_insertion_order) {
  json::Object o{{"z", 1}, {"a", "x"}, {"m", nullptr}};
  o["b"] = true;
  o["z"] = 2;  // replaces in place
  BOOST_TEST(json::Value(o).dump() == R"({"z":2,"a":"x","m":null,"b":true})");
  auto parsed = json::parse(R"({"zeta":1,"alpha":2,"mid":3})");
  BOOST_TEST(parsed.dump() == R"({"zeta":1,"alpha":2,"mid":3})");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(building)

BOOST_AUTO_TEST_CASE(nests_objects_and_arrays_from_initializer_lists) {
  json::Array lines;
  lines.push_back(json::Object{{"sku", "A-1"}, {"qty", json::number("12.5")}});
  lines.push_back(json::Object{{"sku", "B-2"}, {"qty", Decimal::parse("3")}});
  json::Object order{{"id", "SO-12"}, {"lines", lines}, {"tags", json::Array{"rush", 2}}};
  BOOST_TEST(json::Value(order).dump() ==
             R"({"id":"SO-12","lines":[{"sku":"A-1","qty":12.5},{"sku":"B-2","qty":3}],"tags":["rush",2]})");
}

BOOST_AUTO_TEST_CASE(finds_members_by_key_or_answers_nullptr) {
  json::Object o{{"sku", "A-1"}};
  BOOST_TEST(o.find("sku") != nullptr);
  BOOST_TEST(o.find("missing") == nullptr);
  BOOST_TEST(o.contains("sku"));
  BOOST_CHECK_THROW(o.at("missing"), InvalidValue);
  BOOST_TEST(o.erase("sku"));
  BOOST_TEST(o.empty());
}

BOOST_AUTO_TEST_CASE(refuses_to_read_a_value_as_another_type) {
  json::Value v("12");
  BOOST_CHECK_THROW(v.as_int64(), InvalidValue);
  BOOST_CHECK_THROW(v.as_object(), InvalidValue);
  BOOST_CHECK_THROW(json::Value().as_bool(), InvalidValue);
  BOOST_CHECK_THROW(json::Value(1).as_string(), InvalidValue);
}

BOOST_AUTO_TEST_CASE(compares_structurally_and_numbers_by_text) {
  BOOST_TEST(json::parse(R"({"a":[1,"x"]})") == json::Value(json::Object{{"a", json::Array{1, "x"}}}));
  BOOST_TEST(!(json::parse("1.0") == json::parse("1")));
  BOOST_TEST(!(json::parse(R"({"a":1,"b":2})") == json::parse(R"({"b":2,"a":1})")));
}

BOOST_AUTO_TEST_SUITE_END()
