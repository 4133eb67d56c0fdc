#pragma once
// A `downstream serve` the bench starts itself (http form, W6): this very
// binary, with the bench's config folder and defines, its output in a log file.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace downstream::host::bench {

class ServeProcess {
public:
  // Starts `<this binary> --config DIR -D k=v... serve`; http.listen is 127.0.0.1:0
  // unless the defines name another.
  ServeProcess(const std::filesystem::path& config_dir, const std::vector<std::string>& defines);
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  std::chrono::steady_clock::time_point started_at() const { return started_; }
  // Waits for "listening on http://ADDR" and returns ADDR; throws with the log if
  // the process exits or `timeout` passes.
  std::string wait_listening(std::chrono::milliseconds timeout = std::chrono::seconds(60));
  // SIGTERM, wait; returns the child's peak memory (kB).
  long stop();
  std::string log() const;

private:
  int pid_ = -1;
  std::filesystem::path log_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace downstream::host::bench
