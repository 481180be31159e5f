#pragma once
/// @file benefit_clock.hpp
/// Benefit-period clocks (issue 19 item 6): a-dagpenge runs out after 104 weeks within 156,
/// sygedagpenge after 22 weeks within 39. Each citizen keeps, per clock, its spells on the
/// clock's benefit that can still reach into a window; the clock runs out at the first time t
/// at which the weeks on the benefit within [t - window, t] reach the limit. Pure functions of
/// the recorded spells, so the rule is tested on its own (tests/model/benefit_clock_test.cpp).

#include <limits>
#include <vector>

#include "model/spec.hpp"

namespace caseflow::model {

/// One citizen's count on one benefit clock.
struct ClockCount {
  struct Spell {
    double begin;
    double end;
  };
  std::vector<Spell> closed;  ///< earlier spells on the benefit, oldest first
  double open_since = std::numeric_limits<double>::infinity();  ///< the spell going on now; infinity: none

  [[nodiscard]] bool is_open() const { return open_since < std::numeric_limits<double>::infinity(); }
};

/// The first time t >= now at which the weeks of `count`'s spells (the open one running on
/// from `open_since`) within [t - window_weeks, t] reach limit_weeks; infinity when the count
/// is not open or the limit exceeds the window.
double clock_runs_out(const ClockCount& count, double now, double limit_weeks, double window_weeks);

/// Ends the open spell at t and forgets spells that can no longer reach into a window.
void close_clock_spell(ClockCount& count, double t, double window_weeks);

/// The outcome a uniform draw u in (0, 1) picks among `outcomes` by their shares (the last one
/// takes what rounding leaves).
const ClockMove& pick_clock_outcome(const std::vector<ClockMove>& outcomes, double u);

}  // namespace caseflow::model
