#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

namespace caseflow::cli {

double progress_interval_seconds() {
  if (const char* s = std::getenv("CASEFLOW_PROGRESS_SECONDS")) {
    const double seconds = std::strtod(s, nullptr);
    if (seconds > 0.0) return seconds;
  }
  return 3.0;
}

bool progress_wanted(bool progress_flag, bool quiet) { return progress_flag || (!quiet && ::isatty(STDERR_FILENO) == 1); }

std::string clock_text(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

ProgressReporter::ProgressReporter(bool enabled, const std::atomic<int>& done, int total, std::string what)
    : done_(done), total_(total), what_(std::move(what)), start_(std::chrono::steady_clock::now()), interval_(3.0) {
  if (!enabled) return;
  interval_ = std::chrono::duration<double>(progress_interval_seconds());
  thread_ = std::thread([this] { loop(); });
}

ProgressReporter::~ProgressReporter() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ProgressReporter::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (wake_.wait_for(lock, interval_, [this] { return stop_; })) return;
    const int done = done_.load();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const std::string left = done > 0 ? "ca. " + clock_text(elapsed / done * (total_ - done)) + " tilbage" : "tid tilbage ukendt endnu";
    std::fprintf(stderr, "caseflow: %d/%d %s, %s (%s gået)\n", done, total_, what_.c_str(), left.c_str(),
                 clock_text(elapsed).c_str());
    std::fflush(stderr);
  }
}

}  // namespace caseflow::cli
