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

int refund_step(const RefundSchedule& schedule, double clock) {
  int step = 0;
  for (std::size_t k = 1; k < schedule.steps.size(); ++k) {
    if (clock >= schedule.steps[k].first) step = static_cast<int>(k);
  }
  return step;
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

bool prepare_dated_refund(ArmResult& result, const Model& base, const Model& arm,
                          const std::vector<engine::BudgetYear>& years, YearAxis& periods) {
  std::vector<double> cuts;
  bool dated = false;
  int width = result.steps;
  for (const Model* m : {&base, &arm}) {
    for (const Benefit& b : m->benefits) {
      for (const auto& change : b.refund_changes) cuts.push_back(change.first);
      dated = dated || !b.refund_changes.empty();
    }
    for (const RefundSchedule& s : m->refund.schedules) {
      dated = dated || !s.by_state.empty();
      width = std::max(width, static_cast<int>(m->states.size()));
    }
  }
  if (!dated) return false;
  std::sort(cuts.begin(), cuts.end());
  std::vector<engine::BudgetYear> pieces;
  for (std::size_t y = 0; y < years.size(); ++y) {
    double begin = years[y].begin_week;
    for (const double cut : cuts) {
      if (cut > begin && cut < years[y].end_week) {
        pieces.push_back({years[y].year, begin, cut});
        result.dated_period_year.push_back(static_cast<int>(y));
        begin = cut;
      }
    }
    pieces.push_back({years[y].year, begin, years[y].end_week});
    result.dated_period_year.push_back(static_cast<int>(y));
  }
  for (const auto& p : pieces) result.dated_period_begin.push_back(p.begin_week);
  periods = YearAxis(pieces);
  result.dated_width = width;
  result.dated_weeks.assign(pieces.size() * static_cast<std::size_t>(result.benefits) * width, 0.0);
  return true;
}

void book_dated_benefit_weeks(ArmResult& result, const YearAxis& periods, const Model& model, int benefit,
                              StateId state, double from, double to, double clock) {
  if (to <= from) return;
  const Benefit& b = model.benefits[benefit];
  periods.split(from, to, [&](int p, double lo, double hi) {
    const RefundSchedule& schedule = model.refund.schedules[b.schedule_at(periods.begin(p))];
    if (!schedule.by_state.empty()) {
      result.dated_at(p, benefit, state) += hi - lo;
      return;
    }
    double c_lo = clock + (lo - from);
    const double c_hi = clock + (hi - from);
    for (std::size_t k = 0; k < schedule.steps.size() && c_lo < c_hi; ++k) {
      const double step_end = k + 1 < schedule.steps.size() ? schedule.steps[k + 1].first : kInfinity;
      if (c_lo >= step_end) continue;
      const double piece_end = std::min(c_hi, step_end);
      result.dated_at(p, benefit, static_cast<int>(k)) += piece_end - c_lo;
      c_lo = piece_end;
    }
  });
}

}  // namespace caseflow::model
