#pragma once
// The clocks behind PluginContext::clock(): the system clock, or a fixed instant
// from the test-only setting host.clock (the same in every host process given it).
#include <downstream/clock.h>

#include <atomic>

namespace downstream::host {

class SystemClock final : public Clock {
public:
  TimePoint now() const override;
};

// A clock that says what it is told; tests may move it.
class FixedClock final : public Clock {
public:
  explicit FixedClock(TimePoint t) : micros_(t.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint{std::chrono::microseconds{micros_.load()}}; }
  void set(TimePoint t) { micros_ = t.time_since_epoch().count(); }

private:
  std::atomic<std::int64_t> micros_;
};

}  // namespace downstream::host
