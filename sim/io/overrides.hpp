#pragma once
/// @file overrides.hpp
/// `--set PATH=VALUE` applied to a document tree before typing.

#include <vector>

#include "io/diagnostics.hpp"
#include "io/scenario_loader.hpp"
#include "io/yaml_tree.hpp"

namespace caseflow::io {

/// Applies `overrides` to `root` in order (a later one wins). A PATH names an existing value
/// (`transitions.jobparat.job.rate`, `interventions.x.effects[0].multiplier`) or a new key in
/// an existing map; the VALUE is parsed as YAML and keeps its position in the override text,
/// so that a typing error in it reads `--set:1:COL: error: PATH: …`. Bad paths are reported
/// to `sink` as `--set:1:COL: error: PATH: …`, COL pointing at the offending segment.
void apply_overrides(Node& root, const std::vector<Override>& overrides, DiagnosticSink& sink);

}  // namespace caseflow::io
