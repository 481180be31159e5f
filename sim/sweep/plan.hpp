#pragma once
/// @file plan.hpp
/// An experiment made ready to run: its points, one typed scenario per point, the arms and the
/// budget years. Building the plan checks every point's scenario before anything runs, so bad
/// input fails with every problem listed and nothing written.

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "io/experiment_loader.hpp"
#include "io/scenario_loader.hpp"
#include "model/spec.hpp"
#include "sweep/points.hpp"

namespace caseflow::sweep {

struct Plan {
  io::ExperimentFile experiment;
  std::string scenario_sha256;
  std::vector<Point> points;
  io::ScenarioDocument document;            ///< the scenario file, parsed once
  std::vector<std::size_t> arms;           ///< indices into each scenario's arms; baseline (0) first
  std::vector<std::string> arm_names;      ///< names of `arms`, same order
  std::vector<std::string> year_labels;    ///< budget years, then "total"
  int replications = 1;
  std::uint64_t seed = 0;  ///< the scenario seed at every point (and the PSA draws' seed)
  /// The program's version and commit, recorded in sweep.sqlite; --resume refuses a database
  /// made by another version (set by the command; "" in tests that build plans directly).
  std::string caseflow_version, caseflow_commit;

  /// What the heaviest points cost (model/resources.hpp), found while checking every point:
  /// the point with the largest memory per replication, the point with the fastest citizen
  /// pace, and the work of all points together (each point at its own replications).
  std::size_t heaviest_memory_point = 0;
  /// Per point, model::baseline_key_hash of its scenario: points with the same hash (and, when
  /// their keys are compared, the same key) share their baseline's runs (shared_baselines.hpp).
  std::vector<std::uint64_t> baseline_hashes;
  std::size_t fastest_point = 0;
  double total_events = 0.0;

  /// Names of the reported arms: every requested intervention (the baseline's rows are all zero
  /// by definition and are left out of sweep outputs).
  [[nodiscard]] std::size_t reported_arm_count() const { return arms.size() - 1; }

  /// The typed scenario of point `i` (its values applied, seed and replications set). Built
  /// on demand, a millisecond or so each, so that a PSA of many draws does not hold every
  /// draw's scenario in memory; make_plan() has already built each once to check it.
  [[nodiscard]] model::Scenario scenario(std::size_t i) const;
};

/// The most points a sweep may have: each point runs every replication of every arm and adds
/// rows to sweep.csv, and checking a point's scenario takes about a millisecond, so a PSA of
/// 10^7 draws would plan for hours and write gigabytes. 10^5 draws estimate a PSA's
/// percentiles far more finely than its inputs are known.
inline constexpr std::size_t kMaxPoints = 100000;

/// Builds and checks the plan. Throws io::InputError listing every problem: diagnostics about
/// a parameter's value at some point are placed at that parameter in the experiment file; an
/// experiment of more than kMaxPoints points is refused before any point is made. `checked`
/// (may be null) counts the points checked, for a progress line.
Plan make_plan(io::ExperimentFile experiment, std::atomic<int>* checked = nullptr);

}  // namespace caseflow::sweep
