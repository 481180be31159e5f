#include "model/results.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace caseflow::model {

YearAxis::YearAxis(const std::vector<engine::BudgetYear>& years) {
  for (const auto& y : years) {
    // split() and index_of() rely on disjoint years in order.
    if (!end_.empty() && y.begin_week < end_.back()) throw std::logic_error("YearAxis: budget years overlap or are out of order");
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
    walk_refund_steps(schedule, clock + (lo - from), clock + (hi - from),
                      [&](int step, double weeks) { result.weeks_at(year, benefit, step) += weeks; });
  });
  return clock + (to - from);
}

const Benefit& pricing_benefit(const Model& base, const Model& arm, bool arm_rules, int benefit) {
  return arm_rules || benefit >= static_cast<int>(base.benefits.size()) ? arm.benefits[benefit] : base.benefits[benefit];
}

const RefundSchedule& pricing_schedule(const Model& base, const Model& arm, bool arm_rules, int schedule) {
  return arm_rules || schedule >= static_cast<int>(base.refund.schedules.size()) ? arm.refund.schedules[schedule]
                                                                                 : base.refund.schedules[schedule];
}

bool prices_differ(const Model& a, const Model& b) {
  if (a.benefits.size() != b.benefits.size() || a.refund.schedules.size() != b.refund.schedules.size()) return true;
  for (std::size_t i = 0; i < a.benefits.size(); ++i) {
    const Benefit& x = a.benefits[i];
    const Benefit& y = b.benefits[i];
    if (x.weekly_rate != y.weekly_rate || x.refund_schedule != y.refund_schedule || x.rate_by_year != y.rate_by_year ||
        x.uprating != y.uprating || x.uprating_base_year != y.uprating_base_year || x.refund_changes != y.refund_changes) {
      return true;
    }
  }
  for (std::size_t i = 0; i < a.refund.schedules.size(); ++i) {
    if (a.refund.schedules[i].steps != b.refund.schedules[i].steps || a.refund.schedules[i].by_state != b.refund.schedules[i].by_state) {
      return true;
    }
  }
  return false;
}

bool prepare_dated_refund(ArmResult& result, const Model& base, const Model& arm, double arm_from, double arm_until,
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
  // An arm that prices weeks differently but whose rules apply only in part of the horizon: the
  // weeks outside [arm_from, arm_until) are the baseline's (sim/README.md, "Interventions over
  // time"), so the periods are cut at the switches and each priced by the rules in force.
  const double first = years.empty() ? 0.0 : years.front().begin_week;
  const double last = years.empty() ? 0.0 : years.back().end_week;
  const bool partial = !(arm_from <= first && arm_until >= last) && prices_differ(base, arm);
  if (partial) {
    dated = true;
    for (const double t : {arm_from, arm_until}) {
      if (std::isfinite(t)) cuts.push_back(t);
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
  for (const auto& p : pieces) {
    result.dated_period_begin.push_back(p.begin_week);
    if (partial) result.dated_period_arm_rules.push_back(p.begin_week >= arm_from && p.begin_week < arm_until ? 1 : 0);
  }
  periods = YearAxis(pieces);
  result.dated_width = width;
  result.dated_weeks.assign(pieces.size() * static_cast<std::size_t>(result.benefits) * width, 0.0);
  return true;
}

void book_dated_benefit_weeks(ArmResult& result, const YearAxis& periods, const Model& base, const Model& arm,
                              int benefit, StateId state, double from, double to, double clock) {
  if (to <= from) return;
  periods.split(from, to, [&](int p, double lo, double hi) {
    const bool arm_rules = result.arm_rules_in(static_cast<std::size_t>(p));
    const Benefit& b = pricing_benefit(base, arm, arm_rules, benefit);
    const RefundSchedule& schedule = pricing_schedule(base, arm, arm_rules, b.schedule_at(periods.begin(p)));
    if (!schedule.by_state.empty()) {
      result.dated_at(p, benefit, state) += hi - lo;
      return;
    }
    walk_refund_steps(schedule, clock + (lo - from), clock + (hi - from),
                      [&](int step, double weeks) { result.dated_at(p, benefit, step) += weeks; });
  });
}

}  // namespace caseflow::model
