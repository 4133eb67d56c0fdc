#include "bench/serve_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace downstream::host::bench {

namespace {
std::filesystem::path own_binary() { return std::filesystem::read_symlink("/proc/self/exe"); }
}  // namespace

ServeProcess::ServeProcess(const std::filesystem::path& config_dir, const std::vector<std::string>& defines) {
  static int count = 0;
  log_ = std::filesystem::temp_directory_path() /
         ("downstream-bench-serve-" + std::to_string(getpid()) + "-" + std::to_string(++count) + ".log");
  std::vector<std::string> args = {own_binary().string(), "--config", config_dir.string(), "-D", "http.listen=127.0.0.1:0"};
  for (const auto& d : defines) args.insert(args.end(), {"-D", d});
  args.push_back("serve");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  started_ = std::chrono::steady_clock::now();
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("cannot fork downstream serve");
  if (pid_ == 0) {
    // A bench that dies (a crash, SIGKILL) must not leave its servers behind.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    int fd = open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) stop();
  std::error_code ec;
  std::filesystem::remove(log_, ec);
}

std::string ServeProcess::log() const {
  std::ifstream in(log_);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ServeProcess::wait_listening(std::chrono::milliseconds timeout) {
  const std::string marker = "listening on http://";
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto text = log();
    if (auto at = text.find(marker); at != std::string::npos) {
      auto end = text.find_first_of(" \n", at + marker.size());
      if (end != std::string::npos) return text.substr(at + marker.size(), end - at - marker.size());
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("downstream serve exited before listening:\n" + log());
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  throw std::runtime_error("downstream serve did not listen within " + std::to_string(timeout.count()) + " ms:\n" + log());
}

long ServeProcess::stop() {
  if (pid_ <= 0) return 0;
  kill(pid_, SIGTERM);
  int status = 0;
  rusage u{};
  wait4(pid_, &status, 0, &u);
  pid_ = -1;
  return u.ru_maxrss;
}

}  // namespace downstream::host::bench
