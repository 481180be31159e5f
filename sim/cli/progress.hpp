#pragma once
/// @file progress.hpp
/// A progress line on stderr for long runs: every few seconds, how many replications are
/// done and about how long is left. Shown when stderr is a terminal (unless `--quiet`) or
/// when `--progress` asks for it (a log file, a batch job); never on stdout, so it never mixes
/// with the budget table.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace caseflow::cli {

/// Whether to show progress: `--progress` given, or stderr is a terminal and not `--quiet`.
bool progress_wanted(bool progress_flag, bool quiet);

/// Seconds between progress lines: 3, or `CASEFLOW_PROGRESS_SECONDS` (tests).
double progress_interval_seconds();

/// "1:23" or "1:02:03".
std::string clock_text(double seconds);

/// Prints "caseflow: D/T WHAT, ca. M:SS tilbage (M:SS gået)" every few seconds (the first
/// after a short delay, so quick runs print nothing) while `done` counts up to `total`.
/// `CASEFLOW_PROGRESS_SECONDS` sets the interval (tests). Stops when destroyed.
class ProgressReporter {
 public:
  ProgressReporter(bool enabled, const std::atomic<int>& done, int total, std::string what);
  ~ProgressReporter();
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

 private:
  void loop();
  const std::atomic<int>& done_;
  int total_;
  std::string what_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::duration<double> interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace caseflow::cli
