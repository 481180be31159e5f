#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include <Eigen/Dense>

#include "analytic/occupancy.hpp"
#include "analytic_fixtures.hpp"

using namespace caseflow;
using Catch::Matchers::Contains;

namespace {

/// |x - expected| <= rel * |expected| (with a tiny absolute floor for expected == 0).
bool close(double x, double expected, double rel) { return std::fabs(x - expected) <= rel * std::fabs(expected) + 1e-12; }

}  // namespace

TEST_CASE("Two states exchanging at constant rates match the closed-form solution", "[analytic]") {
  // N0 in A, A->B at a, B->A at b, no inflow: A(t) = N0 (b + a e^{-(a+b)t}) / (a+b).
  const double a = 0.03, b = 0.012, n0 = 1000.0;
  model::Model m;
  test::add_group_with_benefit(m, 2630, {{0, 0.2}});
  const auto A = test::add_state(m, "A", 1);
  const auto B = test::add_state(m, "B", 2, true);
  test::add_rate(m, A, B, a);
  test::add_rate(m, B, A, b);
  test::add_initial(m, A, static_cast<std::int64_t>(n0));
  const auto scenario = test::scenario_of(m, 2);
  const auto result = analytic::expected_occupancy(scenario, 0, {});
  REQUIRE(result.mean.size() == 105);  // weeks 0..104 of 2025-2026 (730 days = 104.3 weeks)
  CHECK_FALSE(result.approximate);
  CHECK(result.micro_states == 2);
  double worst = 0.0;
  for (std::size_t w = 0; w < result.mean.size(); ++w) {
    const double t = static_cast<double>(w);
    const double expected_a = n0 * (b + a * std::exp(-(a + b) * t)) / (a + b);
    worst = std::max(worst, std::fabs(result.mean[w][A] - expected_a) / expected_a);
    CHECK(close(result.mean[w][B], n0 - expected_a, 1e-9));
  }
  CHECK(worst < 1e-9);
}

TEST_CASE("The warm-up shifts the clock: week 0 is warmup_years after the initial stock is placed", "[analytic]") {
  const double a = 0.02, n0 = 500.0;
  model::Model m;
  test::add_group_with_benefit(m, 2630, {{0, 0.2}});
  const auto A = test::add_state(m, "A", 1);
  const auto B = test::add_state(m, "B", 2, true);
  test::add_rate(m, A, B, a);
  test::add_initial(m, A, 500);
  const auto scenario = test::scenario_of(m, 1, 2);
  const double begin = scenario.calendar().simulation_begin();  // 2023-01-01: 731 days before (2024 is leap)
  REQUIRE(begin == Approx(-731.0 / 7.0));
  const auto result = analytic::expected_occupancy(scenario, 0, {});
  for (const std::size_t w : {0u, 10u, 52u}) {
    CHECK(close(result.mean[w][A], n0 * std::exp(-a * (static_cast<double>(w) - begin)), 1e-9));
  }
  CHECK(result.mean[0][B] == Approx(n0 - result.mean[0][A]).epsilon(1e-12));
}

namespace {

/// Five states with inflow, a programme with exponential duration and `return` routing, and
/// an absorbing exit so the other states reach a steady state.
struct FiveStates {
  // Weekly inflow in a year of `days` days: `per_year` is per calendar year.
  double days = 365.0;
  double lj = 500.0 / (days / 7.0), lk = 300.0 / (days / 7.0);
  FiveStates with_year_of(double d) const {
    FiveStates f = *this;
    f.days = d;
    f.lj = 500.0 / (d / 7.0);
    f.lk = 300.0 / (d / 7.0);
    return f;
  }
  double j_s = 0.03, j_p = 0.02, j_x = 0.002, k_j = 0.015, k_p = 0.01, k_s = 0.005, s_j = 0.01, s_x = 0.008;
  double mean_p = 8.0, p_job = 0.3, p_return = 0.7;
  model::Model model() const {
    model::Model m;
    test::add_group_with_benefit(m, 2630, {{0, 0.25}});
    const auto J = test::add_state(m, "jobparat", 1);
    const auto K = test::add_state(m, "aktivitetsparat", 2);
    const auto P = test::add_programme(m, "praktik", 3, test::exponential(mean_p));
    const auto S = test::add_state(m, "job", 4, true);
    const auto X = test::add_state(m, "udrejst", 5, true);
    m.states[X].absorbing = true;
    test::add_rate(m, J, S, j_s);
    test::add_rate(m, J, P, j_p);
    test::add_rate(m, J, X, j_x);
    test::add_rate(m, K, J, k_j);
    test::add_rate(m, K, P, k_p);
    test::add_rate(m, K, S, k_s);
    test::add_rate(m, S, J, s_j);
    test::add_rate(m, S, X, s_x);
    test::add_exit(m, P, S, p_job);
    test::add_return(m, P, p_return);
    test::add_inflow(m, J, 500);
    test::add_inflow(m, K, 300);
    test::add_initial(m, K, 400);
    return m;
  }
  /// Steady state of J, K, P(from J), P(from K), S from the balance equations in-flow = out-flow,
  /// written out by hand and solved as a linear system.
  Eigen::VectorXd balance() const {
    const double d = 1.0 / mean_p;
    Eigen::MatrixXd M = Eigen::MatrixXd::Zero(5, 5);
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(5);
    // J: out (j_s+j_p+j_x) J = lj + k_j K + s_j S + p_return d PJ
    M.row(0) << j_s + j_p + j_x, -k_j, -p_return * d, 0.0, -s_j;
    rhs(0) = lj;
    // K: out (k_j+k_p+k_s) K = lk + p_return d PK
    M.row(1) << 0.0, k_j + k_p + k_s, 0.0, -p_return * d, 0.0;
    rhs(1) = lk;
    // PJ: d PJ = j_p J ; PK: d PK = k_p K
    M.row(2) << -j_p, 0.0, d, 0.0, 0.0;
    M.row(3) << 0.0, -k_p, 0.0, d, 0.0;
    // S: (s_j+s_x) S = j_s J + k_s K + p_job d (PJ + PK)
    M.row(4) << -j_s, -k_s, -p_job * d, -p_job * d, s_j + s_x;
    return M.partialPivLu().solve(rhs);
  }
};

}  // namespace

TEST_CASE("Five states with inflow and a returning programme settle at the balance-equation solution", "[analytic]") {
  const FiveStates f;
  const auto scenario = test::scenario_of(f.model(), 1, 60);
  const auto result = analytic::expected_occupancy(scenario, 0, {});
  CHECK(result.micro_states == 6);  // praktik is kept twice: entered from jobparat and from aktivitetsparat
  // The weekly inflow is per_year / (365/7) in common years and per_year / (366/7) in leap
  // years, so after 60 years the occupancy lies between the balance-equation solutions of those
  // two constant rates (the system is linear and monotone in its inflow).
  const auto high = f.balance();                       // 365-day years: the larger weekly inflow
  const auto low = f.with_year_of(366.0).balance();    // 366-day years
  const auto between = [](double v, double lo, double hi) { return v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9); };
  for (const std::size_t w : {0u, 26u, 52u}) {
    const auto& row = result.mean[w];
    CHECK(between(row[0], low(0), high(0)));
    CHECK(between(row[1], low(1), high(1)));
    CHECK(between(row[2], low(2) + low(3), high(2) + high(3)));
    CHECK(between(row[3], low(4), high(4)));
    CHECK(close(row[0], high(0), 3e-3));  // the two bounds are 1/365 apart
  }
  // Everyone ends up in the absorbing state: it grows by the whole inflow each week, again
  // between the weekly inflows of a leap and a common year.
  const FiveStates leap = f.with_year_of(366.0);
  CHECK(between(result.mean[41][4] - result.mean[40][4], leap.lj + leap.lk, f.lj + f.lk));
}

TEST_CASE("Benefit person-weeks and a flat refund give exact yearly costs", "[analytic]") {
  model::Model m;
  test::add_group_with_benefit(m, 1000.0, {{0, 0.3}});
  const auto A = test::add_state(m, "A", 1);
  const auto B = test::add_state(m, "B", 2, true);
  const double a = 0.05, n0 = 100.0;
  test::add_rate(m, A, B, a);
  test::add_initial(m, A, 100);
  const auto scenario = test::scenario_of(m, 2);
  const auto result = analytic::expected_occupancy(scenario, 0, {});
  REQUIRE(result.years.size() == 3);
  CHECK(result.years[0].year == "2025");
  CHECK(result.years[2].year == "total");
  // ∫ N0 e^{-a t} dt over 2025 (0 .. 365/7 weeks) and 2026.
  const double y1 = 365.0 / 7.0, y2 = 730.0 / 7.0;
  const double pw1 = n0 * (1 - std::exp(-a * y1)) / a;
  const double pw2 = n0 * (std::exp(-a * y1) - std::exp(-a * y2)) / a;
  // A helårsperson is a full calendar year (365 days here) on benefit.
  CHECK(close(result.years[0].fte_on_benefit, pw1 / y1, 1e-9));
  CHECK(close(result.years[1].fte_on_benefit, pw2 / y1, 1e-9));
  CHECK(close(result.years[2].fte_on_benefit, (pw1 + pw2) / y1, 1e-9));
  CHECK(close(result.years[0].benefit_gross, pw1 * 1000.0, 1e-9));
  REQUIRE(result.municipal_available);
  CHECK(close(result.years[1].benefit_municipal, pw2 * 1000.0 * 0.3, 1e-9));

  SECTION("a stepped refund schedule makes the municipal share unavailable, and says why") {
    m.refund.schedules[0].steps = {{0, 0.2}, {4, 0.6}};
    const auto stepped = analytic::expected_occupancy(test::scenario_of(m, 2), 0, {});
    CHECK_FALSE(stepped.municipal_available);
    CHECK_THAT(stepped.municipal_note, Contains("refund schedule 'standard' with 2 steps"));
    std::ostringstream csv;
    analytic::write_budget_csv(csv, {stepped});
    CHECK_THAT(csv.str(), Contains("baseline,2025,") && Contains(",\nbaseline,2026,"));
  }
}

TEST_CASE("An intervention's hazard multiplier acts only while the arm is active", "[analytic]") {
  const double a = 0.02, n0 = 1000.0;
  model::Model m;
  test::add_group_with_benefit(m, 2630, {{0, 0.2}});
  const auto A = test::add_state(m, "A", 1);
  const auto B = test::add_state(m, "B", 2, true);
  test::add_rate(m, A, B, a);
  test::add_initial(m, A, 1000);
  auto scenario = test::scenario_of(m, 1);
  model::Arm arm;
  arm.name = "dobbelt";
  arm.model = m;
  arm.start_week = 10.5;  // mid-week: the step is split there
  arm.end_week = 30.0;
  model::Effect e;
  e.from = A;
  e.to = B;
  e.multiplier = 2.0;
  arm.effects.push_back(e);
  scenario.arms.push_back(arm);
  const auto result = analytic::expected_occupancy(scenario, 1, {});
  const auto expected = [&](double t) {
    const double fast = std::clamp(t, 10.5, 30.0) - 10.5;
    return n0 * std::exp(-a * t - a * fast);
  };
  for (const std::size_t w : {5u, 10u, 11u, 20u, 30u, 40u}) {
    CHECK(close(result.mean[w][A], expected(static_cast<double>(w)), 1e-9));
  }
  const auto baseline = analytic::expected_occupancy(scenario, 0, {});
  CHECK(close(baseline.mean[40][A], n0 * std::exp(-a * 40.0), 1e-9));
}

TEST_CASE("A zero-duration programme is passed through at once along its exits", "[analytic]") {
  // jobparat -> visitering (duration 0) at rate r; visitering -> job 0.4, return 0.6:
  // effectively jobparat -> job at 0.4 r.
  const double r = 0.05, n0 = 800.0;
  model::Model m;
  test::add_group_with_benefit(m, 2630, {{0, 0.2}});
  const auto J = test::add_state(m, "jobparat", 1);
  const auto V = test::add_programme(m, "visitering", 2, engine::Distribution::fixed_at(0));
  const auto S = test::add_state(m, "job", 3, true);
  test::add_rate(m, J, V, r);
  test::add_exit(m, V, S, 0.4);
  test::add_return(m, V, 0.6);
  test::add_initial(m, J, 800);
  const auto result = analytic::expected_occupancy(test::scenario_of(m), 0, {});
  CHECK(result.micro_states == 2);
  for (const std::size_t w : {1u, 13u, 52u}) {
    CHECK(close(result.mean[w][J], n0 * std::exp(-0.4 * r * static_cast<double>(w)), 1e-9));
    CHECK(result.mean[w][V] == 0.0);
  }
}

namespace {

/// Largest |analytic - exact| over weeks 0..30 relative to N0, for a model solved with K phases.
template <class Exact>
double worst_error(const model::Model& m, int phases, model::StateId state, Exact exact) {
  const auto result = analytic::expected_occupancy(test::scenario_of(m), 0, analytic::Options{phases});
  double worst = 0.0;
  for (std::size_t w = 0; w <= 30; ++w) worst = std::max(worst, std::fabs(result.mean[w][state] - exact(static_cast<double>(w))));
  return worst;
}

}  // namespace

TEST_CASE("Erlang-K phases for a fixed programme duration converge to the exact occupancy as K grows", "[analytic]") {
  // N0 start in praktik (fixed 10 weeks) with a competing exit hazard c to job:
  // praktik(t) = N0 e^{-c t} for t < 10, and 0 from week 10 on.
  const double c = 0.05, n0 = 1000.0;
  model::Model m;
  test::add_group_with_benefit(m, 2630, {{0, 0.2}});
  const auto P = test::add_programme(m, "praktik", 1, engine::Distribution::fixed_at(10));
  const auto S = test::add_state(m, "job", 2, true);
  test::add_rate(m, P, S, c);
  test::add_exit(m, P, S, 1.0);
  test::add_initial(m, P, 1000);
  // Erlang-K spreads the end of the programme over about 10/sqrt(K) weeks around week 10,
  // where the exact curve jumps; measure 2 weeks or more away from the jump.
  const auto exact = [&](double t) { return t < 10.0 ? n0 * std::exp(-c * t) : 0.0; };
  const auto off_edge = [&](double t) { return std::fabs(t - 10.0) < 1.5 ? -1.0 : exact(t); };
  std::vector<double> errors;
  for (const int k : {4, 16, 48, 128}) {
    const auto result = analytic::expected_occupancy(test::scenario_of(m), 0, analytic::Options{k});
    CHECK(result.approximate);
    double worst = 0.0;
    for (std::size_t w = 0; w <= 30; ++w) {
      if (off_edge(static_cast<double>(w)) < 0.0) continue;
      worst = std::max(worst, std::fabs(result.mean[w][P] - exact(static_cast<double>(w))));
    }
    errors.push_back(worst / n0);
  }
  INFO("relative errors for K = 4, 16, 48, 128: " << errors[0] << ' ' << errors[1] << ' ' << errors[2] << ' ' << errors[3]);
  CHECK(errors[0] > errors[1]);
  CHECK(errors[1] > errors[2]);
  CHECK(errors[2] > errors[3]);
  CHECK(errors[3] < 0.01);  // deterministic: 0.0085 at K = 128, shrinking like the Erlang tail 2 weeks from the jump
}

TEST_CASE("Clock phases for a piecewise hazard converge to the exact occupancy as K grows", "[analytic]") {
  // A -> B at 0.08/wk for the first 10 weeks in A, then 0.01/wk.
  const double n0 = 1000.0;
  model::Model m;
  test::add_group_with_benefit(m, 2630, {{0, 0.2}});
  const auto A = test::add_state(m, "A", 1);
  const auto B = test::add_state(m, "B", 2, true);
  test::add_rate(m, A, B, 0.0);
  m.transitions.back().hazard.kind = model::Hazard::Kind::piecewise;
  m.transitions.back().hazard.steps = {{0, 0.08}, {10, 0.01}};
  test::add_initial(m, A, 1000);
  const auto exact = [&](double t) { return n0 * std::exp(-0.08 * std::min(t, 10.0) - 0.01 * std::max(t - 10.0, 0.0)); };
  const double e4 = worst_error(m, 4, A, exact) / n0;
  const double e32 = worst_error(m, 32, A, exact) / n0;
  const double e128 = worst_error(m, 128, A, exact) / n0;
  INFO("relative errors for K = 4, 32, 128: " << e4 << ' ' << e32 << ' ' << e128);
  CHECK(e4 > e32);
  CHECK(e32 > e128);
  CHECK(e128 < 0.015);  // the error shrinks like 1/sqrt(K): Erlang phases blur the week-10 kink
}

TEST_CASE("Erlang-K meeting intervals converge to fixed-interval meetings as K grows", "[analytic]") {
  // A meeting every 4 weeks moves a citizen from A to B with probability 0.2:
  // A(t) = N0 0.8^floor(t/4); measured mid-interval (t = 2, 6, 10, …).
  const double n0 = 1000.0;
  model::Model m;
  test::add_group_with_benefit(m, 2630, {{0, 0.2}});
  const auto A = test::add_state(m, "A", 1);
  const auto B = test::add_state(m, "B", 2, true);
  model::MeetingTrack track;
  track.name = "opfoelgning";
  track.states = {A};
  track.interval_min = track.interval_max = 4.0;
  track.outcomes = {model::MeetingOutcome{A, B, 0.2}};
  m.meetings.push_back(track);
  test::add_initial(m, A, 1000);
  std::vector<double> errors;
  for (const int k : {2, 16, 128}) {
    const auto result = analytic::expected_occupancy(test::scenario_of(m), 0, analytic::Options{k});
    double worst = 0.0;
    for (int t = 2; t <= 30; t += 4) {
      worst = std::max(worst, std::fabs(result.mean[static_cast<std::size_t>(t)][A] - n0 * std::pow(0.8, t / 4)) / n0);
    }
    errors.push_back(worst);
  }
  INFO("relative errors for K = 2, 16, 128: " << errors[0] << ' ' << errors[1] << ' ' << errors[2]);
  CHECK(errors[0] > errors[1]);
  CHECK(errors[1] > errors[2]);
  CHECK(errors[2] < 0.002);
}

TEST_CASE("Occupancy CSV has the simulator's columns, ISO dates and 6 significant digits", "[analytic]") {
  model::Model m;
  test::add_group_with_benefit(m, 2630, {{0, 0.2}});
  const auto A = test::add_state(m, "A", 1);
  const auto B = test::add_state(m, "B", 2, true);
  test::add_rate(m, A, B, 0.1);
  test::add_initial(m, A, 1000);
  const auto scenario = test::scenario_of(m);
  std::ostringstream out;
  analytic::write_occupancy_csv(out, scenario, {analytic::expected_occupancy(scenario, 0, {})});
  const auto csv = out.str();
  CHECK(csv.rfind("arm,week,date,state,mean\nbaseline,0,2025-01-01,A,1000\nbaseline,0,2025-01-01,B,0\n", 0) == 0);
  // 1000 e^{-0.1} = 904.837418…
  CHECK_THAT(csv, Contains("baseline,1,2025-01-08,A,904.837\nbaseline,1,2025-01-08,B,95.1626\n"));
  CHECK_THAT(csv, Contains("baseline,52,2025-12-31,A,"));
}
