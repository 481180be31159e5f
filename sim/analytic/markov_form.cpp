#include "analytic/markov_form.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>


namespace caseflow::analytic {
namespace {

using engine::Distribution;
using model::Hazard;
using model::State;

bool contains(const std::vector<model::StateId>& v, std::size_t s) {
  return std::find(v.begin(), v.end(), static_cast<model::StateId>(s)) != v.end();
}
bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

bool is_vanishing(const State& s) { return s.duration && s.duration->kind == Distribution::Kind::fixed && s.duration->a == 0.0; }

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
    case Hazard::Kind::rate:
      return h.rate;
    case Hazard::Kind::weibull:
      return 1.0 / h.scale;
    case Hazard::Kind::piecewise:
      return h.steps.front().second;
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

/// The clocks of one state under one model, and the piecewise breakpoints they use.
struct Clocks {
  std::vector<Clock> clocks;
  std::vector<double> breakpoints;  ///< piecewise clock: start of each piece
  bool approximate = false;
  /// What must agree between the two regimes for them to share micro states.
  [[nodiscard]] std::string signature(const model::Model& m) const {
    std::string out;
    for (const auto& c : clocks) {
      out += fmt::format("{}:{}:{};", static_cast<int>(c.kind), c.phases,
                         c.meeting >= 0 ? m.meetings[static_cast<std::size_t>(c.meeting)].name : "");
    }
    for (const double b : breakpoints) out += fmt::format("{};", b);
    return out;
  }
};

struct Layout {
  /// One copy per state a `return` could lead back to; {kNone} when no return is reachable.
  std::vector<int> origins{model::kNone};
  bool memory = false;     ///< a programme from which a `return` can be reached
  Clocks clocks;           ///< of the active regime's model; the inactive one must match
  int block = 1;           ///< micro states per copy
  int base = 0;            ///< first micro state
  bool vanishing = false;  ///< zero-duration programme: passed through at once
};

/// Where citizens go from a state in either regime, ignoring rates: hazards, meeting outcomes
/// and explicit programme exits (`return` leads to non-programme states only).
std::vector<std::vector<int>> successors(const std::vector<const model::Model*>& models, std::size_t n) {
  std::vector<std::vector<int>> next(n);
  const auto add = [&next, n](std::size_t from, int to) {
    if (from < n && to >= 0 && static_cast<std::size_t>(to) < n) next[from].push_back(to);
  };
  for (const auto* m : models) {
    for (const auto& t : m->transitions) add(t.from, t.to);
    for (const auto& track : m->meetings) {
      for (const auto& o : track.outcomes) add(o.from, o.to);
    }
    for (std::size_t s = 0; s < m->states.size(); ++s) {
      for (const auto& e : m->states[s].exits) {
        if (!e.to_return) add(s, e.to);
      }
    }
  }
  for (auto& v : next) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }
  return next;
}

/// The simulator's return state for citizens who start in a programme: the first state that is
/// neither a programme nor self-supporting.
int default_return_state(const model::Model& m) {
  for (std::size_t s = 0; s < m.states.size(); ++s) {
    if (!m.states[s].is_programme() && !m.states[s].self_supporting) return static_cast<int>(s);
  }
  return 0;
}

class Builder {
 public:
  /// `inactive` and `active` are the models of the two regimes; effects apply in the active one.
  Builder(const model::Model& inactive, const model::Model& active, const std::vector<model::Effect>& effects, int group,
          const Options& options)
      : models_{&inactive, &active}, effects_(effects), group_(group), k_(options.phases) {}

  MarkovForm build() {
    lay_out();
    MarkovForm form;
    form.size = size_;
    form.approximate = approximate_;
    form.state_of.resize(static_cast<std::size_t>(size_));
    for (std::size_t s = 0; s < layout_.size(); ++s) {
      const auto& L = layout_[s];
      if (L.vanishing) continue;
      for (int i = 0; i < static_cast<int>(L.origins.size()) * L.block; ++i) {
        form.state_of[static_cast<std::size_t>(L.base + i)] = static_cast<model::StateId>(s);
      }
    }
    for (int regime = 0; regime < 2; ++regime) {
      form.generator.push_back(generator(regime));
      const auto& m = *models_[static_cast<std::size_t>(regime)];
      std::vector<std::vector<std::pair<int, double>>> arrival(layout_.size());
      std::vector<bool> starts(layout_.size(), false);
      for (const auto& f : m.inflow) starts[f.state] = true;
      for (const auto& i : m.initial) starts[i.state] = true;
      for (std::size_t s = 0; s < layout_.size(); ++s) {
        if (starts[s]) enter(regime, static_cast<int>(s), default_return_, 1.0, arrival[s], 0);
      }
      form.arrival.push_back(std::move(arrival));
    }
    return form;
  }

  /// Differences between the regimes' clocks that would need two layouts.
  std::vector<Problem> layout_problems() {
    std::vector<Problem> out;
    const auto& a = *models_[0];
    const auto& b = *models_[1];
    for (std::size_t s = 0; s < std::min(a.states.size(), b.states.size()); ++s) {
      const bool va = is_vanishing(a.states[s]), vb = is_vanishing(b.states[s]);
      const auto ca = clocks_of(a, s, false), cb = clocks_of(b, s, true);
      if (va != vb || ca.signature(a) != cb.signature(b)) {
        out.push_back(at(b.states[s].origin, "",
                         fmt::format("the intervention changes how state '{}' keeps time (its duration, piecewise "
                                     "clock or meetings), so the chain with and without it would need different "
                                     "phases; the analytic form handles patches that change rates and "
                                     "probabilities only",
                                     b.states[s].name)));
      }
    }
    return out;
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

  Clocks clocks_of(const model::Model& m, std::size_t s, bool mark) {
    Clocks out;
    const auto& state = m.states[s];
    if (state.duration && !is_vanishing(state)) {
      Clock c;
      c.kind = Clock::Kind::duration;
      if (state.duration->kind == Distribution::Kind::exponential) {
        c.advance = {1.0 / state.duration->a};
      } else {  // fixed > 0, phase-expanded into Erlang-K with the same mean
        c.advance.assign(static_cast<std::size_t>(k_), k_ / state.duration->a);
        out.approximate = true;
      }
      c.phases = static_cast<int>(c.advance.size());
      out.clocks.push_back(c);
    }
    // Piecewise hazards on the time-in-state clock share one clock per state: K phases for
    // each finite piece between the union of their breakpoints, one open-ended last phase.
    for (const auto& t : m.transitions) {
      if (t.from != s || is_constant(t.hazard)) continue;
      for (const auto& step : t.hazard.steps) out.breakpoints.push_back(step.first);
    }
    if (!out.breakpoints.empty()) {
      out.breakpoints.push_back(0.0);
      std::sort(out.breakpoints.begin(), out.breakpoints.end());
      out.breakpoints.erase(std::unique(out.breakpoints.begin(), out.breakpoints.end()), out.breakpoints.end());
      Clock c;
      c.kind = Clock::Kind::piecewise;
      for (std::size_t piece = 0; piece + 1 < out.breakpoints.size(); ++piece) {
        const double length = out.breakpoints[piece + 1] - out.breakpoints[piece];
        for (int p = 0; p < k_; ++p) {
          c.advance.push_back(k_ / length);
          c.segment.push_back(static_cast<int>(piece));
        }
      }
      c.advance.push_back(0.0);
      c.segment.push_back(static_cast<int>(out.breakpoints.size() - 1));
      c.phases = static_cast<int>(c.advance.size());
      out.clocks.push_back(c);
      out.approximate = true;
    }
    for (std::size_t t = 0; t < m.meetings.size(); ++t) {
      const auto& track = m.meetings[t];
      if (!meeting_applies(track, s)) continue;
      Clock c;
      c.kind = Clock::Kind::meeting;
      c.meeting = static_cast<int>(t);
      c.phases = k_;
      c.advance.assign(static_cast<std::size_t>(k_), k_ / track.interval_min);
      out.clocks.push_back(c);
      out.approximate = true;
    }
    if (mark) approximate_ = approximate_ || out.approximate;
    return out;
  }

  void lay_out() {
    const auto& active = *models_[1];
    const std::size_t n = active.states.size();
    default_return_ = default_return_state(active);
    layout_.resize(n);
    const auto next = successors({models_[0], models_[1]}, n);
    const auto programme = [&active](std::size_t s) { return active.states[s].is_programme(); };

    // Programmes from which a `return` can be reached through programmes only must remember
    // the last non-programme state.
    bool changed = true;
    for (std::size_t s = 0; s < n; ++s) layout_[s].memory = programme(s) && has_return(active.states[s]);
    for (const auto* m : models_) {
      for (std::size_t s = 0; s < std::min(n, m->states.size()); ++s) {
        if (m->states[s].is_programme() && has_return(m->states[s])) layout_[s].memory = programme(s);
      }
    }
    while (changed) {
      changed = false;
      for (std::size_t s = 0; s < n; ++s) {
        if (!programme(s) || layout_[s].memory) continue;
        for (const int t : next[s]) {
          if (programme(static_cast<std::size_t>(t)) && layout_[static_cast<std::size_t>(t)].memory) {
            layout_[s].memory = changed = true;
            break;
          }
        }
      }
    }
    // Which non-programme states each remembering programme can have come from.
    std::vector<std::vector<int>> from(n);
    std::vector<bool> starts(n, false);
    for (const auto* m : models_) {
      for (const auto& f : m->inflow) starts[f.state] = true;
      for (const auto& i : m->initial) starts[i.state] = true;
    }
    for (std::size_t s = 0; s < n; ++s) {
      if (layout_[s].memory && starts[s]) from[s].push_back(default_return_);
      for (const int t : next[s]) {
        if (!programme(s) && layout_[static_cast<std::size_t>(t)].memory)
          from[static_cast<std::size_t>(t)].push_back(static_cast<int>(s));
      }
    }
    changed = true;
    while (changed) {
      changed = false;
      for (std::size_t s = 0; s < n; ++s) {
        if (!layout_[s].memory) continue;
        for (const int t : next[s]) {
          auto& target = from[static_cast<std::size_t>(t)];
          if (!layout_[static_cast<std::size_t>(t)].memory) continue;
          for (const int o : from[s]) {
            if (std::find(target.begin(), target.end(), o) == target.end()) {
              target.push_back(o);
              changed = true;
            }
          }
        }
      }
    }

    for (std::size_t s = 0; s < n; ++s) {
      const auto& state = active.states[s];
      auto& L = layout_[s];
      L.vanishing = is_vanishing(state);
      if (L.memory && !from[s].empty()) {
        L.origins = from[s];
        std::sort(L.origins.begin(), L.origins.end());
        L.origins.erase(std::unique(L.origins.begin(), L.origins.end()), L.origins.end());
      }
      if (L.vanishing) continue;
      L.clocks = clocks_of(active, s, true);
      for (auto& c : L.clocks.clocks) {
        c.stride = L.block;
        L.block *= c.phases;
      }
      L.base = size_;
      size_ += L.block * static_cast<int>(L.origins.size());
      if (size_ > kMaxSize) {
        throw std::runtime_error(
            fmt::format("the Markov form needs more than {} states (at state '{}'); use fewer "
                        "--phases",
                        kMaxSize, state.name));
      }
    }
  }

  /// Adds to `out` where a citizen entering `target` lands (with weight p), `memory` being the
  /// last non-programme state it was in. A zero-duration programme is passed through at once.
  void enter(int regime, int target, int memory, double p, std::vector<std::pair<int, double>>& out, int depth) const {
    if (p == 0.0) return;
    if (depth > 64) throw std::logic_error("zero-duration programmes route in a cycle (the graph checks refuse this)");
    const auto& m = *models_[static_cast<std::size_t>(regime)];
    const auto& L = layout_[static_cast<std::size_t>(target)];
    const auto& state = m.states[static_cast<std::size_t>(target)];
    if (!state.is_programme()) memory = target;
    if (L.vanishing) {
      for (const auto& e : state.exits) enter(regime, e.to_return ? memory : e.to, memory, p * e.probability, out, depth + 1);
      return;
    }
    int copy = 0;
    if (L.origins.size() > 1 || L.origins.front() != model::kNone) {
      const auto it = std::find(L.origins.begin(), L.origins.end(), memory);
      if (it == L.origins.end()) throw std::logic_error("programme entered with a return state outside its set");
      copy = static_cast<int>(it - L.origins.begin());
    }
    out.emplace_back(L.base + copy * L.block, p);
  }

  double hazard_multiplier(const model::Transition& t, std::size_t s, int regime) const {
    double m = 1.0;
    if (regime == 0) return m;
    for (const auto& e : effects_) {
      if (e.kind == model::Effect::Kind::hazard && e.from == t.from && e.to == t.to && effect_applies(e, s)) {
        m *= e.multiplier;
      }
    }
    return m;
  }

  double outcome_multiplier(const std::string& meeting, const model::MeetingOutcome& o, std::size_t s, int regime) const {
    double m = 1.0;
    if (regime == 0) return m;
    const auto& active = *models_[1];
    for (const auto& e : effects_) {
      if (e.kind == model::Effect::Kind::meeting_outcome && e.meeting >= 0 &&
          active.meetings[static_cast<std::size_t>(e.meeting)].name == meeting && e.outcome == o.to && effect_applies(e, s)) {
        m *= e.multiplier;
      }
    }
    return m;
  }

  Eigen::MatrixXd generator(int regime) {
    const auto& m = *models_[static_cast<std::size_t>(regime)];
    Eigen::MatrixXd Q = Eigen::MatrixXd::Zero(size_, size_);
    std::vector<std::pair<int, double>> to;
    const auto add = [&Q](int from, const std::vector<std::pair<int, double>>& targets, double rate) {
      for (const auto& [j, p] : targets) {
        if (j != from) Q(from, j) += rate * p;
      }
    };
    for (std::size_t s = 0; s < std::min(layout_.size(), m.states.size()); ++s) {
      const auto& L = layout_[s];
      if (L.vanishing) continue;
      const auto& state = m.states[s];
      // The regime's own clocks: equal in shape to the layout's (checked), rates may differ.
      const auto clocks = clocks_of(m, s, false);
      for (int copy = 0; copy < static_cast<int>(L.origins.size()); ++copy) {
        const int first = L.base + copy * L.block;
        const int memory = state.is_programme() ? L.origins[static_cast<std::size_t>(copy)] : static_cast<int>(s);
        for (int local = 0; local < L.block; ++local) {
          const int i = first + local;
          int piece = 0;
          for (std::size_t k = 0; k < clocks.clocks.size(); ++k) {
            const auto& c = clocks.clocks[k];
            const int stride = L.clocks.clocks[k].stride;
            if (c.kind == Clock::Kind::piecewise) piece = c.segment[static_cast<std::size_t>((local / stride) % c.phases)];
          }
          for (const auto& t : m.transitions) {
            if (t.from != s) continue;
            const double base_rate = is_constant(t.hazard)
                                         ? constant_rate(t.hazard)
                                         : piecewise_rate_at(t.hazard, clocks.breakpoints[static_cast<std::size_t>(piece)]);
            const double rate = base_rate * hazard_multiplier(t, s, regime);
            if (rate <= 0.0) continue;
            to.clear();
            if (t.to == s) {
              to.emplace_back(first, 1.0);  // re-entering restarts the state's clocks
            } else {
              enter(regime, t.to, memory, 1.0, to, 0);
            }
            add(i, to, rate);
          }
          for (std::size_t k = 0; k < clocks.clocks.size(); ++k) {
            const auto& c = clocks.clocks[k];
            const int stride = L.clocks.clocks[k].stride;
            const int phase = (local / stride) % c.phases;
            const double rate = c.advance[static_cast<std::size_t>(phase)];
            if (rate <= 0.0) continue;
            if (phase + 1 < c.phases) {
              Q(i, i + stride) += rate;
              continue;
            }
            to.clear();
            if (c.kind == Clock::Kind::duration) {
              for (const auto& e : state.exits) {
                if (e.to_return) {
                  const int back = memory == model::kNone ? default_return_ : memory;
                  enter(regime, back, back, e.probability, to, 0);
                } else {
                  enter(regime, e.to, memory, e.probability, to, 0);
                }
              }
            } else if (c.kind == Clock::Kind::meeting) {
              const auto& track = m.meetings[static_cast<std::size_t>(c.meeting)];
              double moved = 0.0;
              for (const auto& o : track.outcomes) {
                if (o.from != s) continue;
                const double q = std::min(1.0, o.probability * outcome_multiplier(track.name, o, s, regime));
                moved += q;
                if (o.to == s) {
                  to.emplace_back(first, q);
                } else {
                  enter(regime, o.to, memory, q, to, 0);
                }
              }
              // No outcome: the citizen stays and its next meeting interval starts.
              if (moved < 1.0) to.emplace_back(i - phase * stride, 1.0 - moved);
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

  // The augmented exponential is dense, (2n+groups)^2: beyond this it takes minutes.
  static constexpr int kMaxSize = 600;
  std::vector<const model::Model*> models_;
  const std::vector<model::Effect>& effects_;
  int group_;
  int k_;
  int default_return_ = 0;
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

  // Clocks remember a citizen's age or its weeks on a benefit: no state of the matrix form does.
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
  return out;
}

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
