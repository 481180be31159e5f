#pragma once
/// @file effect_window.hpp
/// When an intervention's effects act, beyond "while the arm is on" (issue 19, items 3 and 4):
///
/// - **After the end** (`after_end`): the arm's rules run until `end + continue_weeks` (the
///   simulation simply switches later; cost lines stop at `end`), then the effects fade linearly
///   to nothing over `fade_weeks`: a multiplier m counts as 1 + (m − 1)(1 − u/F) u weeks into the
///   fade. Hazards see the fade as steps of at most a week, each at the line's value at its middle,
///   so a constant hazard's cumulative hazard is exact at every step boundary (the midpoint rule is
///   exact for a linear function); a meeting sees the line's exact value on its day.
/// - **Following the citizen** (`target: {received: S, within_weeks: N}`): an effect holds for a
///   citizen from receiving service S (a meeting of a track, entering a state) while the arm's
///   rules apply, until N weeks after the meeting or after leaving the state, in whatever state it
///   is then and also after the arm's end.
/// - **One-off tracks and capped programmes** need only counters, kept in simulation.cpp.
///
/// Nothing here schedules events or draws random numbers.

#include <cstdint>
#include <vector>

#include "model/spec.hpp"

namespace caseflow::model {

/// The strength of an arm's effects after its rules stopped at `practice_end`: 1 before, a line
/// down to 0 over `fade_weeks`, 0 after.
class EffectFade {
 public:
  EffectFade(double practice_end, double fade_weeks);

  [[nodiscard]] bool fades() const { return fade_weeks_ > 0.0 && practice_end_ < kInfinity; }
  /// The line's value at t (used for meetings).
  [[nodiscard]] double strength(double t) const;
  /// The value hazards use: constant over each step, the line's value at the step's middle.
  [[nodiscard]] double step_strength(double t) const;
  /// Appends the step boundaries after t (where a hazard's multiplier changes on its own).
  void add_cuts(double t, std::vector<double>& cuts) const;

  /// Multiplier m at strength s (exactly m at full strength, so results without a fade keep
  /// every bit).
  [[nodiscard]] static double scaled(double m, double s) { return s == 1.0 ? m : 1.0 + (m - 1.0) * s; }

 private:
  double practice_end_;
  double fade_weeks_;
  int steps_ = 0;
  double step_ = 0.0;
};

/// Per citizen and `received` effect: the window [since, until) in which the effect holds.
class Receipts {
 public:
  /// Prepares the effects of `arm` that follow their citizens (none: everything is a no-op).
  void prepare(const std::vector<Effect>& effects, int tracks);
  void reset(std::size_t citizens);

  [[nodiscard]] bool any() const { return !sources_.empty(); }
  /// Whether a meeting of track k is a receipt for some effect (its hazards may change then).
  [[nodiscard]] bool on_track(int k) const { return k >= 0 && static_cast<std::size_t>(k) < by_track_.size() && by_track_[k]; }
  [[nodiscard]] bool on_state(StateId s) const;

  /// c had a meeting of track k at t while the arm's rules applied.
  void meeting(std::uint32_t c, int k, double t);
  /// c entered state s at t while the arm's rules applied.
  void enter(std::uint32_t c, StateId s, double t);
  /// c left state s at t (a receipt held since entering now runs for its weeks).
  void leave(std::uint32_t c, StateId s, double t);

  /// Whether effect e (an index into the arm's effects) holds for c at t because of a receipt.
  [[nodiscard]] bool holds(std::uint32_t c, int e, double t) const;
  /// Appends c's window ends after t for the effects in `effects` (where multipliers change).
  void add_cuts(std::uint32_t c, const std::vector<int>& effects, double t, std::vector<double>& cuts) const;
  void add_all_cuts(std::uint32_t c, double t, std::vector<double>& cuts) const;

 private:
  struct Window {
    double since = kInfinity;
    double until = -kInfinity;
  };
  struct Source {
    int effect;
    int track;
    int state;
    double within;
  };
  void open(std::uint32_t c, std::size_t r, double t, double until);
  [[nodiscard]] int index_of(int effect) const;

  std::vector<Source> sources_;        // one per effect that follows its citizens
  std::vector<int> slot_of_effect_;    // effect -> index into sources_, or -1
  std::vector<std::uint8_t> by_track_;  // track -> 1: its meetings are receipts
  std::vector<Window> windows_;        // [citizen * sources + source]
};

}  // namespace caseflow::model
