#pragma once
// CSV as RFC 4180 writes it: fields separated by commas, records by CRLF or LF,
// a field in double quotes may hold commas, line breaks and doubled quotes.
// Each record keeps the line it starts on, so a problem can be reported there.
#include <string>
#include <string_view>
#include <vector>

namespace downstream::inventory_module {

struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

struct CsvProblem {
  int line = 0;
  std::string message;
};

struct CsvText {
  std::vector<CsvRecord> records;    // blank lines are skipped
  std::vector<CsvProblem> problems;  // a quote left open, text after a closing quote
};

// A leading UTF-8 byte order mark is skipped.
CsvText parse_csv(std::string_view text);

}  // namespace downstream::inventory_module
