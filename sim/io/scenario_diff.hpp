#pragma once
/// @file scenario_diff.hpp
/// Sources and the structural difference between an arm and the baseline.
///
/// A scenario may say where any value comes from: a top-level `sources:` map from key path to
/// `{text, assumption}`. `validate_sources` checks that every path names a value in the file.
/// `scenario_differences` compares each arm's merged scenario (the baseline with the arm's
/// patch deep-merged in) with the baseline, value by value, and adds the arm's own values
/// (effects, costs, dates): the rows of `assumptions.csv`, each with a readable label and its
/// source.

#include <string>
#include <vector>

#include "io/diagnostics.hpp"
#include "io/scenario_loader.hpp"
#include "io/yaml_tree.hpp"
#include "model/spec.hpp"

namespace caseflow::io {

/// One `sources:` entry.
struct Source {
  std::string path;  ///< key path as written, e.g. `transitions.jobparat.job.rate`
  std::string text;
  bool assumption = false;
};

/// `document`'s tree with `overrides` applied (errors in them are left to the loader).
Node overridden_tree(const ScenarioDocument& document, const std::vector<Override>& overrides);

/// Reads `root`'s `sources:` map; reports (located) a bad entry or a path that names no value.
std::vector<Source> validate_sources(const Node& root, DiagnosticSink& sink);

/// One value in which an arm differs from the baseline.
struct Difference {
  std::string arm;
  std::string path;      ///< key path in the merged scenario (or `interventions.ARM.…` for the arm's own keys)
  std::string label;     ///< readable: "Overgang Jobparat → Job: rate"
  std::string baseline;  ///< "" when the baseline has no such value
  std::string value;     ///< "" when the arm removes it
  std::string source;    ///< from `sources:`, the longest matching path; "" when none
  bool has_source = false;
  bool assumption = false;
};

/// The differences of tree `arm_tree` from `base_tree` under `path` (both maps, lists or
/// scalars), one per leaf value; lists of scalars compare as one value.
std::vector<Difference> diff_trees(const Node& base_tree, const Node& arm_tree, const std::string& path);

/// Every difference of each arm in `arms` (indices into scenario.arms; index 0, the baseline,
/// is skipped) from the baseline, after `overrides`, with labels from `scenario` and sources.
std::vector<Difference> scenario_differences(const ScenarioDocument& document, const std::vector<Override>& overrides,
                                             const model::Scenario& scenario, const std::vector<std::size_t>& arms);

}  // namespace caseflow::io
