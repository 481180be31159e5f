// The layout of micro states: which clocks each model state carries, which programmes keep
// the state a `return` leads back to (one copy of the block per such state), where a citizen
// entering a state lands, and whether the two regimes fit one layout. See markov_builder.hpp.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "analytic/markov_builder.hpp"

namespace caseflow::analytic::detail {
namespace {

using engine::Distribution;

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

}  // namespace

std::string Clocks::signature(const model::Model& m) const {
  std::string out;
  for (const auto& c : clocks) {
    out += fmt::format("{}:{}:{};", static_cast<int>(c.kind), c.phases,
                       c.meeting >= 0 ? m.meetings[static_cast<std::size_t>(c.meeting)].name : "");
  }
  for (const double b : breakpoints) out += fmt::format("{};", b);
  return out;
}

std::vector<Problem> Builder::layout_problems() {
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

bool Builder::meeting_applies(const model::MeetingTrack& t, std::size_t s) const {
  if (!contains(t.states, s)) return false;
  if (!t.eligible.states.empty() && !contains(t.eligible.states, s)) return false;
  return t.eligible.groups.empty() || group_ == model::kNone || contains(t.eligible.groups, group_);
}

bool Builder::effect_applies(const model::Effect& e, std::size_t s) const {
  if (!e.target.states.empty() && !contains(e.target.states, s)) return false;
  return e.target.groups.empty() || group_ == model::kNone || contains(e.target.groups, group_);
}

Clocks Builder::clocks_of(const model::Model& m, std::size_t s, bool mark) {
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

void Builder::lay_out() {
  const auto& active = *models_[1];
  const std::size_t n = active.states.size();
  default_return_ = default_return_state(active);
  layout_.resize(n);
  const auto next = successors({models_[0], models_[1]}, n);
  mark_memory(next);
  const auto from = return_origins(next);

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

void Builder::mark_memory(const std::vector<std::vector<int>>& next) {
  const auto& active = *models_[1];
  const std::size_t n = active.states.size();
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
}

std::vector<std::vector<int>> Builder::return_origins(const std::vector<std::vector<int>>& next) const {
  const auto& active = *models_[1];
  const std::size_t n = active.states.size();
  const auto programme = [&active](std::size_t s) { return active.states[s].is_programme(); };
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
  bool changed = true;
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
  return from;
}

void Builder::enter(int regime, int target, int memory, double p, Targets& out, int depth) const {
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

}  // namespace caseflow::analytic::detail
