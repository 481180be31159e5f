#pragma once
/// @file state_graph.hpp
/// The directed graph of where citizens can go: one vertex per state, one edge per hazard,
/// programme exit route and meeting outcome. Built on boost::adjacency_list so the checks can
/// use Boost's traversal and strong-component algorithms.

#include <cstdint>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "model/spec.hpp"

namespace caseflow::graph {

/// What an edge stands for, and where in the model it came from.
struct EdgeInfo {
  enum class Kind : std::uint8_t {
    hazard,       ///< a `transitions` entry; `index` into Model::transitions
    exit,         ///< a programme exit to a named state; `index` into State::exits of the source
    return_exit,  ///< a programme's `return` exit, one edge per state that can enter it
    meeting,      ///< a meeting outcome; `index` into Model::meetings, `outcome` into its outcomes
    age_rule,     ///< an age rule's move to a state; `index` into Model::age_rules
    benefit_clock,  ///< a benefit period's outcome; `index` into Model::benefit_clocks, `outcome` into its outcomes
  };
  Kind kind = Kind::hazard;
  int index = 0;
  int outcome = 0;
  double probability = 1.0;  ///< exits and meeting outcomes; 1 for hazards
};

/// Vertices are state ids (vertex i is Model::states[i]).
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property, EdgeInfo>;

/// The state graph of `model` plus the states citizens start in.
struct StateGraph {
  Graph graph;
  /// States with inflow or an initial stock, in model order, without repeats.
  std::vector<model::StateId> sources;
};

/// Where a `return` exit of `programme` can send a citizen: the last non-programme state it was
/// in before entering (the simulator's rule), i.e. every non-programme state from which
/// `programme` can be reached through programmes only; plus, if citizens can start in that
/// chain of programmes, the model's first non-programme, non-self-supporting state (where the
/// simulator sends them). In model order.
std::vector<model::StateId> return_targets(const model::Model& model, model::StateId programme);

/// Builds the graph. `return` exits get one edge to each of their return_targets().
StateGraph build_state_graph(const model::Model& model);

/// Number of transitions as `caseflow validate` counts them: hazards + programme exit routes
/// (a `return` counts once) + meeting outcomes.
int count_transitions(const model::Model& model);

}  // namespace caseflow::graph
