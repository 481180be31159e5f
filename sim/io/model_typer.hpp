#pragma once
/// @file model_typer.hpp
/// The model of one arm (model::Model) from a document tree: refund schedules, benefits,
/// groups, slots, pools, states and programmes, transitions and their hazards
/// (model_typer.cpp); meeting tracks, inflow and the initial stock, age rules and benefit
/// clocks (model_typer_flows.cpp). Names are resolved against what the tree defines; every
/// problem goes to the sink. The baseline's tree and each arm's merged tree are typed alike.
/// May call: io/typed_reader, io/distribution_typer, io/filter_typer, io/key_registry (defaults).

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/typed_reader.hpp"
#include "model/spec.hpp"

namespace caseflow::io {

class ModelTyper : public TypedReader {
 public:
  explicit ModelTyper(DiagnosticSink& sink) : TypedReader(sink) {}

  /// The model of the tree `root` (the scenario's sections, an arm's patch merged in).
  /// `calendar` dates refund and staffing changes; nullptr when the dates are unusable.
  model::Model model(const Node& root, const engine::Calendar* calendar);

 private:
  // model_typer.cpp
  void refund(const Node* n, model::Model& m);
  void refund_by_state(model::Model& m);
  void refund_changes(const Node& list, model::Benefit& b, const std::vector<std::string>& schedules,
                      const engine::Calendar* calendar);
  void benefits(const Node* n, model::Model& m, const engine::Calendar* calendar);
  void groups(const Node* n, model::Model& m);
  void slots(const Node* n, model::Model& m);
  void pools(const Node* n, model::Model& m, const engine::Calendar* calendar);
  void states(const Node* n, model::Model& m);
  void state_benefit(const Node& b, model::State& s, const std::vector<std::string>& benefit_names);
  void programme_exits(const Node& v, model::State& s, const std::vector<std::string>& state_names);
  model::Hazard hazard(const Node& v, std::string_view section = "transitions.FROM.TO");
  void transitions(const Node* n, model::Model& m);

  // model_typer_flows.cpp
  void meetings(const Node* n, model::Model& m);
  void interval(const Node& v, const Node& iv, model::MeetingTrack& t);
  void meeting_outcomes(const Node& oc, model::MeetingTrack& t, const std::vector<std::string>& track_states,
                        const std::vector<std::string>& state_names);
  void group_and_state(const Node& item, const model::Model& m, int& group, model::StateId& state);
  std::string source_name(const Node& item, const model::Model& m, int group, model::StateId state, std::set<std::string>& seen);
  void inflow(const Node* n, model::Model& m);
  void initial(const Node* n, model::Model& m);
  model::ClockMove clock_move(const Node& v, const model::Model& m);
  void age_rules(const Node* n, model::Model& m);
  void benefit_clocks(const Node* n, model::Model& m);

  /// Activity-based refund schedules whose `by_state` waits for the states: (index, node).
  std::vector<std::pair<std::size_t, const Node*>> pending_by_state_;
};

}  // namespace caseflow::io
