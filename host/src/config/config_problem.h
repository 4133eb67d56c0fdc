#pragma once
// One thing wrong with the configuration, located for the admin.
#include <string>
#include <vector>

namespace downstream::host {

struct ConfigProblem {
  std::string where;    // "config/downstream.ini:12", "env DOWNSTREAM_HTTP__LISTEN", "-D http.listen"
  std::string message;  // "unknown key 'listn' in [http] (did you mean 'listen'?)"
  std::string to_string() const { return where + ": " + message; }
};

using ConfigProblems = std::vector<ConfigProblem>;

}  // namespace downstream::host
