#include "runtime/host_logger.h"

#include <chrono>
#include <iostream>

#include <downstream/clock.h>

namespace downstream::host {

namespace {
const char* level_name(LogLevel l) {
  switch (l) {
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warning: return "warning";
    case LogLevel::error: return "error";
  }
  return "info";
}
}  // namespace

LogLevel parse_log_level(const std::string& text) {
  if (text == "debug") return LogLevel::debug;
  if (text == "warning") return LogLevel::warning;
  if (text == "error") return LogLevel::error;
  return LogLevel::info;
}

void LogSink::write(LogLevel level, std::string_view source, std::string_view message) {
  if (!enabled(level)) return;
  // Log lines carry real time even when the business clock is fixed for tests.
  auto now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  std::string line = format_timestamp(TimePoint{now.time_since_epoch()}) + " " + level_name(level) + " [" +
                     std::string(source) + "] " + std::string(message) + "\n";
  std::lock_guard lock(mutex_);
  std::cerr << line << std::flush;
}

}  // namespace downstream::host
