#pragma once
// A real `downstream serve` child process for black-box tests: started with its
// arguments and environment, ready once it prints where it listens, stopped
// with SIGTERM (or killed) when the test ends.
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace downstream::testing {

class HostProcess {
public:
  // Starts `downstream <args>`; waits up to `timeout` for "listening on http://ADDR".
  // Throws std::runtime_error with everything the process printed if it exits or times out.
  HostProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
              std::chrono::milliseconds timeout = std::chrono::seconds(30));
  ~HostProcess();
  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  // "127.0.0.1:41234"
  const std::string& address() const { return address_; }
  int port() const;
  // Sends SIGTERM and waits for the exit code (128+signal if killed by one).
  int stop(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Everything written to stdout and stderr so far.
  std::string output() const;
  int pid() const { return pid_; }

private:
  int pid_ = -1;
  std::filesystem::path log_;
  std::string address_;
  bool stopped_ = false;
  int exit_code_ = -1;
};

}  // namespace downstream::testing
