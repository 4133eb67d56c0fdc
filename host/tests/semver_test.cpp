// Versions and the version ranges plugins require of each other.
#define BOOST_TEST_MODULE semver
#include <boost/test/unit_test.hpp>

#include "plugins/semver.h"

using downstream::host::SemVer;
using downstream::host::VersionRange;

namespace {
SemVer v(const std::string& text) {
  auto parsed = SemVer::parse(text);
  BOOST_REQUIRE_MESSAGE(parsed, "'" + text + "' should parse");
  return *parsed;
}

bool in(const std::string& range, const std::string& version) {
  auto parsed = VersionRange::parse(range);
  BOOST_REQUIRE_MESSAGE(parsed, "'" + range + "' should parse");
  return parsed->contains(v(version));
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_version_may_omit_minor_and_patch_which_then_are_zero) {
  BOOST_TEST(v("1").to_string() == "1.0.0");
  BOOST_TEST(v("1.2").to_string() == "1.2.0");
  BOOST_TEST(v("1.2.3").to_string() == "1.2.3");
  BOOST_TEST(v("0.0.0").to_string() == "0.0.0");
  BOOST_TEST((v("1") == v("1.0.0")));
}

BOOST_AUTO_TEST_CASE(malformed_versions_are_refused) {
  for (const char* bad : {"", " ", "x", "1.", ".1", "1..2", "1.2.3.4", "-1", "+1", "1.-2", "01", "1.02", "1.2.3-beta",
                          "1.2a", "v1.2", "1 .2", "99999999999"})
    BOOST_TEST(!SemVer::parse(bad).has_value(), "'" << bad << "' should be refused");
}

BOOST_AUTO_TEST_CASE(versions_compare_by_major_then_minor_then_patch_numerically) {
  BOOST_TEST((v("1.10") > v("1.9")));
  BOOST_TEST((v("2") > v("1.99.99")));
  BOOST_TEST((v("1.2.3") < v("1.2.10")));
  BOOST_TEST((v("1.2.3") == v("1.2.3")));
}

BOOST_AUTO_TEST_CASE(an_empty_range_accepts_any_version) {
  auto r = VersionRange::parse("");
  BOOST_REQUIRE(r);
  BOOST_TEST(r->all_of.empty());
  BOOST_TEST(r->contains(v("0.0.1")));
  BOOST_TEST(r->contains(v("99.0")));
  BOOST_TEST(VersionRange::parse("   ")->all_of.empty());
}

BOOST_AUTO_TEST_CASE(every_comparison_of_a_range_must_hold) {
  BOOST_TEST(in(">=1.0, <2", "1.0.0"));
  BOOST_TEST(in(">=1.0, <2", "1.9.9"));
  BOOST_TEST(!in(">=1.0, <2", "2.0.0"));
  BOOST_TEST(!in(">=1.0, <2", "0.9"));
  BOOST_TEST(in(">1.0,<=1.5", "1.5"));
  BOOST_TEST(!in(">1.0,<=1.5", "1.0"));
  BOOST_TEST(in(">=1.0, !=1.3", "1.4"));
  BOOST_TEST(!in(">=1.0, !=1.3", "1.3.0"));
}

BOOST_AUTO_TEST_CASE(an_equals_comparison_matches_exactly_one_version) {
  BOOST_TEST(in("=1.2.0", "1.2"));
  BOOST_TEST(in("==1.2", "1.2.0"));
  BOOST_TEST(!in("=1.2.0", "1.2.1"));
  BOOST_TEST(in("= 1.2", "1.2"));  // a space between operator and version is fine
}

BOOST_AUTO_TEST_CASE(caret_keeps_the_leftmost_non_zero_part_and_tilde_keeps_the_minor) {
  BOOST_TEST(in("^1.2", "1.2.0"));
  BOOST_TEST(in("^1.2", "1.9.0"));
  BOOST_TEST(!in("^1.2", "2.0.0"));
  BOOST_TEST(!in("^1.2", "1.1.9"));
  BOOST_TEST(in("^0.2", "0.2.5"));
  BOOST_TEST(!in("^0.2", "0.3.0"));
  BOOST_TEST(!in("^0.0.3", "0.0.4"));
  BOOST_TEST(in("~1.2", "1.2.7"));
  BOOST_TEST(!in("~1.2", "1.3.0"));
  BOOST_TEST(in("~1", "1.9"));
  BOOST_TEST(!in("~1", "2.0"));
}

BOOST_AUTO_TEST_CASE(a_range_keeps_its_text_as_written_for_messages) {
  BOOST_TEST(VersionRange::parse("  >=1.0, <2 ")->text == ">=1.0, <2");
}

BOOST_AUTO_TEST_CASE(malformed_ranges_are_refused_including_a_bare_version) {
  for (const char* bad : {"1.0", ">=", ">=1.0,", ",<2", ">=1.0 <2", "=>1.0", ">=x", "<<1", ">=1.0;<2", "~>1.0"})
    BOOST_TEST(!VersionRange::parse(bad).has_value(), "'" << bad << "' should be refused");
}
