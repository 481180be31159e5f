#pragma once
/// @file plan.hpp
/// An experiment made ready to run: its points, one typed scenario per point, the arms and the
/// budget years. Building the plan checks every point's scenario before anything runs, so bad
/// input fails with every problem listed and nothing written.

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

  /// Names of the reported arms: every requested intervention (the baseline's rows are all zero
  /// by definition and are left out of sweep outputs).
  [[nodiscard]] std::size_t reported_arm_count() const { return arms.size() - 1; }

  /// The typed scenario of point `i` (its values applied, seed and replications set). Built
  /// on demand, a millisecond or so each, so that a PSA of many draws does not hold every
  /// draw's scenario in memory; make_plan() has already built each once to check it.
  [[nodiscard]] model::Scenario scenario(std::size_t i) const;
};

/// Builds and checks the plan. Throws io::InputError listing every problem: diagnostics about
/// a parameter's value at some point are placed at that parameter in the experiment file.
Plan make_plan(io::ExperimentFile experiment);

}  // namespace caseflow::sweep
