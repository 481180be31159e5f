#include "analytic/markov_form.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "graph/state_graph.hpp"

namespace caseflow::analytic {
namespace {

using engine::Distribution;
using model::Hazard;
using model::State;

bool contains(const std::vector<model::StateId>& v, std::size_t s) {
  return std::find(v.begin(), v.end(), static_cast<model::StateId>(s)) != v.end();
}
bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

bool is_vanishing(const State& s) {
  return s.duration && s.duration->kind == Distribution::Kind::fixed && s.duration->a == 0.0;
}

bool has_return(const State& s) {
  return std::any_of(s.exits.begin(), s.exits.end(), [](const model::ProgrammeExit& e) { return e.to_return; });
}

bool spell_dependent(const model::Filter& f) { return f.min_spell_weeks > 0.0 || std::isfinite(f.max_spell_weeks); }

/// A Weibull hazard with shape 1 is the constant rate 1/scale.
bool is_constant(const Hazard& h) {
  return h.kind == Hazard::Kind::rate || (h.kind == Hazard::Kind::weibull && h.shape == 1.0) ||
         (h.kind == Hazard::Kind::piecewise && h.steps.size() == 1);
}

double constant_rate(const Hazard& h) {
  switch (h.kind) {
    case Hazard::Kind::rate: return h.rate;
    case Hazard::Kind::weibull: return 1.0 / h.scale;
    case Hazard::Kind::piecewise: return h.steps.front().second;
  }
  return 0.0;
}

/// The piecewise hazard's rate from clock time `t` on (the step in force at t).
double piecewise_rate_at(const Hazard& h, double t) {
  double r = h.steps.empty() ? 0.0 : h.steps.front().second;
  for (const auto& [from, rate] : h.steps) {
    if (from <= t + 1e-12) r = rate;
  }
  return r;
}

Problem at(const model::Origin& origin, const std::string& key, std::string message) {
  Problem p{origin, std::move(message)};
  if (!key.empty()) p.origin.path = origin.path.empty() ? key : origin.path + "." + key;
  return p;
}

/// One clock a micro state carries while the citizen stays in its model state. Every clock
/// restarts at phase 0 when the citizen enters the state.
struct Clock {
  enum class Kind { duration, piecewise, meeting };
  Kind kind = Kind::duration;
  int phases = 1;
  std::vector<double> advance;  ///< rate of leaving each phase (0: the clock stops there)
  std::vector<int> segment;     ///< piecewise: which piece each phase stands for
  int meeting = -1;             ///< meeting: track index
  int stride = 1;               ///< in the state's block of micro states
};

struct Layout {
  std::vector<int> origins{model::kNone};  ///< one copy per origin (programmes with `return`)
  std::vector<Clock> clocks;
  std::vector<double> breakpoints;  ///< piecewise clock: start of each piece
  int block = 1;                    ///< micro states per copy
  int base = 0;                     ///< first micro state
  bool vanishing = false;           ///< zero-duration programme: passed through at once
};

class Builder {
 public:
  Builder(const model::Arm& arm, int group, const Options& options) : arm_(arm), m_(arm.model), group_(group), k_(options.phases) {}

  MarkovForm build() {
    lay_out();
    MarkovForm form;
    form.size = size_;
    form.approximate = approximate_;
    form.state_of.resize(static_cast<std::size_t>(size_));
    for (std::size_t s = 0; s < m_.states.size(); ++s) {
      const auto& L = layout_[s];
      if (L.vanishing) continue;
      const int copies = static_cast<int>(L.origins.size());
      for (int i = 0; i < copies * L.block; ++i) {
        form.state_of[static_cast<std::size_t>(L.base + i)] = static_cast<model::StateId>(s);
      }
    }
    form.generator.push_back(generator(false));
    form.generator.push_back(arm_.effects.empty() ? form.generator.front() : generator(true));
    form.arrival.resize(m_.states.size());
    std::vector<bool> starts(m_.states.size(), false);
    for (const auto& f : m_.inflow) starts[f.state] = true;
    for (const auto& i : m_.initial) starts[i.state] = true;
    for (std::size_t s = 0; s < m_.states.size(); ++s) {
      if (starts[s]) enter(static_cast<int>(s), model::kNone, 1.0, form.arrival[s], 0);
    }
    return form;
  }

 private:
  bool meeting_applies(const model::MeetingTrack& t, std::size_t s) const {
    if (!contains(t.states, s)) return false;
    if (!t.eligible.states.empty() && !contains(t.eligible.states, s)) return false;
    return t.eligible.groups.empty() || group_ == model::kNone || contains(t.eligible.groups, group_);
  }

  bool effect_applies(const model::Effect& e, std::size_t s) const {
    if (!e.target.states.empty() && !contains(e.target.states, s)) return false;
    return e.target.groups.empty() || group_ == model::kNone || contains(e.target.groups, group_);
  }

  void lay_out() {
    layout_.resize(m_.states.size());
    for (std::size_t s = 0; s < m_.states.size(); ++s) {
      const auto& state = m_.states[s];
      auto& L = layout_[s];
      if (is_vanishing(state)) {
        L.vanishing = true;
        continue;
      }
      if (has_return(state)) {
        L.origins.clear();
        for (const auto o : graph::entering_states(m_, static_cast<model::StateId>(s))) L.origins.push_back(o);
        if (L.origins.empty()) L.origins.push_back(model::kNone);  // never entered: one inert copy
      }
      if (state.duration) {
        Clock c;
        c.kind = Clock::Kind::duration;
        if (state.duration->kind == Distribution::Kind::exponential) {
          c.advance = {1.0 / state.duration->a};
        } else {  // fixed > 0, phase-expanded into Erlang-K with the same mean
          c.phases = k_;
          c.advance.assign(static_cast<std::size_t>(k_), k_ / state.duration->a);
          approximate_ = true;
        }
        c.phases = static_cast<int>(c.advance.size());
        L.clocks.push_back(c);
      }
      // Piecewise hazards on the time-in-state clock share one clock per state: K phases for
      // each finite piece between the union of their breakpoints, one open-ended last phase.
      for (const auto& t : m_.transitions) {
        if (t.from != s || is_constant(t.hazard)) continue;
        for (const auto& step : t.hazard.steps) L.breakpoints.push_back(step.first);
      }
      if (!L.breakpoints.empty()) {
        L.breakpoints.push_back(0.0);
        std::sort(L.breakpoints.begin(), L.breakpoints.end());
        L.breakpoints.erase(std::unique(L.breakpoints.begin(), L.breakpoints.end()), L.breakpoints.end());
        Clock c;
        c.kind = Clock::Kind::piecewise;
        for (std::size_t piece = 0; piece + 1 < L.breakpoints.size(); ++piece) {
          const double length = L.breakpoints[piece + 1] - L.breakpoints[piece];
          for (int p = 0; p < k_; ++p) {
            c.advance.push_back(k_ / length);
            c.segment.push_back(static_cast<int>(piece));
          }
        }
        c.advance.push_back(0.0);
        c.segment.push_back(static_cast<int>(L.breakpoints.size() - 1));
        c.phases = static_cast<int>(c.advance.size());
        L.clocks.push_back(c);
        approximate_ = true;
      }
      for (std::size_t t = 0; t < m_.meetings.size(); ++t) {
        const auto& track = m_.meetings[t];
        if (!meeting_applies(track, s)) continue;
        Clock c;
        c.kind = Clock::Kind::meeting;
        c.meeting = static_cast<int>(t);
        c.phases = k_;
        c.advance.assign(static_cast<std::size_t>(k_), k_ / track.interval_min);
        L.clocks.push_back(c);
        approximate_ = true;
      }
      for (auto& c : L.clocks) {
        c.stride = L.block;
        L.block *= c.phases;
      }
      L.base = size_;
      size_ += L.block * static_cast<int>(L.origins.size());
      if (size_ > kMaxSize) {
        throw std::runtime_error(fmt::format("the Markov form needs more than {} states (at state '{}'); use fewer "
                                             "--phases",
                                             kMaxSize, state.name));
      }
    }
  }

  /// Adds to `out` where a citizen entering `target` from `from` lands (with weight p). A
  /// zero-duration programme is passed through at once along its exits.
  void enter(int target, int from, double p, std::vector<std::pair<int, double>>& out, int depth) const {
    if (p == 0.0) return;
    if (depth > 64) throw std::logic_error("zero-duration programmes route in a cycle (the graph checks refuse this)");
    const auto& L = layout_[static_cast<std::size_t>(target)];
    const auto& state = m_.states[static_cast<std::size_t>(target)];
    if (L.vanishing) {
      for (const auto& e : state.exits) {
        if (e.to_return) {
          if (from == model::kNone) throw std::logic_error("return with no state to return to");
          enter(from, target, p * e.probability, out, depth + 1);
        } else {
          enter(e.to, target, p * e.probability, out, depth + 1);
        }
      }
      return;
    }
    int copy = 0;
    if (L.origins.front() != model::kNone || L.origins.size() > 1) {
      const auto it = std::find(L.origins.begin(), L.origins.end(), from);
      if (it == L.origins.end()) throw std::logic_error("programme entered from a state outside its entry set");
      copy = static_cast<int>(it - L.origins.begin());
    }
    out.emplace_back(L.base + copy * L.block, p);
  }

  double hazard_multiplier(const model::Transition& t, std::size_t s, bool effects_on) const {
    double m = 1.0;
    if (!effects_on) return m;
    for (const auto& e : arm_.effects) {
      if (e.kind == model::Effect::Kind::hazard && e.from == t.from && e.to == t.to && effect_applies(e, s)) {
        m *= e.multiplier;
      }
    }
    return m;
  }

  double outcome_multiplier(int meeting, const model::MeetingOutcome& o, std::size_t s, bool effects_on) const {
    double m = 1.0;
    if (!effects_on) return m;
    for (const auto& e : arm_.effects) {
      if (e.kind == model::Effect::Kind::meeting_outcome && e.meeting == meeting && e.outcome == o.to &&
          effect_applies(e, s)) {
        m *= e.multiplier;
      }
    }
    return m;
  }

  Eigen::MatrixXd generator(bool effects_on) const {
    Eigen::MatrixXd Q = Eigen::MatrixXd::Zero(size_, size_);
    std::vector<std::pair<int, double>> to;
    const auto add = [&Q](int from, const std::vector<std::pair<int, double>>& targets, double rate) {
      for (const auto& [j, p] : targets) {
        if (j != from) Q(from, j) += rate * p;
      }
    };
    for (std::size_t s = 0; s < m_.states.size(); ++s) {
      const auto& L = layout_[s];
      if (L.vanishing) continue;
      const auto& state = m_.states[s];
      for (int copy = 0; copy < static_cast<int>(L.origins.size()); ++copy) {
        const int first = L.base + copy * L.block;
        for (int local = 0; local < L.block; ++local) {
          const int i = first + local;
          int piece = 0;
          for (const auto& c : L.clocks) {
            if (c.kind == Clock::Kind::piecewise) piece = c.segment[static_cast<std::size_t>((local / c.stride) % c.phases)];
          }
          for (const auto& t : m_.transitions) {
            if (t.from != s) continue;
            const double base_rate = is_constant(t.hazard)
                                         ? constant_rate(t.hazard)
                                         : piecewise_rate_at(t.hazard, L.breakpoints[static_cast<std::size_t>(piece)]);
            const double rate = base_rate * hazard_multiplier(t, s, effects_on);
            if (rate <= 0.0) continue;
            to.clear();
            if (t.to == s) {
              to.emplace_back(first, 1.0);  // re-entering restarts the state's clocks
            } else {
              enter(t.to, static_cast<int>(s), 1.0, to, 0);
            }
            add(i, to, rate);
          }
          for (const auto& c : L.clocks) {
            const int phase = (local / c.stride) % c.phases;
            const double rate = c.advance[static_cast<std::size_t>(phase)];
            if (rate <= 0.0) continue;
            if (phase + 1 < c.phases) {
              Q(i, i + c.stride) += rate;
              continue;
            }
            to.clear();
            if (c.kind == Clock::Kind::duration) {
              for (const auto& e : state.exits) {
                if (e.to_return) {
                  const int back = L.origins[static_cast<std::size_t>(copy)];
                  if (back != model::kNone) enter(back, static_cast<int>(s), e.probability, to, 0);
                } else {
                  enter(e.to, static_cast<int>(s), e.probability, to, 0);
                }
              }
            } else if (c.kind == Clock::Kind::meeting) {
              const auto& track = m_.meetings[static_cast<std::size_t>(c.meeting)];
              double moved = 0.0;
              for (const auto& o : track.outcomes) {
                if (o.from != s) continue;
                const double q = std::min(1.0, o.probability * outcome_multiplier(c.meeting, o, s, effects_on));
                moved += q;
                if (o.to == s) {
                  to.emplace_back(first, q);
                } else {
                  enter(o.to, static_cast<int>(s), q, to, 0);
                }
              }
              // No outcome: the citizen stays and its next meeting interval starts.
              if (moved < 1.0) to.emplace_back(i - phase * c.stride, 1.0 - moved);
            }
            add(i, to, rate);
          }
        }
      }
    }
    for (int i = 0; i < size_; ++i) {
      Q(i, i) = 0.0;
      Q(i, i) = -Q.row(i).sum();
    }
    return Q;
  }

  static constexpr int kMaxSize = 3000;
  const model::Arm& arm_;
  const model::Model& m_;
  int group_;
  int k_;
  std::vector<Layout> layout_;
  int size_ = 0;
  bool approximate_ = false;
};

}  // namespace

NotMarkov::NotMarkov(std::vector<Problem> problems)
    : std::runtime_error(problems.empty() ? std::string("not Markov")
                                          : problems.front().origin.path + ": " + problems.front().message),
      problems_(std::move(problems)) {}

std::vector<Problem> markov_problems(const model::Arm& arm, const Options& options) {
  const auto& m = arm.model;
  const bool phases = options.phases > 0;
  const std::string hint = "; run with --phases K to approximate it by K exponential phases";
  std::vector<Problem> out;
  std::vector<bool> starts(m.states.size(), false);
  for (const auto& f : m.inflow) starts[f.state] = true;
  for (const auto& i : m.initial) starts[i.state] = true;

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
    if (has_return(state)) {
      if (starts[s]) {
        out.push_back(at(state.origin, "exits",
                         fmt::format("citizens start in programme '{}' (inflow or initial stock), so its `return` "
                                     "exit has no state to go back to in the analytic form",
                                     state.name)));
      }
      for (const auto o : graph::entering_states(m, static_cast<model::StateId>(s))) {
        if (has_return(m.states[o]) && !is_vanishing(m.states[o])) {
          out.push_back(at(state.origin, "exits",
                           fmt::format("`return` from '{}' can lead back into programme '{}', which has a `return` "
                                       "exit of its own; the analytic form keeps one state to return to, not two",
                                       state.name, m.states[o].name)));
        } else if (has_return(m.states[o])) {
          out.push_back(at(state.origin, "exits",
                           fmt::format("`return` from '{}' leads back into zero-duration programme '{}', whose own "
                                       "`return` would need a second remembered state",
                                       state.name, m.states[o].name)));
        }
      }
    }
  }

  for (const auto& t : m.transitions) {
    const auto& h = t.hazard;
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
      out.push_back(at(t.origin, "piecewise", "a piecewise hazard changes with time in the state, so it is not "
                                              "memoryless (expected a constant rate)" +
                                                  hint));
    }
  }

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
      out.push_back(at(track.origin, "eligible.served_by", "eligibility by pool depends on capacity, which is not "
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

  for (const auto& e : arm.effects) {
    if (spell_dependent(e.target)) {
      out.push_back(at(e.origin, "target", "an effect targeted by spell length needs the spell clock, which the "
                                           "Markov form does not keep (expected no min_spell_weeks/max_spell_weeks)"));
    }
    if (e.target.served_by >= 0) {
      out.push_back(at(e.origin, "target.served_by", "an effect targeted by pool depends on capacity, which is not "
                                                     "Markov (expected no served_by)"));
    }
  }
  return out;
}

bool depends_on_group(const model::Arm& arm) {
  const auto& m = arm.model;
  const bool meetings = std::any_of(m.meetings.begin(), m.meetings.end(),
                                    [](const model::MeetingTrack& t) { return !t.eligible.groups.empty(); });
  const bool effects = std::any_of(arm.effects.begin(), arm.effects.end(),
                                   [](const model::Effect& e) { return !e.target.groups.empty(); });
  return meetings || effects;
}

MarkovForm markov_form(const model::Arm& arm, int group, const Options& options) {
  auto problems = markov_problems(arm, options);
  if (!problems.empty()) throw NotMarkov(std::move(problems));
  return Builder(arm, group, options).build();
}

}  // namespace caseflow::analytic
