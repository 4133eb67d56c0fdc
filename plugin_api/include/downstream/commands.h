#pragma once
// What a plugin adds to the `downstream` command line: commands of its own
// ("inventory close-period 2026-01-31", "import products FILE.csv") and
// invariant checks that `downstream check` runs with every other plugin's.
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include <downstream/export.h>

namespace downstream {
namespace db {
class Transaction;
}

// A command. The host boots every plugin up to the register phase (database open
// and migrated, services provided) and calls run with the words after the name.
struct Command {
  std::string name;     // one or two words: "inventory close-period"
  std::string usage;    // the arguments, for help: "DATE"
  std::string summary;  // one line
  // Returns the exit code: 0 done, 1 refused or failed, 64 misused. Writes results
  // to `out` and problems (with file and line where there is one) to `err`.
  std::function<int(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)> run;
};

// An invariant of a plugin's data, proved from its tables: each violation is one
// line naming the rows involved. `downstream check` runs every check in one
// read unit of work and exits non-zero if any reports a violation.
struct InvariantCheck {
  std::string name;  // "inventory: balances sum to zero per product"
  std::function<std::vector<std::string>(db::Transaction& tx)> run;
};

class DOWNSTREAM_API CommandRegistry {
public:
  virtual ~CommandRegistry();
  virtual void add(Command command) = 0;
  virtual void add_check(InvariantCheck check) = 0;
};

}  // namespace downstream
