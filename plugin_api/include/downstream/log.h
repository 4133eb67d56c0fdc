#pragma once
// The logger a plugin receives: one line per call, tagged with the plugin's name.
#include <string_view>

#include <downstream/export.h>

namespace downstream {

enum class LogLevel { debug, info, warning, error };

class DOWNSTREAM_API Logger {
public:
  virtual ~Logger();
  virtual void write(LogLevel level, std::string_view message) = 0;
  virtual bool enabled(LogLevel level) const = 0;

  void debug(std::string_view m) { write(LogLevel::debug, m); }
  void info(std::string_view m) { write(LogLevel::info, m); }
  void warning(std::string_view m) { write(LogLevel::warning, m); }
  void error(std::string_view m) { write(LogLevel::error, m); }
};

}  // namespace downstream
