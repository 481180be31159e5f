#include "economics/budget.hpp"

#include <algorithm>
#include <cmath>

namespace caseflow::economics {

double discount_factor(double rate, int y) { return 1.0 / std::pow(1.0 + rate, y); }

std::vector<YearMoney> price_arm(const model::Scenario& scenario, std::size_t arm, const model::ArmResult& result) {
  const model::Model& m = scenario.arms[arm].model;
  std::vector<YearMoney> money(result.years);
  for (int y = 0; y < result.years; ++y) {
    YearMoney& row = money[y];
    for (int b = 0; b < result.benefits; ++b) {
      const model::Benefit& benefit = m.benefits[b];
      const model::RefundSchedule& schedule = m.refund.schedules[benefit.refund_schedule];
      for (int k = 0; k < result.steps && k < static_cast<int>(schedule.steps.size()); ++k) {
        const double weeks = result.weeks_at(y, b, k);
        row.benefit_weeks += weeks;
        row.benefit_gross += weeks * benefit.weekly_rate;
        row.benefit_municipal += weeks * benefit.weekly_rate * schedule.steps[k].second;
      }
    }
    row.programme_cost = result.programme_cost[y];
  }
  const std::vector<double> items = cost_items_by_year(scenario, arm, result);
  for (int y = 0; y < result.years; ++y) money[y].cost_items = items[y];
  return money;
}

std::vector<double> cost_items_by_year(const model::Scenario& scenario, std::size_t arm, const model::ArmResult& result) {
  const model::Arm& a = scenario.arms[arm];
  const engine::Calendar calendar = scenario.calendar();
  const auto& years = calendar.budget_years();
  std::vector<double> cost(years.size(), 0.0);
  if (arm == 0) return cost;
  for (const model::CostItem& item : a.costs) {
    for (std::size_t y = 0; y < years.size(); ++y) {
      const double lo = std::max(years[y].begin_week, a.start_week);
      const double hi = std::min(years[y].end_week, a.end_week);
      switch (item.kind) {
        case model::CostItem::Kind::per_year: {
          // Prorated by day: the share of the whole calendar year (365 or 366 days) that is active.
          if (hi > lo) cost[y] += item.amount * (hi - lo) / engine::Calendar::weeks_in_year(years[y].year);
          break;
        }
        case model::CostItem::Kind::once: {
          const double at = std::max(a.start_week, 0.0);
          if (at >= years[y].begin_week && at < years[y].end_week) cost[y] += item.amount;
          break;
        }
        case model::CostItem::Kind::per_participant_week:
          cost[y] += item.amount * result.participant_weeks[y];
          break;
      }
    }
  }
  return cost;
}

Comparison compare_with_baseline(const model::Scenario& scenario, std::size_t arm, const model::ArmResult& arm_result,
                                 const model::ArmResult& baseline_result) {
  const std::vector<YearMoney> mine = price_arm(scenario, arm, arm_result);
  const std::vector<YearMoney> base = price_arm(scenario, 0, baseline_result);
  const double prudence = scenario.report.prudence_factor;
  const double rate = scenario.report.discount_rate;
  const model::Model& arm_model = scenario.arms[arm].model;
  const model::Model& base_model = scenario.arms[0].model;
  const int years = arm_result.years;
  const engine::Calendar calendar = scenario.calendar();
  const auto& budget_years = calendar.budget_years();
  Comparison c;
  for (auto* v : {&c.fte_on_benefit, &c.benefit_gross, &c.benefit_municipal, &c.intervention_cost, &c.savings, &c.net,
                  &c.savings_volume, &c.savings_refund_mix, &c.programme_cost}) {
    v->assign(years + 1, 0.0);
  }
  for (int y = 0; y < years; ++y) {
    // Helårspersoner: a full calendar year on benefit is one.
    c.fte_on_benefit[y] = mine[y].benefit_weeks / engine::Calendar::weeks_in_year(budget_years[y].year);
    c.benefit_gross[y] = mine[y].benefit_gross;
    c.benefit_municipal[y] = mine[y].benefit_municipal;
    c.programme_cost[y] = mine[y].programme_cost;
    if (arm == 0) continue;
    c.intervention_cost[y] = mine[y].cost_items + (mine[y].programme_cost - base[y].programme_cost);
    c.savings[y] = (base[y].benefit_municipal - mine[y].benefit_municipal) * prudence;
    c.net[y] = c.intervention_cost[y] - c.savings[y];
    // Decomposition: fewer benefit weeks priced at the baseline's average municipal share of
    // that benefit (volume), and the rest, which comes from weeks moving between refund steps.
    double volume = 0.0;
    for (int b = 0; b < baseline_result.benefits && b < arm_result.benefits; ++b) {
      double weeks_base = 0.0, weeks_arm = 0.0, municipal_base = 0.0, gross_base = 0.0;
      const model::Benefit& benefit = base_model.benefits[b];
      const auto& schedule = base_model.refund.schedules[benefit.refund_schedule];
      for (int k = 0; k < baseline_result.steps && k < static_cast<int>(schedule.steps.size()); ++k) {
        weeks_base += baseline_result.weeks_at(y, b, k);
        weeks_arm += arm_result.weeks_at(y, b, k);
        gross_base += baseline_result.weeks_at(y, b, k) * benefit.weekly_rate;
        municipal_base += baseline_result.weeks_at(y, b, k) * benefit.weekly_rate * schedule.steps[k].second;
      }
      const double share = gross_base > 0.0 ? municipal_base / gross_base : schedule.steps.front().second;
      volume += (weeks_base - weeks_arm) * arm_model.benefits[b].weekly_rate * share;
    }
    c.savings_volume[y] = volume * prudence;
    c.savings_refund_mix[y] = c.savings[y] - c.savings_volume[y];
  }
  // The whole horizon: money discounted to the first budget year; person-years plain sums.
  for (int y = 0; y < years; ++y) {
    const double d = discount_factor(rate, y);
    c.fte_on_benefit[years] += c.fte_on_benefit[y];
    for (auto* v : {&c.benefit_gross, &c.benefit_municipal, &c.intervention_cost, &c.savings, &c.net, &c.savings_volume,
                    &c.savings_refund_mix, &c.programme_cost}) {
      (*v)[years] += d * (*v)[y];
    }
  }
  return c;
}

}  // namespace caseflow::economics
