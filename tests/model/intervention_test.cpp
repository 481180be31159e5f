#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>

#include "fixtures.hpp"
#include "model/simulation.hpp"
#include "model/sources.hpp"

using namespace caseflow;

namespace {

// Expected benefit weeks in [a, b) of N0 citizens leaving at rate r: N0 (e^{-ra} - e^{-rb}) / r.
double expected_weeks(double n0, double r, double a, double b) { return n0 * (std::exp(-r * a) - std::exp(-r * b)) / r; }

}  // namespace

TEST_CASE("The savings of a hazard multiplier match the closed form of a two-state model", "[model][economics]") {
  const model::Scenario s = testing::load_model_fixture("two_state_savings.yaml");
  const auto records = economics::run_and_record(s, {0, 1}, 2);
  const engine::Calendar calendar = s.calendar();
  const auto& years = calendar.budget_years();
  for (std::size_t y = 0; y < years.size(); ++y) {
    std::vector<double> savings;
    for (const auto& rep : records) savings.push_back(rep[1].money.savings[y]);
    const testing::MeanSe m = testing::mean_se(savings);
    const double a = years[y].begin_week, b = years[y].end_week;
    // Flat share 0.5 of 1,000 DKK a week.
    const double expected = 1000.0 * 0.5 * (expected_weeks(2000, 0.02, a, b) - expected_weeks(2000, 0.03, a, b));
    INFO("year " << years[y].year << ": simulated " << m.mean << " +- " << m.se << ", expected " << expected);
    CHECK(std::fabs(m.mean - expected) < 4.0 * m.se);
    CHECK(m.se < 0.05 * expected);  // the test has power
  }
}

TEST_CASE("A null intervention gives savings of exactly 0 in every replication", "[model][economics]") {
  const model::Scenario s = testing::load_model_fixture("two_state_savings.yaml");
  const auto records = economics::run_and_record(s, {0, 2}, 2);
  for (const auto& rep : records) {
    for (double v : rep[1].money.savings) REQUIRE(v == 0.0);
    REQUIRE(rep[1].occupancy == rep[0].occupancy);
  }
  // The same for a scenario with meetings, programmes, warm-up and a mid-horizon start:
  const model::Scenario g = testing::load_model_fixture(
      "crn_groups.yaml", {{"interventions.dagpenge-indsats.effects[0].multiplier", "1"},
                          {"interventions.dagpenge-indsats.effects[1].multiplier", "1"}});
  for (const auto& rep : economics::run_and_record(g, {0, 1}, 2)) {
    for (double v : rep[1].money.savings) REQUIRE(v == 0.0);
    REQUIRE(rep[1].occupancy == rep[0].occupancy);
  }
}

TEST_CASE("Citizens no effect reaches have identical trajectories in both arms", "[model]") {
  const model::Scenario s = testing::load_model_fixture("crn_groups.yaml");
  model::SimulationOptions trace;
  trace.trace_citizens = true;
  const auto base = model::simulate_arm(s, 0, 0, nullptr, trace);
  const auto arm = model::simulate_arm(s, 1, 0, &base, trace);
  REQUIRE(base.citizen_trajectories.size() == arm.citizen_trajectories.size());
  // Citizen ids: one block per source (model/sources.hpp). Initial kontanthjælp citizens are
  // untouched; some dagpenge citizens must differ.
  const auto sources = model::citizen_sources(s, engine::StreamFamily(s.seed, 0), s.calendar());
  std::uint32_t kh = 0, dp = 0;
  for (const auto& source : sources) {
    if (source.name == "kontanthjaelp.aktivitetsparat") kh = source.first_id;
    if (source.name == "dagpenge.jobparat" && source.initial) dp = source.first_id;
  }
  std::size_t same_kh = 0, differ_dp = 0;
  for (std::size_t c = kh; c < kh + 200; ++c) same_kh += base.citizen_trajectories[c] == arm.citizen_trajectories[c];
  for (std::size_t c = dp; c < dp + 200; ++c) differ_dp += base.citizen_trajectories[c] != arm.citizen_trajectories[c];
  CHECK(same_kh == 200);
  CHECK(differ_dp > 10);
}

TEST_CASE("An intervention that starts mid-horizon has no effect before its start", "[model][economics]") {
  const model::Scenario s = testing::load_model_fixture("crn_groups.yaml");
  const auto records = economics::run_and_record(s, {0, 1}, 2);
  const double start = s.arms[1].start_week;  // 2026-01-01
  REQUIRE(start == Approx(365.0 / 7.0));
  const std::size_t states = s.baseline().states.size();
  double later_savings = 0.0;
  for (const auto& rep : records) {
    CHECK(rep[1].money.savings[0] == 0.0);  // 2025
    CHECK(rep[1].money.net[0] == 0.0);
    for (std::size_t w = 0; w < static_cast<std::size_t>(start); ++w) {
      for (std::size_t st = 0; st < states; ++st) REQUIRE(rep[1].occupancy[w * states + st] == rep[0].occupancy[w * states + st]);
    }
    later_savings += std::fabs(rep[1].money.savings[1]);
  }
  CHECK(later_savings > 0.0);
}

TEST_CASE("A prudence factor of 0.5 halves the counted savings exactly", "[economics]") {
  const model::Scenario full = testing::load_model_fixture("two_state_savings.yaml", {{"scenario.replications", "5"}});
  const model::Scenario half =
      testing::load_model_fixture("two_state_savings.yaml", {{"scenario.replications", "5"}, {"report.prudence_factor", "0.5"}});
  const auto a = economics::run_and_record(full, {0, 1}, 1);
  const auto b = economics::run_and_record(half, {0, 1}, 2);
  for (std::size_t r = 0; r < a.size(); ++r) {
    for (std::size_t y = 0; y < a[r][1].money.savings.size(); ++y) {
      CHECK(b[r][1].money.savings[y] == 0.5 * a[r][1].money.savings[y]);
      CHECK(b[r][1].money.net[y] == Approx(a[r][1].money.intervention_cost[y] - 0.5 * a[r][1].money.savings[y]));
    }
  }
}

TEST_CASE("Paired savings vary far less than savings from independent runs", "[model][economics]") {
  const model::Scenario s = testing::load_model_fixture("crn_groups.yaml", {{"scenario.replications", "24"}});
  const auto paired = economics::run_and_record(s, {0, 1}, 2);
  // Independent: the arm against the baseline of another replication (different random numbers).
  std::vector<double> paired_total, independent_total;
  const std::size_t n = paired.size();
  for (std::size_t r = 0; r < n; ++r) {
    const std::size_t total = paired[r][1].money.savings.size() - 1;
    paired_total.push_back(paired[r][1].money.savings[total]);
    independent_total.push_back(paired[(r + 1) % n][0].money.benefit_municipal[total] - paired[r][1].money.benefit_municipal[total]);
  }
  const double paired_sd = testing::mean_se(paired_total).se;
  const double independent_sd = testing::mean_se(independent_total).se;
  const double ratio = independent_sd / paired_sd;
  std::cout << "[crn] standard error of total savings: paired " << paired_sd << ", independent " << independent_sd
            << ", ratio " << ratio << "\n";
  CHECK(ratio > 3.0);
}

TEST_CASE("budget.csv: the total row is discounted throughout, and savings_se is the standard error over replications",
          "[economics]") {
  const model::Scenario s = testing::load_model_fixture("two_state_savings.yaml", {{"scenario.replications", "6"}, {"report.discount_rate", "0.04"}});
  const auto records = economics::run_and_record(s, {0, 1}, 2);
  const economics::RunTables tables = economics::summarise_run(s, {0, 1}, records);
  const auto& t = tables.budget;
  const auto col = [&](const std::string& name) {
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      if (t.columns[c].name == name) return c;
    }
    FAIL("no column " << name);
    return std::size_t{0};
  };
  const auto value = [&](const std::vector<economics::Cell>& row, const std::string& name) { return std::get<double>(row[col(name)]); };
  for (const auto& row : t.rows) {
    if (std::get<std::string>(row[0]) != s.arms[1].name) continue;
    // The standard error, recomputed here from the per-replication savings of this year.
    const std::string year = std::get<std::string>(row[1]);
    const std::size_t y = year == "total" ? records[0][1].money.savings.size() - 1 : static_cast<std::size_t>(std::stoi(year) - s.start.year);
    std::vector<double> v;
    for (const auto& rep : records) v.push_back(rep[1].money.savings[y]);
    double mean = 0.0, squares = 0.0;
    for (double x : v) mean += x / static_cast<double>(v.size());
    for (double x : v) squares += (x - mean) * (x - mean);
    CHECK(value(row, "savings_se") == Approx(std::sqrt(squares / 5.0 / 6.0)).epsilon(1e-9));
    if (year == "total") {
      CHECK(value(row, "cumulative_net") == value(row, "net"));
      CHECK(value(row, "p_paid_back") == value(row, "p_net_saving"));
    }
  }
}
