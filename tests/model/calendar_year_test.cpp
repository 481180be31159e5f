// One definition of the year (engine::Calendar::weeks_in_year): `per_year` inflow means per
// calendar year, and a full calendar year on benefit is one helårsperson, in common and leap
// years alike.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "economics/budget.hpp"
#include "fixtures.hpp"
#include "economics/run_summary.hpp"
#include "model/simulation.hpp"

using namespace caseflow;

namespace {

/// Arrivals into an absorbing state, 2027 (365 days) and 2028 (366 days).
model::Scenario inflow_only(double per_year) {
  model::Scenario s;
  s.name = "inflow";
  s.start = engine::Date{2027, 1, 1};
  s.years = 2;
  s.seed = 11;
  model::Model m;
  m.groups.push_back(testing::group("g", model::kNone));
  model::State st;
  st.name = "ledig";
  st.absorbing = true;
  m.states.push_back(st);
  model::Inflow in;
  in.group = 0;
  in.state = 0;
  in.per_year = per_year;
  m.inflow.push_back(in);
  model::Arm baseline;
  baseline.name = "baseline";
  baseline.model = m;
  s.arms.push_back(baseline);
  return s;
}

}  // namespace

TEST_CASE("An inflow of N per year brings N arrivals on average in a common and in a leap year", "[model][calendar]") {
  // 500,000 a year: a Poisson count has sd sqrt(500,000) = 707 a year; over 8 replications the
  // mean's sd is 250. A 52-week year would give 500,000 x 365/364 = 501,374 in 2027 and
  // 500,000 x 366/364 = 502,747 in 2028, 5.5 and 11 sd away.
  const double per_year = 500000.0;
  const model::Scenario s = inflow_only(per_year);
  const int replications = 8;
  double sum_2027 = 0.0, sum_2028 = 0.0;
  for (int r = 0; r < replications; ++r) {
    const model::ArmResult result = model::simulate_arm(s, 0, r, nullptr);
    REQUIRE(result.years == 2);
    sum_2027 += result.arrivals[0 * result.states + 0];
    sum_2028 += result.arrivals[1 * result.states + 0];
  }
  const double sd_of_mean = std::sqrt(per_year / replications);
  CHECK(std::fabs(sum_2027 / replications - per_year) < 4.0 * sd_of_mean);
  CHECK(std::fabs(sum_2028 / replications - per_year) < 4.0 * sd_of_mean);
}

TEST_CASE("A citizen on benefit all year counts as one helårsperson in a common and in a leap year", "[model][economics][calendar]") {
  model::Scenario s;
  s.name = "one";
  s.start = engine::Date{2027, 1, 1};
  s.years = 2;
  s.seed = 1;
  model::Model m;
  m.benefits.push_back(testing::benefit("kontanthjaelp", 2630.0));
  m.refund.schedules.push_back(model::RefundSchedule{"flat", {{0, 0.5}}});
  m.groups.push_back(testing::group("g", 0));
  model::State st;
  st.name = "ledig";
  st.benefit_rule = model::State::BenefitRule::group;
  st.absorbing = true;
  m.states.push_back(st);
  model::InitialStock stock;
  stock.count = 1;
  m.initial.push_back(stock);
  model::Arm baseline;
  baseline.name = "baseline";
  baseline.model = m;
  s.arms.push_back(baseline);
  const model::ArmResult r = model::simulate_arm(s, 0, 0, nullptr);
  const economics::Comparison c = economics::compare_with_baseline(s, 0, r, r);
  CHECK(c.fte_on_benefit[0] == Approx(1.0).epsilon(1e-12));  // 2027: 365 days
  CHECK(c.fte_on_benefit[1] == Approx(1.0).epsilon(1e-12));  // 2028: 366 days
  // The bill: 365/7 and 366/7 weeks at 2,630 DKK, half of it municipal.
  CHECK(c.benefit_gross[0] == Approx(2630.0 * 365.0 / 7.0).epsilon(1e-12));
  CHECK(c.benefit_gross[1] == Approx(2630.0 * 366.0 / 7.0).epsilon(1e-12));
}
