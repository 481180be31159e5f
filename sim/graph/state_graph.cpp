#include "graph/state_graph.hpp"

#include <algorithm>

namespace caseflow::graph {

std::vector<model::StateId> return_targets(const model::Model& model, model::StateId programme) {
  const std::size_t n = model.states.size();
  // Predecessors along moves that are not `return` (a return always lands on a non-programme
  // state, so it never continues a chain of programmes).
  std::vector<std::vector<model::StateId>> before(n);
  const auto add = [&before, n](std::size_t from, int to) {
    if (from < n && to >= 0 && static_cast<std::size_t>(to) < n && static_cast<std::size_t>(to) != from) {
      before[static_cast<std::size_t>(to)].push_back(static_cast<model::StateId>(from));
    }
  };
  for (const auto& t : model.transitions) add(t.from, t.to);
  for (const auto& m : model.meetings) {
    for (const auto& o : m.outcomes) add(o.from, o.to);
  }
  for (std::size_t s = 0; s < n; ++s) {
    for (const auto& e : model.states[s].exits) {
      if (!e.to_return) add(s, e.to);
    }
  }
  std::vector<bool> starts(n, false);
  for (const auto& f : model.inflow) starts[f.state] = true;
  for (const auto& i : model.initial) starts[i.state] = true;

  std::vector<bool> target(n, false), seen(n, false);
  std::vector<model::StateId> stack{programme};
  seen[programme] = true;
  bool started_inside = false;
  while (!stack.empty()) {
    const auto p = stack.back();
    stack.pop_back();
    started_inside = started_inside || starts[p];
    for (const auto u : before[p]) {
      if (!model.states[u].is_programme()) {
        target[u] = true;
      } else if (!seen[u]) {
        seen[u] = true;
        stack.push_back(u);
      }
    }
  }
  if (started_inside) {
    for (std::size_t s = 0; s < n; ++s) {
      if (!model.states[s].is_programme() && !model.states[s].self_supporting) {
        target[s] = true;
        break;
      }
    }
  }
  std::vector<model::StateId> out;
  for (std::size_t s = 0; s < n; ++s) {
    if (target[s]) out.push_back(static_cast<model::StateId>(s));
  }
  return out;
}

/// Moves by clocks: an age rule from each state it applies in; a benefit period's outcome from
/// each state that can pay the clock's benefit.
static void add_clock_edges(const model::Model& model, StateGraph& sg) {
  const auto n = model.states.size();
  for (std::size_t r = 0; r < model.age_rules.size(); ++r) {
    const auto& rule = model.age_rules[r];
    if (rule.move.state < 0) continue;
    for (std::size_t s = 0; s < n; ++s) {
      const bool applies = rule.states.empty() || std::find(rule.states.begin(), rule.states.end(), s) != rule.states.end();
      if (applies && static_cast<int>(s) != rule.move.state) {
        boost::add_edge(s, static_cast<std::size_t>(rule.move.state), EdgeInfo{EdgeInfo::Kind::age_rule, static_cast<int>(r), 0, 1.0}, sg.graph);
      }
    }
  }
  for (std::size_t k = 0; k < model.benefit_clocks.size(); ++k) {
    const auto& clock = model.benefit_clocks[k];
    for (std::size_t s = 0; s < n; ++s) {
      const auto& st = model.states[s];
      bool pays = st.benefit_rule == model::State::BenefitRule::fixed && st.benefit == clock.benefit;
      for (const auto& g : model.groups) pays = pays || (st.benefit_rule == model::State::BenefitRule::group && g.benefit == clock.benefit);
      for (std::size_t o = 0; o < clock.outcomes.size() && pays; ++o) {
        const int to = clock.outcomes[o].state;
        if (to >= 0 && to != static_cast<int>(s)) {
          boost::add_edge(s, static_cast<std::size_t>(to),
                          EdgeInfo{EdgeInfo::Kind::benefit_clock, static_cast<int>(k), static_cast<int>(o), clock.outcomes[o].share}, sg.graph);
        }
      }
    }
  }
}

StateGraph build_state_graph(const model::Model& model) {
  StateGraph sg{Graph(model.states.size()), {}};
  for (std::size_t i = 0; i < model.transitions.size(); ++i) {
    const auto& t = model.transitions[i];
    boost::add_edge(t.from, t.to, EdgeInfo{EdgeInfo::Kind::hazard, static_cast<int>(i), 0, 1.0}, sg.graph);
  }
  for (std::size_t s = 0; s < model.states.size(); ++s) {
    const auto& state = model.states[s];
    for (std::size_t e = 0; e < state.exits.size(); ++e) {
      const auto& exit = state.exits[e];
      if (exit.to_return) {
        for (const auto back : return_targets(model, static_cast<model::StateId>(s))) {
          boost::add_edge(s, back, EdgeInfo{EdgeInfo::Kind::return_exit, static_cast<int>(e), 0, exit.probability}, sg.graph);
        }
      } else if (exit.to >= 0) {
        boost::add_edge(s, static_cast<std::size_t>(exit.to),
                        EdgeInfo{EdgeInfo::Kind::exit, static_cast<int>(e), 0, exit.probability}, sg.graph);
      }
    }
  }
  for (std::size_t m = 0; m < model.meetings.size(); ++m) {
    const auto& track = model.meetings[m];
    for (std::size_t o = 0; o < track.outcomes.size(); ++o) {
      const auto& outcome = track.outcomes[o];
      boost::add_edge(outcome.from, outcome.to,
                      EdgeInfo{EdgeInfo::Kind::meeting, static_cast<int>(m), static_cast<int>(o), outcome.probability}, sg.graph);
    }
  }
  add_clock_edges(model, sg);
  std::vector<bool> seen(model.states.size(), false);
  for (const auto& f : model.inflow) seen[f.state] = true;
  for (const auto& i : model.initial) seen[i.state] = true;
  for (std::size_t s = 0; s < seen.size(); ++s) {
    if (seen[s]) sg.sources.push_back(static_cast<model::StateId>(s));
  }
  return sg;
}

int count_transitions(const model::Model& model) {
  std::size_t n = model.transitions.size();
  for (const auto& s : model.states) n += s.exits.size();
  for (const auto& m : model.meetings) n += m.outcomes.size();
  return static_cast<int>(n);
}

}  // namespace caseflow::graph
