#pragma once
/// @file scenario_typer.hpp
/// Document tree -> model::Scenario: checks every key against the key registry, every value
/// against its type and range, every name against what is defined; merges each
/// intervention's patch into the baseline and types that arm's model.

#include "io/diagnostics.hpp"
#include "io/yaml_tree.hpp"
#include "model/spec.hpp"

namespace caseflow::io {

/// Types `root` (the whole file, overrides applied). Every problem goes to `sink`; nothing is
/// thrown. The result is complete only when `sink` holds no errors.
model::Scenario type_scenario(const Node& root, const std::string& file, DiagnosticSink& sink);

}  // namespace caseflow::io
