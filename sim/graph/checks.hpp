#pragma once
/// @file checks.hpp
/// Structural checks on the state graph that the loader cannot make key by key: states no
/// citizen can reach, states citizens cannot leave towards self-support (traps), and cycles
/// of zero-duration programmes that would loop forever at one instant.

#include <string>
#include <vector>

#include "model/spec.hpp"

namespace caseflow::graph {

/// One problem found, at the Origin of the state it concerns. Kept free of io/ so the graph
/// module depends on model only; the CLI turns it into an io::Diagnostic (same fields).
struct Finding {
  enum class Severity { error, warning };
  Severity severity = Severity::error;
  model::Origin origin;  ///< file, line, column and key path (`states.foo`)
  std::string message;

  /// `FILE:LINE:COLUMN: error: KEY.PATH: message` (the loader's format).
  [[nodiscard]] std::string format() const;
  [[nodiscard]] bool is_error() const { return severity == Severity::error; }
  /// Same severity, place and message (model::Origin has no operator== of its own).
  [[nodiscard]] bool same_as(const Finding& other) const;
};

/// Checks one model: errors for unreachable states and zero-duration programme cycles,
/// warnings for traps (a non-self-supporting, non-`absorbing` state from which no path leads
/// to a self-supporting or `absorbing` state). In model order.
std::vector<Finding> check_model(const model::Model& model);

/// check_model for every arm. A finding an intervention arm shares with the baseline is
/// reported once; one that only an intervention's patch causes names the arm.
std::vector<Finding> check_scenario(const model::Scenario& scenario);

/// True if any finding is an error.
bool has_errors(const std::vector<Finding>& findings);

}  // namespace caseflow::graph
