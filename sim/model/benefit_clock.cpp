#include "model/benefit_clock.hpp"

#include <algorithm>
#include <cmath>


namespace caseflow::model {
namespace {
// Weeks that rounding may lose in a sum of spell lengths (as for the refund clock).
constexpr double kTolerance = 1e-9;
constexpr double kInf = std::numeric_limits<double>::infinity();

/// Weeks of `count` (open spell up to t) within [t - window, t].
double weeks_within(const ClockCount& count, double t, double window) {
  const double lo = t - window;
  double sum = 0.0;
  for (const auto& s : count.closed) sum += std::max(0.0, std::min(s.end, t) - std::max(s.begin, lo));
  if (count.is_open()) sum += std::max(0.0, t - std::max(count.open_since, lo));
  return sum;
}
}  // namespace

double clock_runs_out(const ClockCount& count, double now, double limit_weeks, double window_weeks) {
  if (!count.is_open() || limit_weeks > window_weeks) return kInf;
  double t = now;
  double weeks = weeks_within(count, t, window_weeks);
  if (weeks >= limit_weeks - kTolerance) return now;
  // The count grows at rate 1 (the open spell) less 1 while the window's lower edge crosses
  // an earlier spell: piecewise linear, with breaks where the edge meets a spell's ends.
  std::vector<double> breaks;
  for (const auto& s : count.closed) {
    for (const double b : {s.begin + window_weeks, s.end + window_weeks}) {
      if (b > t) breaks.push_back(b);
    }
  }
  if (count.open_since + window_weeks > t) breaks.push_back(count.open_since + window_weeks);
  std::sort(breaks.begin(), breaks.end());
  breaks.push_back(kInf);
  for (const double next : breaks) {
    if (next <= t) continue;
    // The slope on (t, next): the lower edge is inside an earlier spell or the open one?
    const double edge = (std::isfinite(next) ? 0.5 * (t + next) : t + 1.0) - window_weeks;
    bool edge_in_spell = edge >= count.open_since;
    for (const auto& s : count.closed) edge_in_spell = edge_in_spell || (edge >= s.begin && edge < s.end);
    const double slope = edge_in_spell ? 0.0 : 1.0;
    if (slope > 0.0 && weeks + (next - t) >= limit_weeks - kTolerance) return t + (limit_weeks - weeks);
    if (!std::isfinite(next)) return kInf;
    weeks += slope * (next - t);
    t = next;
  }
  return kInf;
}

void close_clock_spell(ClockCount& count, double t, double window_weeks) {
  if (count.is_open() && t > count.open_since) count.closed.push_back(ClockCount::Spell{count.open_since, t});
  count.open_since = kInf;
  std::erase_if(count.closed, [&](const ClockCount::Spell& s) { return s.end <= t - window_weeks; });
}

const ClockMove& pick_clock_outcome(const std::vector<ClockMove>& outcomes, double u) {
  for (const ClockMove& m : outcomes) {
    if (u < m.share) return m;
    u -= m.share;
  }
  return outcomes.back();
}

}  // namespace caseflow::model
