#define BOOST_TEST_MODULE sdk_domain
#include <boost/test/unit_test.hpp>

#include <downstream/clock.h>
#include <downstream/domain/decimal.h>
#include <downstream/domain/money.h>
#include <downstream/domain/quantity.h>
#include <downstream/error.h>
#include <downstream/ports/database.h>

using namespace downstream;

BOOST_AUTO_TEST_SUITE(decimal)

BOOST_AUTO_TEST_CASE(parses_decimal_strings_exactly_to_millionths) {
  BOOST_TEST(Decimal::parse("6.8").raw() == 6'800'000);
  BOOST_TEST(Decimal::parse("-0.000001").raw() == -1);
  BOOST_TEST(Decimal::parse("12").raw() == 12'000'000);
  BOOST_TEST(Decimal::parse("+3.50").raw() == 3'500'000);
}

BOOST_AUTO_TEST_CASE(prints_the_shortest_exact_form) {
  BOOST_TEST(Decimal::parse("6.800").to_string() == "6.8");
  BOOST_TEST(Decimal::parse("12.000000").to_string() == "12");
  BOOST_TEST(Decimal::parse("-0.000001").to_string() == "-0.000001");
  BOOST_TEST(Decimal::parse("0").to_string() == "0");
}

BOOST_AUTO_TEST_CASE(refuses_text_that_is_not_a_decimal) {
  for (const char* bad : {"", "-", "1.2.3", "1e5", "abc", "1.", ".", "0.0000001", "1,5", " 1"})
    BOOST_CHECK_THROW(Decimal::parse(bad), InvalidValue);
}

BOOST_AUTO_TEST_CASE(refuses_to_overflow_instead_of_wrapping) {
  BOOST_CHECK_THROW(Decimal::parse("99999999999999999999"), InvalidValue);
  auto big = Decimal::from_raw(INT64_MAX);
  BOOST_CHECK_THROW(big + Decimal::parse("0.000001"), InvalidValue);
  BOOST_CHECK_THROW(big.times(2), InvalidValue);
}

BOOST_AUTO_TEST_CASE(rounds_half_away_from_zero_to_a_step) {
  BOOST_TEST(Decimal::parse("2.5").round_to(Decimal::parse("1")).to_string() == "3");
  BOOST_TEST(Decimal::parse("-2.5").round_to(Decimal::parse("1")).to_string() == "-3");
  BOOST_TEST(Decimal::parse("2.49").round_to(Decimal::parse("1")).to_string() == "2");
  BOOST_TEST(Decimal::parse("1.234567").to_string(3) == "1.235");
  BOOST_TEST(Decimal::parse("7").round_to(Decimal::parse("12")).to_string() == "12");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(quantity)

BOOST_AUTO_TEST_CASE(adds_quantities_of_the_same_unit) {
  auto q = Quantity::parse("1.5", "kg") + Quantity::parse("2.25", "kg");
  BOOST_TEST(q.to_string() == "3.75 kg");
}

BOOST_AUTO_TEST_CASE(refuses_to_add_quantities_of_different_units) {
  BOOST_CHECK_THROW(Quantity::parse("1", "kg") + Quantity::parse("1", "g"), InvalidValue);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(money)

BOOST_AUTO_TEST_CASE(keeps_amounts_in_integer_minor_units) {
  auto m = Money::parse("50.10", Currency::of("EUR"));
  BOOST_TEST(m.minor_units() == 5010);
  BOOST_TEST(m.amount_string() == "50.10");
  BOOST_TEST(Money::parse("-0.05", Currency::of("USD")).amount_string() == "-0.05");
  BOOST_TEST(Money::parse("1200", Currency::of("JPY")).amount_string() == "1200");
  BOOST_TEST(Money::parse("1.234", Currency::of("KWD")).to_string() == "1.234 KWD");
}

BOOST_AUTO_TEST_CASE(refuses_more_decimals_than_the_currency_has) {
  BOOST_CHECK_THROW(Money::parse("1.001", Currency::of("EUR")), InvalidValue);
  BOOST_CHECK_THROW(Money::parse("1.5", Currency::of("JPY")), InvalidValue);
}

BOOST_AUTO_TEST_CASE(refuses_to_add_different_currencies) {
  BOOST_CHECK_THROW(Money::parse("1", Currency::of("EUR")) + Money::parse("1", Currency::of("USD")), InvalidValue);
}

BOOST_AUTO_TEST_CASE(refuses_codes_that_are_not_iso_4217_shaped) {
  for (const char* bad : {"eur", "EU", "EURO", "E1R"}) BOOST_CHECK_THROW(Currency::of(bad), InvalidValue);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(timestamps)

BOOST_AUTO_TEST_CASE(round_trip_through_iso_8601_text) {
  auto t = parse_timestamp("2026-01-15T09:00:00Z");
  BOOST_TEST(format_timestamp(t) == "2026-01-15T09:00:00Z");
  BOOST_TEST(format_timestamp(parse_timestamp("2026-01-15T10:30:00+01:30")) == "2026-01-15T09:00:00Z");
  BOOST_TEST(format_timestamp(parse_timestamp("2024-02-29T23:59:59.25Z")) == "2024-02-29T23:59:59.250000Z");
}

BOOST_AUTO_TEST_CASE(refuses_impossible_dates_and_missing_zones) {
  for (const char* bad : {"2026-02-30T00:00:00Z", "2026-01-15T09:00:00", "2026-01-15", "2026-13-01T00:00:00Z",
                          "2026-01-15T24:00:00Z", "2026-01-15T09:00:00Zjunk"})
    BOOST_CHECK_THROW(parse_timestamp(bad), InvalidValue);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(database_values)

BOOST_AUTO_TEST_CASE(reads_integers_stored_as_text_only_when_exact) {
  BOOST_TEST(db::Value(std::string("42")).as_int() == 42);
  BOOST_CHECK_THROW(db::Value(std::string("42.0")).as_int(), InvalidValue);
  BOOST_CHECK_THROW(db::Value().as_int(), InvalidValue);
}

BOOST_AUTO_TEST_CASE(builds_the_same_upsert_for_both_dialects) {
  auto sql = db::Transaction::upsert("product", {"sku", "name"}, {"sku"}, {"name"});
  BOOST_TEST(sql == "INSERT INTO product (sku, name) VALUES (?, ?) ON CONFLICT (sku) DO UPDATE SET name = excluded.name");
}

BOOST_AUTO_TEST_SUITE_END()

#include <downstream/version.h>

BOOST_AUTO_TEST_CASE(the_compiled_build_tag_matches_the_one_cmake_writes_into_manifests) {
  BOOST_TEST(std::string(DOWNSTREAM_BUILD_TAG) == DOWNSTREAM_EXPECTED_BUILD_TAG);
}
