// `downstream import products FILE.csv`: the whole file or nothing. Every line is
// checked before anything is written, and every bad line is reported, so an
// admin fixes the file once instead of once per line.
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include "catalogue_parts.h"
#include "csv_records.h"
#include "products.h"

namespace downstream::inventory_module {

namespace {

constexpr const char* kUsage = "FILE.csv";
constexpr const char* kFormat =
    "FILE.csv is UTF-8 CSV (RFC 4180: a field with commas, quotes or line breaks goes in double quotes,\n"
    "a quote inside one is doubled). The first line names the columns, in any order:\n"
    "  sku,name,unit,tracking,weight_kg,active\n"
    "sku, name and unit are required; tracking (none, lot, serial) defaults to none, weight_kg (kg per\n"
    "unit, a decimal with a point) to 0, active (true, false, 1, 0, yes, no) to true. A product whose\n"
    "SKU exists is replaced. Example:\n"
    "  sku,name,unit,tracking,weight_kg,active\n"
    "  CHAIR-1,\"Chair, oak\",each,none,7.5,true\n"
    "Nothing is written unless every line is valid; each bad line is reported as FILE:LINE: message.\n";

const std::vector<std::string> kColumns = {"sku", "name", "unit", "tracking", "weight_kg", "active"};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trimmed(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// A progress bar for a person at a terminal; nothing at all in a pipe or a log.
class Progress {
 public:
  Progress(std::ostream& err, std::size_t total) : err_(err), total_(total), shown_(isatty(STDERR_FILENO) == 1) {}
  void step(std::size_t done) {
    if (!shown_ || total_ == 0) return;
    auto percent = done * 100 / total_;
    if (percent == last_ && done != total_) return;
    last_ = percent;
    constexpr std::size_t width = 30;
    auto filled = done * width / total_;
    err_ << "\rimporting [" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << done << "/"
         << total_ << std::flush;
    if (done == total_) err_ << "\n";
  }

 private:
  std::ostream& err_;
  std::size_t total_;
  bool shown_;
  std::size_t last_ = 101;
};

struct ImportLine {
  int line = 0;
  ProductInput input;
};

// The columns of the header, or problems naming what is wrong with it.
std::map<std::string, std::size_t> read_header(const CsvRecord& header, std::vector<std::string>& problems) {
  std::map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    auto name = lower(trimmed(header.fields[i]));
    if (std::find(kColumns.begin(), kColumns.end(), name) == kColumns.end())
      problems.push_back("unknown column '" + header.fields[i] +
                         "' (the columns are sku,name,unit,tracking,weight_kg,active)");
    else if (!at.emplace(name, i).second)
      problems.push_back("column '" + name + "' appears twice");
  }
  for (const char* required : {"sku", "name", "unit"})
    if (!at.count(required)) problems.push_back(std::string("the header has no '") + required + "' column");
  return at;
}

// One record as a product, or the reasons it is not one.
ImportLine read_line(const CsvRecord& r, const std::map<std::string, std::size_t>& at, std::size_t columns,
                     std::vector<std::string>& problems) {
  ImportLine out;
  out.line = r.line;
  if (r.fields.size() != columns) {
    problems.push_back("has " + std::to_string(r.fields.size()) + " fields, the header has " + std::to_string(columns));
    return out;
  }
  auto field = [&](const char* name) { return at.count(name) ? trimmed(r.fields[at.at(name)]) : std::string(); };
  auto& in = out.input;
  in.sku = field("sku");
  in.name = field("name");
  in.unit = field("unit");
  if (auto t = field("tracking"); !t.empty()) in.tracking = t;
  if (auto w = field("weight_kg"); !w.empty()) {
    try {
      in.weight_kg = Decimal::parse(w);
    } catch (const InvalidValue&) {
      problems.push_back("weight_kg '" + w + "' is not a decimal number of kg (such as 7.5)");
    }
  }
  if (auto a = lower(field("active")); !a.empty()) {
    if (a == "true" || a == "1" || a == "yes")
      in.active = true;
    else if (a == "false" || a == "0" || a == "no")
      in.active = false;
    else
      problems.push_back("active '" + field("active") + "' is not true or false");
  }
  return out;
}

int import_products(db::Database& database, const Clock& clock, const std::string& file, std::ostream& out,
                    std::ostream& err) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    err << file << ": cannot be read\n";
    return 1;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto csv = parse_csv(text.str());

  std::vector<std::pair<int, std::string>> problems;
  for (const auto& p : csv.problems) problems.emplace_back(p.line, p.message);
  if (csv.records.empty() && problems.empty()) problems.emplace_back(1, "the file is empty: it needs a header line");

  std::map<std::string, std::size_t> at;
  if (!csv.records.empty()) {
    std::vector<std::string> header_problems;
    at = read_header(csv.records.front(), header_problems);
    for (auto& m : header_problems) problems.emplace_back(csv.records.front().line, std::move(m));
  }

  std::size_t created = 0, updated = 0, imported = 0;
  std::vector<std::pair<int, std::string>> all_problems;
  // Runs again whole if the database asks for a retry, so it starts from scratch.
  database.write([&](db::Transaction& tx) {
    all_problems = problems;
    created = updated = imported = 0;
    std::vector<ImportLine> lines;
    if (problems.empty()) {
      std::map<std::string, int> seen;  // sku -> line
      auto columns = csv.records.front().fields.size();
      for (std::size_t i = 1; i < csv.records.size(); ++i) {
        const auto& record = csv.records[i];
        std::vector<std::string> found;
        auto line = read_line(record, at, columns, found);
        if (record.fields.size() == columns) {  // else the fields cannot be told apart
          for (const auto& e : product_errors(tx, line.input)) found.push_back(e.field + " " + e.message);
          if (valid_sku(line.input.sku)) {
            auto [it, fresh] = seen.emplace(line.input.sku, record.line);
            if (!fresh)
              found.push_back("sku '" + line.input.sku + "' is already on line " + std::to_string(it->second));
            else if (auto stored = product_by_sku(tx, line.input.sku))
              if (auto conflict = product_change_conflict(tx, *stored, line.input)) found.push_back(*conflict);
          }
        }
        for (auto& m : found) all_problems.emplace_back(record.line, std::move(m));
        if (found.empty()) lines.push_back(std::move(line));
      }
    }
    if (!all_problems.empty()) return;  // nothing written: the unit of work commits empty

    Progress progress(err, lines.size());
    auto now = clock.now();
    for (const auto& line : lines) {
      (write_product(tx, line.input, now) == Upserted::created ? created : updated)++;
      progress.step(++imported);
    }
  });

  if (!all_problems.empty()) {
    std::stable_sort(all_problems.begin(), all_problems.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [line, message] : all_problems) err << file << ":" << line << ": " << message << "\n";
    err << all_problems.size() << " problem" << (all_problems.size() == 1 ? "" : "s") << " in " << file
        << "; nothing was imported\n";
    return 1;
  }
  out << "imported " << imported << " product" << (imported == 1 ? "" : "s") << " (" << created << " created, "
      << updated << " updated)\n";
  return 0;
}

}  // namespace

void add_product_import(ModuleParts& parts) {
  PluginContext* ctx = &parts.ctx;
  parts.ctx.commands().add(
      {"import products", kUsage,
       "Create or replace products from a CSV file (header sku,name,unit,tracking,weight_kg,active), all or nothing",
       [ctx](const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
         if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
           out << "usage: downstream import products " << kUsage << "\n" << kFormat;
           return 0;
         }
         if (args.size() != 1) {
           err << "usage: downstream import products " << kUsage << "\n" << kFormat;
           return 64;
         }
         return import_products(ctx->database(), ctx->clock(), args[0], out, err);
       }});
}

}  // namespace downstream::inventory_module
