#include "economics/budget.hpp"

#include <algorithm>
#include <cmath>

namespace caseflow::economics {

double discount_factor(double rate, int y) { return 1.0 / std::pow(1.0 + rate, y); }

namespace {

struct DatedMoney {
  double gross = 0.0;
  double municipal = 0.0;
};

/// With dated or activity-based refund rules, or an arm whose rates apply in part of the horizon:
/// the gross and municipal cost of benefit `b` in budget year index `y`, in DKK at the price
/// level, from the dated person-weeks (each period under the rules in force then: the arm's or,
/// outside its dates, the baseline's; the schedule in force at the period's start; an
/// activity-based schedule by the citizen's state).
DatedMoney dated_money(const model::Scenario& scenario, std::size_t arm, const model::ArmResult& result, int y, int b) {
  const model::Model& base = scenario.arms[0].model;
  const model::Model& m = scenario.arms[arm].model;
  const engine::Calendar calendar = scenario.calendar();
  const int year = calendar.budget_years()[y].year;
  DatedMoney money;
  for (std::size_t p = 0; p < result.dated_period_year.size(); ++p) {
    if (result.dated_period_year[p] != y) continue;
    const bool arm_rules = result.arm_rules_in(p);
    const model::Benefit& benefit = model::pricing_benefit(base, m, arm_rules, b);
    const double rate = benefit.rate_in(year) * scenario.report.price_factor(year);
    const model::RefundSchedule& s = model::pricing_schedule(base, m, arm_rules, benefit.schedule_at(result.dated_period_begin[p]));
    const int period = static_cast<int>(p);
    const std::vector<double>* shares = nullptr;
    std::vector<double> ladder;
    if (s.by_state.empty()) {
      for (const auto& step : s.steps) ladder.push_back(step.second);
      shares = &ladder;
    } else {
      shares = &s.by_state;
    }
    for (int k = 0; k < result.dated_width; ++k) {
      const double weeks = result.dated_at(period, b, k);
      money.gross += weeks * rate;
      if (k < static_cast<int>(shares->size())) money.municipal += weeks * rate * (*shares)[k];
    }
  }
  return money;
}

}  // namespace

std::vector<YearMoney> price_arm(const model::Scenario& scenario, std::size_t arm, const model::ArmResult& result) {
  const model::Model& m = scenario.arms[arm].model;
  const engine::Calendar calendar = scenario.calendar();
  const auto& years = calendar.budget_years();
  std::vector<YearMoney> money(result.years);
  const std::vector<double> items = cost_items_by_year(scenario, arm, result);
  const std::vector<double> financing = financing_by_year(scenario, arm, result);
  for (int y = 0; y < result.years; ++y) {
    YearMoney& row = money[y];
    const int year = years[y].year;
    // Money of budget year `year` at the scenario's price level (1 without report.price_level).
    const double price = scenario.report.price_factor(year);
    for (int b = 0; b < result.benefits; ++b) {
      const model::Benefit& benefit = m.benefits[b];
      const model::RefundSchedule& schedule = m.refund.schedules[benefit.refund_schedule];
      const double rate = benefit.rate_in(year) * price;
      for (int k = 0; k < result.steps && k < static_cast<int>(schedule.steps.size()); ++k) {
        const double weeks = result.weeks_at(y, b, k);
        row.benefit_weeks += weeks;
        row.benefit_gross += weeks * rate;
        row.benefit_municipal += weeks * rate * schedule.steps[k].second;
      }
    }
    if (!result.dated_weeks.empty()) {  // dated or activity-based refund rules, or an arm's rates for part of the horizon
      row.benefit_municipal = 0.0;
      double gross = 0.0;
      for (int b = 0; b < result.benefits; ++b) {
        const DatedMoney dated = dated_money(scenario, arm, result, y, b);
        row.benefit_municipal += dated.municipal;
        gross += dated.gross;
      }
      // The rates change within the year only where the arm's rules apply in part of it.
      if (!result.dated_period_arm_rules.empty()) row.benefit_gross = gross;
    }
    row.programme_cost = result.programme_cost[y] * price;
    row.cost_items = items[y] * price;
    row.financing = financing[y] * price;
  }
  return money;
}

namespace {

/// Cost or financing lines in each budget year, in the prices of each year's own amounts.
std::vector<double> lines_by_year(const model::Scenario& scenario, std::size_t arm, const model::ArmResult& result,
                                  const std::vector<model::CostItem>& lines) {
  const model::Arm& a = scenario.arms[arm];
  const engine::Calendar calendar = scenario.calendar();
  const auto& years = calendar.budget_years();
  std::vector<double> cost(years.size(), 0.0);
  if (arm == 0) return cost;
  for (const model::CostItem& item : lines) {
    for (std::size_t y = 0; y < years.size(); ++y) {
      const double lo = std::max(years[y].begin_week, a.start_week);
      const double hi = std::min(years[y].end_week, a.end_week);
      // Prorated by the share of the whole calendar year (365 or 366 days) that is active.
      auto prorated = [&](double per_year) {
        return hi > lo ? per_year * (hi - lo) / engine::Calendar::weeks_in_year(years[y].year) : 0.0;
      };
      switch (item.kind) {
        case model::CostItem::Kind::per_year:
          cost[y] += prorated(item.amount);
          break;
        case model::CostItem::Kind::once: {
          const double at = std::max(a.start_week, 0.0);
          if (at >= years[y].begin_week && at < years[y].end_week) cost[y] += item.amount;
          break;
        }
        case model::CostItem::Kind::per_participant_week:
          cost[y] += item.amount * result.participant_weeks[y];
          break;
        case model::CostItem::Kind::per_budget_year:
          // As the budget states it: the whole amount in its year, whatever the arm's dates.
          for (const auto& [year, amount] : item.by_year) {
            if (year == years[y].year) cost[y] += amount;
          }
          break;
        case model::CostItem::Kind::per_participant:
          if (y < result.first_participants.size()) cost[y] += item.amount * result.first_participants[y];
          break;
        case model::CostItem::Kind::per_place_year: {
          const double places = item.slot == model::kNone ? item.places
                                                          : static_cast<double>(a.model.slots[item.slot].capacity);
          cost[y] += prorated(item.amount * places);
          break;
        }
      }
    }
  }
  return cost;
}

}  // namespace

std::vector<double> cost_items_by_year(const model::Scenario& scenario, std::size_t arm, const model::ArmResult& result) {
  return lines_by_year(scenario, arm, result, scenario.arms[arm].costs);
}

std::vector<double> financing_by_year(const model::Scenario& scenario, std::size_t arm, const model::ArmResult& result) {
  return lines_by_year(scenario, arm, result, scenario.arms[arm].financing);
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
                  &c.savings_volume, &c.savings_refund_mix, &c.programme_cost, &c.financing}) {
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
    c.financing[y] = mine[y].financing;
    c.savings[y] = (base[y].benefit_municipal - mine[y].benefit_municipal) * prudence;
    c.net[y] = c.intervention_cost[y] - c.financing[y] - c.savings[y];
    // Decomposition: fewer benefit weeks priced at the baseline's average municipal share of
    // that benefit (volume), and the rest, which comes from weeks moving between refund steps.
    double volume = 0.0;
    const double price = scenario.report.price_factor(budget_years[y].year);
    for (int b = 0; b < baseline_result.benefits && b < arm_result.benefits; ++b) {
      double weeks_base = 0.0, weeks_arm = 0.0, municipal_base = 0.0, gross_base = 0.0;
      const model::Benefit& benefit = base_model.benefits[b];
      const auto& schedule = base_model.refund.schedules[benefit.refund_schedule];
      for (int k = 0; k < baseline_result.steps && k < static_cast<int>(schedule.steps.size()); ++k) {
        weeks_base += baseline_result.weeks_at(y, b, k);
        weeks_arm += arm_result.weeks_at(y, b, k);
        gross_base += baseline_result.weeks_at(y, b, k) * benefit.rate_in(budget_years[y].year);
        municipal_base += baseline_result.weeks_at(y, b, k) * benefit.rate_in(budget_years[y].year) * schedule.steps[k].second;
      }
      if (!baseline_result.dated_weeks.empty()) municipal_base = dated_money(scenario, 0, baseline_result, y, b).municipal / price;
      const double share = gross_base > 0.0 ? municipal_base / gross_base : schedule.steps.front().second;
      volume += (weeks_base - weeks_arm) * arm_model.benefits[b].rate_in(budget_years[y].year) * price * share;
    }
    c.savings_volume[y] = volume * prudence;
    c.savings_refund_mix[y] = c.savings[y] - c.savings_volume[y];
  }
  // The whole horizon: money discounted to the first budget year; person-years plain sums.
  for (int y = 0; y < years; ++y) {
    const double d = discount_factor(rate, y);
    c.fte_on_benefit[years] += c.fte_on_benefit[y];
    for (auto* v : {&c.benefit_gross, &c.benefit_municipal, &c.intervention_cost, &c.savings, &c.net, &c.savings_volume,
                    &c.savings_refund_mix, &c.programme_cost, &c.financing}) {
      (*v)[years] += d * (*v)[y];
    }
  }
  return c;
}

}  // namespace caseflow::economics
