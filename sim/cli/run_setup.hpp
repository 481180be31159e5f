#pragma once
/// @file run_setup.hpp
/// What `run` (and other commands that simulate) do before simulating: load with overrides,
/// apply command-line replications/seed, choose arms, check the scenario as a whole.

#include <string>
#include <vector>

#include "economics/table.hpp"
#include "model/spec.hpp"

namespace caseflow::cli {

struct LoadedScenario {
  model::Scenario scenario;
  std::vector<std::size_t> arms;  ///< indices into scenario.arms; baseline first
  std::string sha256;
};

/// Loads `file` with `--set` overrides; `replications` > 0 and `seed` >= 0 override the file;
/// `arm_list` ("a,b"; empty = all) picks interventions. Throws io::InputError on bad input,
/// including a run that would need more memory than the machine has on `threads` threads
/// (0 = all cores; see resources.hpp).
LoadedScenario load_for_run(const std::string& file, const std::vector<std::string>& sets, int replications, long long seed,
                            const std::string& arm_list, unsigned threads = 0, bool strict = false);

/// `arms.csv`: arm, description, start, end (ISO dates; empty when open-ended).
economics::Table arms_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms);

/// `assumptions.csv`: every value that differs between an arm and the baseline, plus the arm's
/// effects and cost lines.
economics::Table assumptions_table(const LoadedScenario& loaded);

}  // namespace caseflow::cli
