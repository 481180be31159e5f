#pragma once
/// @file run_setup.hpp
/// What `run` (and other commands that simulate) do before simulating: load with overrides,
/// apply command-line replications/seed, choose arms, check the scenario as a whole.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "economics/table.hpp"
#include "io/scenario_diff.hpp"
#include "model/spec.hpp"

namespace caseflow::cli {

struct LoadedScenario {
  model::Scenario scenario;
  std::vector<std::size_t> arms;  ///< indices into scenario.arms; baseline first
  std::string sha256;
  /// Every value in which a chosen arm differs from the baseline, with labels and sources.
  std::vector<io::Difference> differences;
};

/// Loads `file` with `--set` overrides; `replications` > 0 and `seed` (when given) override the file;
/// `arm_list` ("a,b"; empty = all) picks interventions, kept in the scenario's order whatever
/// the list's order (a name given twice is an error). Throws io::InputError on bad input,
/// including a run that would need more memory than is available on `threads` threads
/// (0 = all cores) or, unless `allow_large`, more work than the bounds allow (resource_check.hpp).
/// `strict` (--strict): the loader's and the state graph's warnings are errors.
LoadedScenario load_for_run(const std::string& file, const std::vector<std::string>& sets, int replications, std::optional<std::uint64_t> seed,
                            const std::string& arm_list, unsigned threads = 0, bool allow_large = false,
                            bool strict = false);

/// `arms.csv`: arm, description, start, end (ISO dates; empty when open-ended), label.
economics::Table arms_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms);

/// `assumptions.csv`: every value that differs between an arm's merged scenario and the
/// baseline's, plus the arm's effects, cost lines and dates: arm, parameter (key path),
/// baseline, value, label, source, assumption (`true`, `false`, or empty when no source).
economics::Table assumptions_table(const LoadedScenario& loaded);

/// `labels.csv`: kind (arm, state, group, benefit, pool, slot), name, label (the name when the
/// scenario gives none), over the baseline and the chosen arms' models.
economics::Table labels_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms);

}  // namespace caseflow::cli
