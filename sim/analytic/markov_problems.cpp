// What has no Markov form, with the key to blame: capacity (slots, pools), durations and
// hazards that are not memoryless (unless phase-expanded), clocks that remember a citizen's
// age, benefit weeks, spell or past services, and rules that count over time. Called before any
// chain is built (markov_form.cpp); calls nothing but markov_builder.hpp's small predicates.
#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "analytic/markov_builder.hpp"

namespace caseflow::analytic {
namespace {

using detail::at;
using detail::is_constant;
using engine::Distribution;
using model::Hazard;

bool spell_dependent(const model::Filter& f) { return f.min_spell_weeks > 0.0 || std::isfinite(f.max_spell_weeks); }

const std::string kHint = "; run with --phases K to approximate it by K exponential phases";

/// Slots, and durations that are neither exponential nor (with phases) fixed.
void state_problems(const model::Model& m, bool phases, std::vector<Problem>& out) {
  const std::string& hint = kHint;
  for (std::size_t s = 0; s < m.states.size(); ++s) {
    const auto& state = m.states[s];
    if (state.slot >= 0) {
      const auto& slot = m.slots[static_cast<std::size_t>(state.slot)];
      out.push_back(at(state.origin, "slots",
                       fmt::format("state '{}' needs a place in '{}' (capacity {}); a queue for limited places is "
                                   "not Markov (expected no `slots` for the analytic form)",
                                   state.name, slot.name, slot.capacity)));
    }
    if (state.duration) {
      const auto& d = *state.duration;
      if (d.kind == Distribution::Kind::fixed && d.a > 0.0 && !phases) {
        out.push_back(at(state.origin, "duration",
                         fmt::format("a fixed duration of {:g} weeks is not memoryless (expected an exponential "
                                     "duration){}",
                                     d.a, hint)));
      } else if (d.kind != Distribution::Kind::fixed && d.kind != Distribution::Kind::exponential) {
        out.push_back(at(state.origin, "duration",
                         fmt::format("a {} duration has no Markov form (expected exponential, or fixed with "
                                     "--phases K)",
                                     engine::kind_name(d.kind))));
      }
    }
  }
}

/// Clocks that remember a citizen's age or its weeks on a benefit: no state of the matrix form does.
void memory_problems(const model::Arm& arm, std::vector<Problem>& out) {
  const auto& m = arm.model;
  for (const auto& rule : m.age_rules) {
    out.push_back(at(rule.origin, "", fmt::format("age rule '{}' moves citizens at an age, which is not Markov (expected no "
                                                  "`age_rules` for the analytic form)", rule.name)));
  }
  for (const auto& track : m.meetings) {
    if (track.eligible.has_age_bounds()) {
      out.push_back(at(track.origin, "eligible", "an age bound (`min_age`, `max_age`) is not Markov (expected none for the analytic form)"));
    }
  }
  for (const auto& e : arm.effects) {
    if (e.target.has_age_bounds()) {
      out.push_back(at(e.origin, "target", "an age bound (`min_age`, `max_age`) is not Markov (expected none for the analytic form)"));
    }
  }
  for (const auto& clock : m.benefit_clocks) {
    out.push_back(at(clock.origin, "", fmt::format("benefit clock '{}' counts weeks on a benefit within a window, which is not "
                                                   "Markov (expected no `benefit_clocks` for the analytic form)", clock.name)));
  }
}

/// Hazards by group, Weibull hazards, the spell clock, and (without phases) piecewise hazards.
void hazard_problems(const model::Model& m, bool phases, std::vector<Problem>& out) {
  const std::string& hint = kHint;
  for (const auto& t : m.transitions) {
    const auto& h = t.hazard;
    for (const auto& own : t.by_group) {
      if (own && !(*own == h)) {
        out.push_back(at(t.origin, "by_group",
                         "group-specific hazards need one chain per group, which the Markov form does not build "
                         "(expected one hazard for all groups)"));
        break;
      }
    }
    if (is_constant(h)) continue;  // the clock does not matter for a constant rate
    if (h.kind == Hazard::Kind::weibull) {
      out.push_back(at(t.origin, "weibull",
                       fmt::format("a Weibull hazard with shape {:g} changes with time in the state, so it has no "
                                   "Markov form (expected a constant rate, or shape 1)",
                                   h.shape)));
    } else if (h.clock == Hazard::Clock::spell) {
      out.push_back(at(t.origin, "clock",
                       "a piecewise hazard on the spell clock depends on the whole benefit spell's history, which "
                       "the Markov form does not keep (expected `clock: state`)"));
    } else if (!phases) {
      out.push_back(at(t.origin, "piecewise",
                       "a piecewise hazard changes with time in the state, so it is not "
                       "memoryless (expected a constant rate)" +
                           hint));
    }
  }
}

/// Meetings held by a pool, eligibility by spell or pool, and (without phases) fixed intervals.
void meeting_problems(const model::Model& m, bool phases, std::vector<Problem>& out) {
  const std::string& hint = kHint;
  for (const auto& track : m.meetings) {
    if (track.pool >= 0) {
      out.push_back(at(track.origin, "pool",
                       fmt::format("meeting '{}' is held by pool '{}', whose caseload sets the interval; capacity is "
                                   "not Markov (expected a meeting without a pool)",
                                   track.name, m.pools[static_cast<std::size_t>(track.pool)].name)));
      continue;
    }
    if (spell_dependent(track.eligible)) {
      out.push_back(at(track.origin, "eligible",
                       "eligibility by spell length needs the spell clock, which the Markov form does not keep "
                       "(expected no min_spell_weeks/max_spell_weeks)"));
    }
    if (track.eligible.served_by >= 0) {
      out.push_back(at(track.origin, "eligible.served_by",
                       "eligibility by pool depends on capacity, which is not "
                       "Markov (expected no served_by)"));
    }
    if (track.interval_min != track.interval_max) {
      out.push_back(at(track.origin, "interval_weeks",
                       fmt::format("without a pool the interval must be one number (expected min == max, found {:g} "
                                   "and {:g})",
                                   track.interval_min, track.interval_max)));
    } else if (!phases) {
      out.push_back(at(track.origin, "interval_weeks",
                       fmt::format("meetings every {:g} weeks are not memoryless (a fixed interval remembers the last "
                                   "meeting){}; the interval then becomes Erlang-K with the same mean",
                                   track.interval_min, hint)));
    }
  }
}

/// Effects targeted by spell length, by pool or by a service received.
void effect_problems(const model::Arm& arm, std::vector<Problem>& out) {
  for (const auto& e : arm.effects) {
    if (spell_dependent(e.target)) {
      out.push_back(at(e.origin, "target",
                       "an effect targeted by spell length needs the spell clock, which the "
                       "Markov form does not keep (expected no min_spell_weeks/max_spell_weeks)"));
    }
    if (e.target.served_by >= 0) {
      out.push_back(at(e.origin, "target.served_by",
                       "an effect targeted by pool depends on capacity, which is not "
                       "Markov (expected no served_by)"));
    }
    if (e.target.needs_receipt()) {
      out.push_back(at(e.origin, "target.received",
                       "an effect that follows the citizens who received a service remembers each citizen's past, "
                       "which the Markov form does not keep (expected no received)"));
    }
  }
}

/// Rules that count over time: a fading effect, a cap on participants, a cap on meetings.
void counting_problems(const model::Arm& arm, std::vector<Problem>& out) {
  const auto& m = arm.model;
  if (arm.fade_weeks > 0.0 && std::isfinite(arm.end_week)) {
    out.push_back(at(arm.origin, "after_end.fade_weeks",
                     "a fading effect changes its strength week by week, which the Markov form does not follow "
                     "(expected no fade_weeks)"));
  }
  if (arm.max_participants > 0) {
    out.push_back(at(arm.origin, "max_participants",
                     "a cap on participants counts citizens over the intervention's life, which is not Markov "
                     "(expected no max_participants)"));
  }
  for (const auto& track : m.meetings) {
    if (track.max_per_citizen > 0) {
      out.push_back(at(track.origin, "max_per_citizen",
                       fmt::format("meeting '{}' is held at most {} times per citizen, which counts each citizen's "
                                   "past meetings; not Markov (expected no max_per_citizen)",
                                   track.name, track.max_per_citizen)));
    }
  }
}

}  // namespace

std::vector<Problem> markov_problems(const model::Arm& arm, const Options& options) {
  const bool phases = options.phases > 0;
  std::vector<Problem> out;
  // In this order, which is the order of the messages.
  state_problems(arm.model, phases, out);
  memory_problems(arm, out);
  hazard_problems(arm.model, phases, out);
  meeting_problems(arm.model, phases, out);
  effect_problems(arm, out);
  counting_problems(arm, out);
  return out;
}

}  // namespace caseflow::analytic
