// The strict INI reader: every malformed line is a problem with file and line.
#define BOOST_TEST_MODULE config_ini
#include <boost/test/unit_test.hpp>

#include "config/config_store.h"

using namespace downstream::host;

namespace {

const std::filesystem::path kFile = "conf/downstream.ini";

bool reported(const ConfigProblems& problems, const std::string& where, const std::string& fragment) {
  for (const auto& p : problems)
    if (p.where == where && p.message.find(fragment) != std::string::npos) return true;
  return false;
}

std::string all(const ConfigProblems& problems) {
  std::string out;
  for (const auto& p : problems) out += p.to_string() + "\n";
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(sections_keys_comments_and_blank_lines_are_read_with_their_lines) {
  ConfigProblems problems;
  auto doc = parse_ini("; a comment\n"
                       "\n"
                       "[http]\n"
                       "# another comment\n"
                       "  listen   =  127.0.0.1:8080  \n"
                       "[sales.eu-west_2]\n"
                       "policy=priority\n",
                       kFile, problems);
  BOOST_TEST_INFO(all(problems));
  BOOST_TEST(problems.empty());
  BOOST_TEST(doc.file == kFile);
  BOOST_TEST_REQUIRE(doc.sections.size() == 2u);
  BOOST_TEST(doc.sections[0].name == "http");
  BOOST_TEST(doc.sections[0].line == 3);
  BOOST_TEST_REQUIRE(doc.sections[0].entries.size() == 1u);
  BOOST_TEST(doc.sections[0].entries[0].key == "listen");
  BOOST_TEST(doc.sections[0].entries[0].value == "127.0.0.1:8080");
  BOOST_TEST(doc.sections[0].entries[0].line == 5);
  BOOST_TEST(doc.sections[1].name == "sales.eu-west_2");
  BOOST_TEST(doc.sections[1].entries[0].value == "priority");
  BOOST_TEST(doc.sections[1].entries[0].line == 7);
}

BOOST_AUTO_TEST_CASE(a_quoted_value_keeps_its_spaces_and_an_empty_value_is_allowed) {
  ConfigProblems problems;
  auto doc = parse_ini("[a]\nx = \"  two words  \"\ny =\nz = say \"hi\" there\n", kFile, problems);
  BOOST_TEST_INFO(all(problems));
  BOOST_TEST(problems.empty());
  BOOST_TEST_REQUIRE(doc.sections.at(0).entries.size() == 3u);
  BOOST_TEST(doc.sections[0].entries[0].value == "  two words  ");
  BOOST_TEST(doc.sections[0].entries[1].value == "");
  BOOST_TEST(doc.sections[0].entries[2].value == "say \"hi\" there");
}

BOOST_AUTO_TEST_CASE(windows_line_endings_are_read_like_unix_ones) {
  ConfigProblems problems;
  auto doc = parse_ini("[log]\r\nlevel = debug\r\n", kFile, problems);
  BOOST_TEST(problems.empty());
  BOOST_TEST(doc.sections.at(0).entries.at(0).value == "debug");
}

BOOST_AUTO_TEST_CASE(a_header_without_a_closing_bracket_is_reported_with_its_file_and_line) {
  ConfigProblems problems;
  auto doc = parse_ini("[log]\nlevel = info\n[http\nlisten = x\n", kFile, problems);
  BOOST_TEST_INFO(all(problems));
  BOOST_TEST(reported(problems, "conf/downstream.ini:3", "no closing ']'"));
  // The keys below it still belong to [http] rather than each being "outside any section".
  BOOST_TEST(problems.size() == 1u);
  BOOST_TEST(doc.sections.at(1).name == "http");
}

BOOST_AUTO_TEST_CASE(text_after_a_header_and_a_bad_section_name_are_reported) {
  ConfigProblems problems;
  parse_ini("[http] ; web\n[Sales]\n[]\n", kFile, problems);
  BOOST_TEST_INFO(all(problems));
  BOOST_TEST(reported(problems, "conf/downstream.ini:1", "after ']'"));
  BOOST_TEST(reported(problems, "conf/downstream.ini:2", "invalid section name 'Sales'"));
  BOOST_TEST(reported(problems, "conf/downstream.ini:3", "invalid section name ''"));
}

BOOST_AUTO_TEST_CASE(a_line_without_an_equals_sign_is_reported_with_its_file_and_line) {
  ConfigProblems problems;
  parse_ini("[http]\nlisten 127.0.0.1:8080\n", kFile, problems);
  BOOST_TEST_INFO(all(problems));
  BOOST_TEST(reported(problems, "conf/downstream.ini:2", "is not 'key = value'"));
}

BOOST_AUTO_TEST_CASE(an_empty_key_is_reported_with_its_file_and_line) {
  ConfigProblems problems;
  parse_ini("[http]\n = 8080\n", kFile, problems);
  BOOST_TEST(reported(problems, "conf/downstream.ini:2", "no key before '='"));
}

BOOST_AUTO_TEST_CASE(a_key_outside_any_section_is_reported_with_its_file_and_line) {
  ConfigProblems problems;
  auto doc = parse_ini("\nlisten = x\n[http]\n", kFile, problems);
  BOOST_TEST(reported(problems, "conf/downstream.ini:2", "outside any section"));
  BOOST_TEST(doc.sections.at(0).entries.empty());
}

BOOST_AUTO_TEST_CASE(a_key_repeated_in_one_section_is_reported_at_the_second_line_naming_the_first) {
  ConfigProblems problems;
  auto doc = parse_ini("[http]\nthreads = 2\n\nthreads = 3\n", kFile, problems);
  BOOST_TEST_INFO(all(problems));
  BOOST_TEST(reported(problems, "conf/downstream.ini:4", "first set at line 2"));
  BOOST_TEST(doc.sections.at(0).entries.size() == 1u);
}

BOOST_AUTO_TEST_CASE(invalid_characters_in_a_key_name_are_reported) {
  ConfigProblems problems;
  parse_ini("[http]\nListen = x\nmax body = 3\nhttp.threads = 2\n", kFile, problems);
  BOOST_TEST_INFO(all(problems));
  BOOST_TEST(reported(problems, "conf/downstream.ini:2", "invalid key name 'Listen'"));
  BOOST_TEST(reported(problems, "conf/downstream.ini:3", "invalid key name 'max body'"));
  BOOST_TEST(reported(problems, "conf/downstream.ini:4", "invalid key name 'http.threads'"));
}

BOOST_AUTO_TEST_CASE(an_unterminated_quote_is_reported) {
  ConfigProblems problems;
  parse_ini("[a]\nx = \"open\n", kFile, problems);
  BOOST_TEST(reported(problems, "conf/downstream.ini:2", "does not end with one"));
}

BOOST_AUTO_TEST_CASE(every_problem_in_a_file_is_reported_at_once_in_line_order) {
  ConfigProblems problems;
  parse_ini("orphan = 1\n[http\nno equals here\n= 2\nBad = 3\nok = 1\nok = 2\n", kFile, problems);
  BOOST_TEST_INFO(all(problems));
  BOOST_TEST_REQUIRE(problems.size() == 6u);
  for (std::size_t i = 0; i < problems.size(); ++i)
    BOOST_TEST(problems[i].where == "conf/downstream.ini:" + std::to_string(i + (i < 5 ? 1 : 2)));
}
