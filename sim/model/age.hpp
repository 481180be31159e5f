#pragma once
/// @file age.hpp
/// Citizens' ages (issue 19 item 5). A citizen's age is drawn once, when it enters the
/// simulation (`age_years` on its inflow or initial entry), from a stream purpose of its own,
/// so scenarios without ages draw exactly what they drew before. It is kept as a birth time in
/// weeks; filters' `min_age`/`max_age` and `age_rules` become times on the citizen's own axis.

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/spec.hpp"

namespace caseflow::model {

/// Weeks in a year of age: 52, the convention of helårspersoner (person-weeks / 52), so that
/// half a year of age is exactly 26 weeks.
inline constexpr double kWeeksPerYearOfAge = 52.0;

/// The birth time (weeks) of a citizen aged `age_years` at time `t`.
inline double birth_week(double t, double age_years) { return t - age_years * kWeeksPerYearOfAge; }

/// The time at which a citizen born at `birth` reaches `years` (NaN birth: never).
inline double time_at_age(double birth, double years) {
  return std::isnan(birth) ? std::numeric_limits<double>::infinity() : birth + years * kWeeksPerYearOfAge;
}

/// Narrows a filter's window [open, close) of absolute times to the times in which a citizen
/// born at `birth` is at least `min_age` and below `max_age`. A citizen without an age (NaN
/// birth) passes no age bound: its window becomes empty.
inline void narrow_to_age(const Filter& f, double birth, double& open, double& close) {
  if (!f.has_age_bounds()) return;
  if (std::isnan(birth)) {
    open = std::numeric_limits<double>::infinity();
    return;
  }
  if (f.min_age > 0.0) open = std::max(open, time_at_age(birth, f.min_age));
  if (f.max_age < kInfinity) close = std::min(close, time_at_age(birth, f.max_age));
}

/// Whether a model uses ages at all (an entry with `age_years`, an age rule or an age bound);
/// without them the simulation keeps no birth times.
bool uses_ages(const Model& m, const std::vector<Effect>& effects);

}  // namespace caseflow::model
