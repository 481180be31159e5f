#include <catch2/catch.hpp>

#include "economics/budget.hpp"
#include "fixtures.hpp"
#include "model/results.hpp"
#include "model/simulation.hpp"

using namespace caseflow;

namespace {

model::RefundSchedule standard() {
  model::RefundSchedule s;
  s.name = "standard";
  s.steps = {{0, 0.20}, {4, 0.60}, {26, 0.70}, {52, 0.80}};
  return s;
}

}  // namespace

TEST_CASE("Sixty weeks on kontanthjaelp from week 0 are booked 4/22/26/8 by refund step", "[model][economics]") {
  model::ArmResult r;
  r.years = 2;
  r.benefits = 1;
  r.steps = 4;
  r.benefit_weeks.assign(8, 0.0);
  const engine::Calendar calendar(engine::Date{2025, 1, 1}, 2, 0);
  const model::YearAxis years(calendar.budget_years());
  const double clock = model::book_benefit_weeks(r, years, 0, standard(), 0.0, 60.0, 0.0);
  CHECK(clock == 60.0);
  // 2025 is 52 weeks and one day long: the day falls in the 80 % step.
  CHECK(r.weeks_at(0, 0, 0) == Approx(4.0));
  CHECK(r.weeks_at(0, 0, 1) == Approx(22.0));
  CHECK(r.weeks_at(0, 0, 2) == Approx(26.0));
  CHECK(r.weeks_at(0, 0, 3) == Approx(1.0 / 7.0));
  CHECK(r.weeks_at(1, 0, 3) == Approx(8.0 - 1.0 / 7.0));
}

TEST_CASE("A hand-computed citizen: 60 weeks, 52 self-supporting (clock restarts), 10 weeks", "[model][economics]") {
  const model::Scenario s = testing::load_model_fixture("hand_citizen.yaml");
  const model::ArmResult r = model::simulate_arm(s, 0, 0, nullptr);
  const auto money = economics::price_arm(s, 0, r);
  REQUIRE(money.size() == 4);
  const double rate = 2630.0;
  // 2025: 4 x 20 % + 22 x 60 % + 26 x 70 % + 1 day x 80 %.
  CHECK(money[0].benefit_municipal == Approx(rate * (4 * 0.2 + 22 * 0.6 + 26 * 0.7 + (1.0 / 7.0) * 0.8)).epsilon(1e-12));
  // 2026: the rest of the first spell at 80 %.
  CHECK(money[1].benefit_municipal == Approx(rate * (8.0 - 1.0 / 7.0) * 0.8).epsilon(1e-12));
  // The first spell in total: 4 x 20 % + 22 x 60 % + 26 x 70 % + 8 x 80 % = 38.6 weeks' rate.
  CHECK(money[0].benefit_municipal + money[1].benefit_municipal == Approx(rate * 38.6).epsilon(1e-12));
  // 2027: weeks 112-122 after 52 weeks of self-support: the clock restarted, 4 x 20 % + 6 x 60 %.
  CHECK(money[2].benefit_municipal == Approx(rate * (4 * 0.2 + 6 * 0.6)).epsilon(1e-12));
  CHECK(money[2].benefit_gross == Approx(rate * 10.0).epsilon(1e-12));
  CHECK(money[3].benefit_municipal == 0.0);
  CHECK(money[0].benefit_weeks / 52.0 == Approx((52.0 + 1.0 / 7.0) / 52.0));  // fte_on_benefit
}

TEST_CASE("Fifty-one weeks of self-support do not restart the refund clock", "[model][economics]") {
  const model::Scenario s = testing::load_model_fixture("hand_citizen.yaml", {{"states.job.duration.fixed", "51"}});
  const auto money = economics::price_arm(s, 0, model::simulate_arm(s, 0, 0, nullptr));
  // Weeks 111-121 lie in 2027 and continue at the clock of 60: all at 80 %.
  CHECK(money[2].benefit_municipal == Approx(2630.0 * 10 * 0.8).epsilon(1e-12));
}

TEST_CASE("Net present value discounts each budget year to the first", "[economics]") {
  CHECK(economics::discount_factor(0.04, 0) == 1.0);
  CHECK(economics::discount_factor(0.04, 3) == Approx(1.0 / (1.04 * 1.04 * 1.04)));
}

TEST_CASE("Weeks before an arm's start are priced at the baseline's rates and refund", "[model][economics]") {
  // tests/data/model/late_rates.yaml: one citizen on benefit all of 2025 (365/7 weeks) from
  // clock 0. The arm doubles the rate (1,000 -> 2,000 DKK a week) and makes the municipal share a
  // flat 50 % from 2 July 2025, week 26 exactly (182 days).
  const model::Scenario s = testing::load_model_fixture("late_rates.yaml");
  const model::ArmResult base = model::simulate_arm(s, 0, 0, nullptr);
  const model::ArmResult arm = model::simulate_arm(s, 1, 0, &base);
  const double year = 365.0 / 7.0;
  // Baseline: 4 x 20 % + 22 x 60 % + 26 x 70 % + 1/7 x 80 % at 1,000 DKK.
  const double base_municipal = 1000.0 * (4 * 0.2 + 22 * 0.6 + 26 * 0.7 + (year - 52.0) * 0.8);
  const auto b = economics::price_arm(s, 0, base);
  CHECK(b[0].benefit_gross == Approx(1000.0 * year).epsilon(1e-12));
  CHECK(b[0].benefit_municipal == Approx(base_municipal).epsilon(1e-12));
  // Arm: weeks 0-26 as in the baseline (4 x 20 % + 22 x 60 % at 1,000), then 26 1/7 weeks at
  // 2,000 x 50 %.
  const auto a = economics::price_arm(s, 1, arm);
  CHECK(a[0].benefit_gross == Approx(1000.0 * 26.0 + 2000.0 * (year - 26.0)).epsilon(1e-12));
  CHECK(a[0].benefit_municipal == Approx(1000.0 * (4 * 0.2 + 22 * 0.6) + 2000.0 * 0.5 * (year - 26.0)).epsilon(1e-12));
  // The same rule the other way round: an arm that ends on 2 July prices the weeks after at the
  // baseline's rates and ladder (clock 26 onwards: 26 x 70 % + 1/7 x 80 %).
  const model::Scenario ends = testing::load_model_fixture(
      "late_rates.yaml", {{"interventions.dyrere.start", "2025-01-01"}, {"interventions.dyrere.end", "2025-07-02"}});
  const auto e = economics::price_arm(ends, 1, model::simulate_arm(ends, 1, 0, &base));
  CHECK(e[0].benefit_gross == Approx(2000.0 * 26.0 + 1000.0 * (year - 26.0)).epsilon(1e-12));
  CHECK(e[0].benefit_municipal == Approx(2000.0 * 0.5 * 26.0 + 1000.0 * (26 * 0.7 + (year - 52.0) * 0.8)).epsilon(1e-12));
}
