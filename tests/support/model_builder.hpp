#pragma once
// Small helpers to write models in tests without a YAML file.

#include <string>

#include "model/spec.hpp"

namespace caseflow::test {

inline model::StateId add_state(model::Model& m, const std::string& name, int line, bool self_supporting = false) {
  model::State s;
  s.name = name;
  s.benefit_rule = self_supporting ? model::State::BenefitRule::none : model::State::BenefitRule::group;
  s.self_supporting = self_supporting;
  s.origin = model::Origin{"test.yaml", line, 3, "states." + name};
  m.states.push_back(s);
  return static_cast<model::StateId>(m.states.size() - 1);
}

inline model::StateId add_programme(model::Model& m, const std::string& name, int line, engine::Distribution duration) {
  const auto id = add_state(m, name, line);
  m.states[id].duration = duration;
  return id;
}

inline void add_exit(model::Model& m, model::StateId from, int to, double p) {
  m.states[from].exits.push_back(model::ProgrammeExit{to, false, p});
}

inline void add_return(model::Model& m, model::StateId from, double p) {
  m.states[from].exits.push_back(model::ProgrammeExit{model::kNone, true, p});
}

inline void add_rate(model::Model& m, model::StateId from, model::StateId to, double rate) {
  model::Transition t;
  t.from = from;
  t.to = to;
  t.hazard.kind = model::Hazard::Kind::rate;
  t.hazard.rate = rate;
  t.origin = model::Origin{"test.yaml", 40 + static_cast<int>(m.transitions.size()), 5,
                           "transitions." + m.states[from].name + "." + m.states[to].name};
  m.transitions.push_back(t);
}

inline void add_inflow(model::Model& m, model::StateId state, double per_year, int group = 0) {
  model::Inflow in;
  in.group = group;
  in.state = state;
  in.per_year = per_year;
  m.inflow.push_back(in);
}

inline void add_initial(model::Model& m, model::StateId state, std::int64_t count, int group = 0) {
  model::InitialStock i;
  i.group = group;
  i.state = state;
  i.count = count;
  m.initial.push_back(i);
}

inline engine::Distribution exponential(double mean) {
  return engine::Distribution{engine::Distribution::Kind::exponential, mean, 0.0, 0.0, {}};
}

}  // namespace caseflow::test
