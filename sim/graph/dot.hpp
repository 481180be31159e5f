#pragma once
/// @file dot.hpp
/// The state graph as Graphviz DOT, for `caseflow graph` and the docs.

#include <string>

#include "model/spec.hpp"

namespace caseflow::graph {

/// DOT text of `model` named `name`. Nodes: benefit states (ellipse), programme states (box,
/// with their duration), self-supporting states (green), slot-limited states (bold, with the
/// slot and its capacity), `absorbing` states (double outline). Edges: hazards labelled with
/// their rate (`0.030/wk`, `piecewise`, `weibull k=0.8`), programme exits with their
/// probability, meeting outcomes dashed with the meeting's name and probability, inflow and
/// initial stock from two source nodes. Output depends only on the model (model order).
std::string to_dot(const model::Model& model, const std::string& name);

}  // namespace caseflow::graph
