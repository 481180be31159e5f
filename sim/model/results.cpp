#include "model/results.hpp"

#include <algorithm>

namespace caseflow::model {

YearAxis::YearAxis(const std::vector<engine::BudgetYear>& years) {
  for (const auto& y : years) {
    begin_.push_back(y.begin_week);
    end_.push_back(y.end_week);
  }
}

int YearAxis::index_of(double t) const {
  // Years are disjoint and in order (calendar years clipped to the horizon): the only
  // candidate is the last year that begins at or before t. Called on every flow.
  const auto after = std::upper_bound(begin_.begin(), begin_.end(), t);
  if (after == begin_.begin()) return -1;
  const auto i = static_cast<int>(after - begin_.begin()) - 1;
  return t < end_[i] ? i : -1;
}

double book_benefit_weeks(ArmResult& result, const YearAxis& years, int benefit, const RefundSchedule& schedule,
                          double from, double to, double clock) {
  if (to <= from) return clock;
  years.split(from, to, [&](int year, double lo, double hi) {
    // Clock values over this piece, then split at refund-step thresholds.
    double c_lo = clock + (lo - from);
    const double c_hi = clock + (hi - from);
    for (std::size_t k = 0; k < schedule.steps.size() && c_lo < c_hi; ++k) {
      const double step_end = k + 1 < schedule.steps.size() ? schedule.steps[k + 1].first : kInfinity;
      if (c_lo >= step_end) continue;
      const double piece_end = std::min(c_hi, step_end);
      result.weeks_at(year, benefit, static_cast<int>(k)) += piece_end - c_lo;
      c_lo = piece_end;
    }
  });
  return clock + (to - from);
}

}  // namespace caseflow::model
