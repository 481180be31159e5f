#pragma once
// Scenarios for the analytic tests, written in code (no loader needed).

#include "model_builder.hpp"
#include "model/spec.hpp"

namespace caseflow::test {

/// A scenario with one arm (the baseline) around `model`, starting 2025-01-01.
inline model::Scenario scenario_of(model::Model model, int years = 1, int warmup_years = 0) {
  model::Scenario s;
  s.name = "test";
  s.file = "test.yaml";
  s.start = engine::Date{2025, 1, 1};
  s.years = years;
  s.warmup_years = warmup_years;
  model::Arm baseline;
  baseline.name = "baseline";
  baseline.model = std::move(model);
  s.arms.push_back(std::move(baseline));
  return s;
}

/// A group drawing a benefit of `weekly_rate` under a refund schedule with the given steps.
inline void add_group_with_benefit(model::Model& m, double weekly_rate, std::vector<std::pair<double, double>> refund_steps) {
  model::RefundSchedule schedule;
  schedule.name = "standard";
  schedule.steps = std::move(refund_steps);
  m.refund.schedules.push_back(std::move(schedule));
  model::Benefit benefit;
  benefit.name = "kontanthjaelp";
  benefit.weekly_rate = weekly_rate;
  benefit.refund_schedule = 0;
  m.benefits.push_back(std::move(benefit));
  m.groups.push_back(model::Group{"kontanthjaelp", 0, {}});
}

}  // namespace caseflow::test
