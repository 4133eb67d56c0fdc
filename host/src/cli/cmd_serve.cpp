// `downstream serve`: boot every plugin, listen, and stop cleanly on SIGTERM/SIGINT.
#include <signal.h>

#include <chrono>
#include <memory>
#include <iostream>

#include "cli/cli.h"
#include "runtime/runtime.h"
#include "serve/http_listener.h"

namespace downstream::host {

int cmd_serve(const CommandLine& cl) {
  auto t0 = std::chrono::steady_clock::now();
  // Block the stop signals in every thread; the main thread waits for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  Runtime rt(cl);
  try {
    rt.boot(Stage::started);
  } catch (const std::exception& e) {
    std::cerr << "downstream serve: cannot start: " << e.what() << "\n";
    return 1;
  }
  std::unique_ptr<HttpListener> listener;
  try {
    listener = std::make_unique<HttpListener>(rt, listener_settings(rt));
  } catch (const std::exception& e) {
    std::cerr << "downstream serve: cannot start: " << e.what() << "\n";
    return 1;
  }
  auto& http = *listener;
  http.start();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "downstream listening on " << (http.tls() ? "https://" : "http://") << http.address() << " (started " << rt.plugin_host().plugins().size()
            << " plugins in " << ms << " ms)" << std::endl;

  int sig = 0;
  sigwait(&stop_signals, &sig);
  rt.log().info(std::string("stopping on ") + (sig == SIGINT ? "SIGINT" : "SIGTERM"));
  http.stop();
  rt.shutdown();
  return 0;
}

}  // namespace downstream::host
