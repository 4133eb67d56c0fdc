#pragma once
// The host's log: one line per message on stderr, "time level [source] message".
// Each plugin gets a Logger tagged with its name; all share one threshold and one lock.
#include <downstream/log.h>

#include <memory>
#include <mutex>
#include <string>

namespace downstream::host {

class LogSink {
public:
  explicit LogSink(LogLevel threshold) : threshold_(threshold) {}
  void write(LogLevel level, std::string_view source, std::string_view message);
  bool enabled(LogLevel level) const { return level >= threshold_; }
  void set_threshold(LogLevel level) { threshold_ = level; }

private:
  LogLevel threshold_;
  std::mutex mutex_;
};

// "debug" | "info" | "warning" | "error"; info for anything else.
LogLevel parse_log_level(const std::string& text);

class SourceLogger final : public Logger {
public:
  SourceLogger(std::shared_ptr<LogSink> sink, std::string source) : sink_(std::move(sink)), source_(std::move(source)) {}
  void write(LogLevel level, std::string_view message) override { sink_->write(level, source_, message); }
  bool enabled(LogLevel level) const override { return sink_->enabled(level); }

private:
  std::shared_ptr<LogSink> sink_;
  std::string source_;
};

}  // namespace downstream::host
