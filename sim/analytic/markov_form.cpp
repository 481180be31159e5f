#include "analytic/markov_form.hpp"

// The public entry points of markov_form.hpp. What has no Markov form is found in
// markov_problems.cpp, the chain is built by markov_builder.hpp's Builder (markov_layout.cpp,
// markov_generator.cpp); this file puts the two together for an arm or a scenario's arm.

#include <algorithm>

#include "analytic/markov_builder.hpp"

namespace caseflow::analytic {

using detail::Builder;

NotMarkov::NotMarkov(std::vector<Problem> problems)
    : std::runtime_error(problems.empty() ? std::string("not Markov")
                                          : problems.front().origin.path + ": " + problems.front().message),
      problems_(std::move(problems)) {}

bool depends_on_group(const model::Arm& arm) {
  const auto& m = arm.model;
  const bool meetings =
      std::any_of(m.meetings.begin(), m.meetings.end(), [](const model::MeetingTrack& t) { return !t.eligible.groups.empty(); });
  const bool effects =
      std::any_of(arm.effects.begin(), arm.effects.end(), [](const model::Effect& e) { return !e.target.groups.empty(); });
  return meetings || effects;
}

std::vector<Problem> markov_problems(const model::Scenario& scenario, std::size_t arm, const Options& options) {
  auto out = markov_problems(scenario.arms.at(arm), options);
  if (arm == 0) return out;
  // While the arm is inactive the baseline runs: its problems are this arm's too.
  for (auto& p : markov_problems(scenario.arms.front(), options)) {
    const bool seen = std::any_of(out.begin(), out.end(),
                                  [&p](const Problem& q) { return q.origin.path == p.origin.path && q.message == p.message; });
    if (!seen) out.push_back(std::move(p));
  }
  if (out.empty()) {
    Builder builder(scenario.arms.front().model, scenario.arms[arm].model, scenario.arms[arm].effects, model::kNone, options);
    out = builder.layout_problems();
  }
  return out;
}

MarkovForm markov_form(const model::Arm& arm, int group, const Options& options) {
  auto problems = markov_problems(arm, options);
  if (!problems.empty()) throw NotMarkov(std::move(problems));
  return Builder(arm.model, arm.model, arm.effects, group, options).build();
}

MarkovForm markov_form(const model::Scenario& scenario, std::size_t arm, int group, const Options& options) {
  auto problems = markov_problems(scenario, arm, options);
  if (!problems.empty()) throw NotMarkov(std::move(problems));
  const auto& a = scenario.arms.at(arm);
  static const std::vector<model::Effect> kNoEffects;
  if (arm == 0) return Builder(a.model, a.model, kNoEffects, group, options).build();
  return Builder(scenario.arms.front().model, a.model, a.effects, group, options).build();
}

}  // namespace caseflow::analytic