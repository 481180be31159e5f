#pragma once
/// @file budget.hpp
/// Money from what the simulation recorded. Person-weeks by (year, benefit, refund step) are
/// priced here, after the simulation, so that the accounting is linear in the weekly rates and
/// can be checked against a hand-computed citizen.

#include <string>
#include <vector>

#include "economics/statistics.hpp"
#include "model/results.hpp"
#include "model/spec.hpp"

namespace caseflow::economics {

/// One arm's money in one replication and budget year (DKK).
struct YearMoney {
  double benefit_weeks = 0.0;
  double benefit_gross = 0.0;
  double benefit_municipal = 0.0;
  double programme_cost = 0.0;
  double cost_items = 0.0;  ///< the intervention's own cost lines
  double financing = 0.0;   ///< the intervention's financing lines (grants, other income)
};

/// Prices one arm's recorded person-weeks with that arm's benefits and refund schedules.
std::vector<YearMoney> price_arm(const model::Scenario& scenario, std::size_t arm, const model::ArmResult& result);

/// The intervention's cost lines in each budget year (before the price-level conversion):
/// per_year (and per_place_year × places) prorated by the days of the calendar year the
/// intervention is active, once in the year it starts, per participant-week, per participant
/// in the year the citizen first takes part, per_budget_year as stated for each year.
std::vector<double> cost_items_by_year(const model::Scenario& scenario, std::size_t arm, const model::ArmResult& result);
/// The intervention's financing lines in each budget year, in the same forms as the costs.
std::vector<double> financing_by_year(const model::Scenario& scenario, std::size_t arm, const model::ArmResult& result);

/// One arm compared with the baseline in one replication, per year (index = budget year) and
/// for the whole horizon (the last element, discounted to the first year at the discount rate).
struct Comparison {
  std::vector<double> fte_on_benefit, benefit_gross, benefit_municipal, intervention_cost;
  std::vector<double> savings, net, savings_volume, savings_refund_mix, programme_cost;
  std::vector<double> financing;  ///< net = intervention_cost - financing - savings
};

/// Paired comparison of `arm` with the baseline in the same replication. For the baseline
/// itself savings, net and cost are 0.
Comparison compare_with_baseline(const model::Scenario& scenario, std::size_t arm, const model::ArmResult& arm_result,
                                 const model::ArmResult& baseline_result);

/// Discount factor of budget year index `y` (0 = the first reported year).
double discount_factor(double rate, int y);

}  // namespace caseflow::economics
