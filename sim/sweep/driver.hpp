#pragma once
/// @file driver.hpp
/// A whole sweep: open (or resume) sweep.sqlite, share the missing points among the ranks, run
/// them on each rank's thread pool, commit each finished point, and when every point is done
/// write sweep.csv (+ tornado.csv or psa.csv) and manifest.json from the database.
///
/// MPI: the missing points, in order, go round-robin to the ranks (position i to rank i % N).
/// Ranks work in rounds of a few points each; after a round the root gathers the other ranks'
/// rows and commits them. The root commits its own points as they finish. Only the root
/// touches the output folder.

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "io/csv_dialect.hpp"
#include "sweep/mpi_world.hpp"
#include "sweep/plan.hpp"

namespace caseflow::sweep {

struct Progress {
  int points_done = 0;     ///< committed, including those found on --resume
  int points_total = 0;
  int points_at_start = 0; ///< committed before this session
  long long runs_done = 0; ///< replications of points finished in this session
  double elapsed_seconds = 0.0;
};

struct SweepOptions {
  std::filesystem::path out;
  unsigned threads = 1;
  bool resume = false;
  const std::atomic<bool>* cancel = nullptr;
  /// Called on the root after each committed point (for a progress line).
  std::function<void(const Progress&)> progress;
  /// Leading manifest.json entries (key, JSON value) the caller knows: version, git commit.
  std::vector<std::pair<std::string, std::string>> manifest_head;
  /// Called on the root before anything else: checks and locks the output and returns the
  /// folder to work in (sweep.sqlite and the files); empty = `out`. What it throws reaches
  /// every rank as a refusal.
  std::function<std::filesystem::path()> prepare;
  /// Simulate each replication's baseline once for all of this rank's points that share it
  /// (shared_baselines.hpp). Off only to check that sharing changes no output byte.
  bool share_baselines = true;
  /// Fork each replication's arms from their common past (model/fork.cpp). Off only to check
  /// that forking changes no output byte (CASEFLOW_FORK=0).
  bool fork_arms = true;
  /// `--csv-dialect` of sweep.csv, tornado.csv and psa.csv (sweep.sqlite is not affected).
  io::CsvDialect csv_dialect = io::CsvDialect::standard;
};

struct SweepOutcome {
  bool cancelled = false;
  int points_total = 0;
  int points_at_start = 0;  ///< already committed when this session started (--resume)
  int points_committed = 0; ///< committed when this session ended
  double wall_seconds = 0.0;
  std::vector<std::string> files;  ///< written (root, when complete)
  std::filesystem::path folder;    ///< where sweep.sqlite and the files are (root)
};

/// Runs the sweep on every rank of `world`; every rank must call it. Throws io::InputError for
/// a bad --resume (on every rank; only the root's carries the message).
SweepOutcome run_sweep(const Plan& plan, const SweepOptions& options, const World& world);

/// The output files a sweep of `plan` writes (besides sweep.sqlite).
std::vector<std::string> output_files(const Plan& plan);

}  // namespace caseflow::sweep
