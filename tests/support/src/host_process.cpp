#include <downstream/testing/build_paths.h>
#include <downstream/testing/host_process.h>
#include <downstream/testing/temp_dir.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <stdexcept>
#include <thread>

namespace downstream::testing {

namespace {
std::filesystem::path new_log_path() {
  std::string pattern = (std::filesystem::temp_directory_path() / "downstream-host.XXXXXX").string();
  int fd = mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  return pattern;
}
}  // namespace

HostProcess::HostProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                         std::chrono::milliseconds timeout)
    : log_(new_log_path()) {
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int out = open(log_.c_str(), O_WRONLY | O_APPEND);
    int in = open("/dev/null", O_RDONLY);
    if (out < 0 || in < 0) _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(out, 2);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    // The child must not inherit blocked signals from a test thread.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    std::string prog = downstream_binary().string();
    std::vector<std::string> copy = args;
    std::vector<char*> argv{prog.data()};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(prog.c_str(), argv.data());
    _exit(127);
  }
  static const std::regex listening("listening on https?://([0-9.]+:[0-9]+)");
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    std::string text = output();
    if (std::regex_search(text, m, listening)) {
      address_ = m[1];
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      stopped_ = true;
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      throw std::runtime_error("downstream exited with " + std::to_string(exit_code_) + " before listening:\n" +
                               output());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  stopped_ = true;
  throw std::runtime_error("downstream did not start listening in time:\n" + output());
}

HostProcess::~HostProcess() {
  if (!stopped_) {
    try {
      stop(std::chrono::seconds(10));
    } catch (...) {
    }
  }
  std::error_code ec;
  std::filesystem::remove(log_, ec);
}

int HostProcess::port() const { return std::stoi(address_.substr(address_.rfind(':') + 1)); }

int HostProcess::stop(std::chrono::milliseconds timeout) {
  if (stopped_) return exit_code_;
  kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  stopped_ = true;
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return exit_code_;
}

std::string HostProcess::output() const {
  try {
    return read_file(log_);
  } catch (...) {
    return {};
  }
}

}  // namespace downstream::testing
