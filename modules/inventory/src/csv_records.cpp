#include "csv_records.h"

namespace downstream::inventory_module {

CsvText parse_csv(std::string_view text) {
  CsvText out;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t i = 0;
  int line = 1;
  while (i < text.size()) {
    CsvRecord record;
    record.line = line;
    bool broken = false;
    // One field per pass; the record ends at a line break outside quotes.
    for (;;) {
      std::string field;
      if (i < text.size() && text[i] == '"') {
        ++i;
        bool closed = false;
        while (i < text.size()) {
          char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') {
              field += '"';
              ++i;
            } else {
              closed = true;
              break;
            }
          } else {
            if (c == '\n') ++line;
            field += c;
          }
        }
        if (!closed) {
          out.problems.push_back({record.line, "a quoted field is not closed before the end of the file"});
          return out;
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          out.problems.push_back({line,
                                  "text after the closing quote of a field: quote the whole field, and "
                                  "double a quote inside it (\"\")"});
          broken = true;
        }
      }
      while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') field += text[i++];
      record.fields.push_back(std::move(field));
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    if (i < text.size() && text[i] == '\r') ++i;
    if (i < text.size() && text[i] == '\n') ++i;
    ++line;
    bool blank = record.fields.size() == 1 && record.fields[0].empty();
    if (!blank && !broken) out.records.push_back(std::move(record));
  }
  return out;
}

}  // namespace downstream::inventory_module
