#include "cli/interrupt.hpp"

#include <csignal>

namespace caseflow::cli {
namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};

extern "C" void on_signal(int signal) {
  g_signal.store(signal);
  g_interrupted.store(true);
}

}  // namespace

const std::atomic<bool>& install_interrupt_handler() {
  static const bool installed = [] {
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    return true;
  }();
  (void)installed;
  return g_interrupted;
}

int interrupted_status() {
  const int signal = g_signal.load();
  return signal == SIGTERM ? 128 + SIGTERM : kInterruptedStatus;
}

}  // namespace caseflow::cli
