// Converting between units of one category, and CSV records as RFC 4180 writes
// them: the arithmetic and parsing the catalogue relies on, without a database.
#define BOOST_TEST_MODULE inventory_units
#include <boost/test/unit_test.hpp>

#include <downstream/error.h>

#include "csv_records.h"
#include "units.h"

using namespace downstream;
using namespace downstream::inventory_module;

namespace {

Unit unit(const char* code, const char* category, const char* factor, const char* rounding) {
  return {code, category, Decimal::parse(factor), Decimal::parse(rounding)};
}

const Unit each = unit("each", "count", "1", "1");
const Unit box12 = unit("box-12", "count", "12", "1");
const Unit kg = unit("kg", "weight", "1", "0.001");
const Unit g = unit("g", "weight", "0.001", "1");

Decimal convert(const char* amount, const Unit& from, const Unit& to) {
  return convert_amount(Decimal::parse(amount), from, to);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(units)

BOOST_AUTO_TEST_CASE(boxes_of_twelve_convert_to_twelve_each_per_box) {
  BOOST_TEST(convert("3", box12, each).to_string() == "36");
}

BOOST_AUTO_TEST_CASE(each_converts_to_boxes_rounded_to_whole_boxes_half_away_from_zero) {
  BOOST_TEST(convert("18", each, box12).to_string() == "2");  // 1.5 boxes
  BOOST_TEST(convert("17", each, box12).to_string() == "1");  // 1.42 boxes
  BOOST_TEST(convert("-18", each, box12).to_string() == "-2");
}

BOOST_AUTO_TEST_CASE(grams_convert_to_kilograms_to_the_gram) {
  BOOST_TEST(convert("1500", g, kg).to_string() == "1.5");
  BOOST_TEST(convert("0.4", g, kg).to_string() == "0");  // below the kg unit's step of 0.001
  BOOST_TEST(convert("2.5", kg, g).to_string() == "2500");
}

BOOST_AUTO_TEST_CASE(a_unit_of_another_category_is_refused_naming_both_units) {
  try {
    convert("3", kg, each);
    BOOST_FAIL("kg converted to each");
  } catch (const InvalidValue& e) {
    std::string what = e.what();
    BOOST_TEST(what.find("kg") != std::string::npos);
    BOOST_TEST(what.find("each") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_conversion_beyond_the_decimal_range_is_refused_instead_of_wrapping) {
  auto huge = Decimal::from_raw(INT64_MAX / 2);
  BOOST_CHECK_THROW(convert_amount(huge, box12, each), InvalidValue);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(csv)

BOOST_AUTO_TEST_CASE(quoted_fields_keep_commas_doubled_quotes_and_line_breaks) {
  auto csv = parse_csv("sku,name\nA-1,\"Chair, oak\"\nA-2,\"Box \"\"big\"\"\"\nA-3,\"two\nlines\"\nA-4,last\n");
  BOOST_TEST(csv.problems.empty());
  BOOST_TEST_REQUIRE(csv.records.size() == 5u);
  BOOST_TEST(csv.records[1].fields[1] == "Chair, oak");
  BOOST_TEST(csv.records[2].fields[1] == "Box \"big\"");
  BOOST_TEST(csv.records[3].fields[1] == "two\nlines");
}

BOOST_AUTO_TEST_CASE(each_record_knows_the_line_it_starts_on_after_multi_line_fields_and_blank_lines) {
  auto csv = parse_csv("sku,name\r\nA-1,\"two\r\nlines\"\r\n\r\nA-2,x\r\n");
  BOOST_TEST_REQUIRE(csv.records.size() == 3u);
  BOOST_TEST(csv.records[0].line == 1);
  BOOST_TEST(csv.records[1].line == 2);
  BOOST_TEST(csv.records[2].line == 5);
  BOOST_TEST(csv.records[2].fields[1] == "x");  // no carriage return left behind
}

BOOST_AUTO_TEST_CASE(a_byte_order_mark_and_a_missing_final_line_break_are_accepted) {
  auto csv = parse_csv("\xEF\xBB\xBFsku,name\nA-1,x");
  BOOST_TEST_REQUIRE(csv.records.size() == 2u);
  BOOST_TEST(csv.records[0].fields[0] == "sku");
  BOOST_TEST(csv.records[1].fields[1] == "x");
}

BOOST_AUTO_TEST_CASE(a_quote_left_open_is_reported_at_the_line_where_its_record_starts) {
  auto csv = parse_csv("sku,name\nA-1,x\nA-2,\"never closed\nA-3,y\n");
  BOOST_TEST_REQUIRE(csv.problems.size() == 1u);
  BOOST_TEST(csv.problems[0].line == 3);
}

BOOST_AUTO_TEST_CASE(text_after_a_closing_quote_is_reported_and_the_record_is_dropped) {
  auto csv = parse_csv("sku,name\nA-1,\"x\"y\nA-2,z\n");
  BOOST_TEST_REQUIRE(csv.problems.size() == 1u);
  BOOST_TEST(csv.problems[0].line == 2);
  BOOST_TEST(csv.records.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
