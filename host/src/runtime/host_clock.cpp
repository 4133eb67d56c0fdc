#include "runtime/host_clock.h"

namespace downstream::host {

TimePoint SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

}  // namespace downstream::host
