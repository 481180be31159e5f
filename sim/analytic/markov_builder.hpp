#pragma once
/// @file markov_builder.hpp
/// Internal to analytic/: how a model becomes a chain. `Builder` lays out the micro states (one
/// block per model state: a copy per state a `return` may lead back to, times the phases of the
/// state's clocks) and fills the generator of each regime. Its work is split by concern:
///
/// - markov_layout.cpp: the clocks a state carries, the layout of micro states, where an
///   entering citizen lands (`enter`), and the check that both regimes fit one layout;
/// - markov_generator.cpp: the generator matrices and the arrival distributions (`build`);
/// - markov_problems.cpp: what has no Markov form (before any Builder is made);
/// - markov_form.cpp: the public entry points of markov_form.hpp, which call the three above.
///
/// May use model/spec.hpp and Eigen; nothing here reads or writes files.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Dense>

#include "analytic/markov_form.hpp"
#include "model/spec.hpp"

namespace caseflow::analytic::detail {

using engine::Distribution;
using model::Hazard;
using model::State;

inline bool contains(const std::vector<model::StateId>& v, std::size_t s) {
  return std::find(v.begin(), v.end(), static_cast<model::StateId>(s)) != v.end();
}
inline bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

inline bool is_vanishing(const State& s) { return s.duration && s.duration->kind == Distribution::Kind::fixed && s.duration->a == 0.0; }

inline bool has_return(const State& s) {
  return std::any_of(s.exits.begin(), s.exits.end(), [](const model::ProgrammeExit& e) { return e.to_return; });
}

/// A Weibull hazard with shape 1 is the constant rate 1/scale.
inline bool is_constant(const Hazard& h) {
  return h.kind == Hazard::Kind::rate || (h.kind == Hazard::Kind::weibull && h.shape == 1.0) ||
         (h.kind == Hazard::Kind::piecewise && h.steps.size() == 1);
}

inline double constant_rate(const Hazard& h) {
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
inline double piecewise_rate_at(const Hazard& h, double t) {
  double r = h.steps.empty() ? 0.0 : h.steps.front().second;
  for (const auto& [from, rate] : h.steps) {
    if (from <= t + 1e-12) r = rate;
  }
  return r;
}

/// A problem at `origin`, its path extended by `key` (when not empty).
inline Problem at(const model::Origin& origin, const std::string& key, std::string message) {
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
  [[nodiscard]] std::string signature(const model::Model& m) const;
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

/// Where a citizen lands: (micro state, probability) pairs.
using Targets = std::vector<std::pair<int, double>>;

/// One micro state while its generator row is filled.
struct MicroState {
  std::size_t state = 0;  ///< its model state
  int index = 0;          ///< its row
  int local = 0;          ///< index within its copy's block (the clocks' phases)
  int first = 0;          ///< the first micro state of its copy
  int memory = 0;         ///< the last non-programme state (kNone: none)
};

class Builder {
 public:
  /// `inactive` and `active` are the models of the two regimes; effects apply in the active one.
  Builder(const model::Model& inactive, const model::Model& active, const std::vector<model::Effect>& effects, int group,
          const Options& options)
      : models_{&inactive, &active}, effects_(effects), group_(group), k_(options.phases) {}

  /// The micro states, the generators of both regimes and the arrival distributions.
  MarkovForm build();

  /// Differences between the regimes' clocks that would need two layouts.
  std::vector<Problem> layout_problems();

 private:
  // markov_layout.cpp
  [[nodiscard]] bool meeting_applies(const model::MeetingTrack& t, std::size_t s) const;
  [[nodiscard]] bool effect_applies(const model::Effect& e, std::size_t s) const;
  /// The clocks of state `s` under model `m`; `mark` records whether an approximation was used.
  Clocks clocks_of(const model::Model& m, std::size_t s, bool mark);
  void lay_out();
  /// Which programmes must remember the last non-programme state (a `return` is reachable).
  void mark_memory(const std::vector<std::vector<int>>& next);
  /// Per remembering programme, the non-programme states a citizen in it can have come from.
  [[nodiscard]] std::vector<std::vector<int>> return_origins(const std::vector<std::vector<int>>& next) const;
  /// Adds to `out` where a citizen entering `target` lands (with weight p), `memory` being the
  /// last non-programme state it was in. A zero-duration programme is passed through at once.
  void enter(int regime, int target, int memory, double p, Targets& out, int depth) const;

  // markov_generator.cpp
  [[nodiscard]] double hazard_multiplier(const model::Transition& t, std::size_t s, int regime) const;
  [[nodiscard]] double outcome_multiplier(const std::string& meeting, const model::MeetingOutcome& o, std::size_t s, int regime) const;
  Eigen::MatrixXd generator(int regime);
  /// Rates out of `here` by the hazards out of its state (`piece`: the piecewise clock's piece).
  void hazard_rates(Eigen::MatrixXd& Q, int regime, const Clocks& clocks, int piece, const MicroState& here, Targets& to) const;
  /// Rates out of `here` by its clocks: the next phase, or what the clock's end does.
  void clock_rates(Eigen::MatrixXd& Q, int regime, const Clocks& clocks, const MicroState& here, Targets& to) const;

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

}  // namespace caseflow::analytic::detail
