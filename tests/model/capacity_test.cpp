#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>

#include "fixtures.hpp"

using namespace caseflow;

namespace {

// Erlang C: the mean number waiting in an M/M/c queue with offered load a = lambda / mu.
double erlang_c_mean_waiting(int c, double a) {
  return testing::erlang_c(c, a) * a / (c - a);
}

}  // namespace

TEST_CASE("A slot state with capacity c is an M/M/c queue: mean waiting matches Erlang C", "[model][capacity]") {
  const model::Scenario s = testing::load_model_fixture("mmc_slot.yaml");
  const auto records = economics::run_and_record(s, {0}, 2);
  const engine::Calendar calendar = s.calendar();
  const auto& years = calendar.budget_years();
  std::vector<double> per_replication;
  for (const auto& rep : records) {
    double area = 0.0, length = 0.0;
    for (std::size_t y = 0; y < years.size(); ++y) {
      area += rep[0].resources[y].waiting_area;  // one resource: the slot
      length += years[y].end_week - years[y].begin_week;
    }
    per_replication.push_back(area / length);
  }
  const testing::MeanSe m = testing::mean_se(per_replication);
  const double lambda = 18.2625 / (365.25 / 7.0), mu = 0.1;  // 0.35 a week
  const double expected = erlang_c_mean_waiting(5, lambda / mu);
  std::cout << "[erlang-c] M/M/5, load 3.5: simulated mean waiting " << m.mean << " +- " << m.se << ", Erlang C " << expected
            << ", z = " << (m.mean - expected) / m.se << "\n";
  CHECK(expected == Approx(0.8816).epsilon(0.001));  // by hand: P(wait) = 14.589 / 38.612, x 3.5 / 1.5
  CHECK(std::fabs(m.mean - expected) < 4.0 * m.se);
  CHECK(m.se < 0.1 * expected);
}

TEST_CASE("An unclamped pool holds fte x meetings_per_fte_week meetings a week whatever the caseload", "[model][capacity]") {
  const model::Scenario s = testing::load_model_fixture("pool_throughput.yaml");
  const auto records = economics::run_and_record(s, {0}, 2);
  const engine::Calendar calendar = s.calendar();
  const auto& year = calendar.budget_years().front();
  const double weeks = year.end_week - year.begin_week;
  std::vector<double> meetings, moves;
  for (const auto& rep : records) {
    meetings.push_back(rep[0].resources[0].meetings);
    moves.push_back(rep[0].flows[0 * 2 + 1]);  // year 0, a -> b
  }
  const testing::MeanSe m = testing::mean_se(meetings);
  const testing::MeanSe mv = testing::mean_se(moves);
  std::cout << "[pool] meetings in a year: " << m.mean << " (expected " << 20.0 * weeks << "); moves " << mv.mean << " +- " << mv.se
            << " (expected " << 0.1 * 20.0 * weeks << ")\n";
  CHECK(m.mean == Approx(20.0 * weeks).epsilon(0.01));
  CHECK(std::fabs(mv.mean - 0.1 * 20.0 * weeks) < 4.0 * mv.se + 1.0);
}

TEST_CASE("A served_by effect applies to exactly the citizens a capped pool serves", "[model][capacity]") {
  const model::Scenario s = testing::load_model_fixture("served_by.yaml");
  const auto records = economics::run_and_record(s, {0, 1}, 2);
  const std::size_t states = 2;
  for (const auto& rep : records) {
    const auto& base = rep[0].occupancy;
    const auto& arm = rep[1].occupancy;
    const std::size_t last = base.size() / states - 1;
    // The 100 served citizens never leave; the other 900 leave as in the baseline (same draws).
    CHECK(arm[last * states] >= 100);
    CHECK(arm[last * states] > base[last * states]);
    // Once the baseline's caseload falls below 100, everyone left is served and nobody leaves.
    CHECK(rep[1].resources[0].busy_area > 0.0);
  }
  // Mean of the arm's final stock: 100 served + the unserved who stayed, exp(-0.02 * 104.3) of 900.
  double stock = 0.0;
  for (const auto& rep : records) stock += rep[1].occupancy[(rep[1].occupancy.size() / states - 1) * states];
  stock /= static_cast<double>(records.size());
  const double expected = 100.0 + 900.0 * std::exp(-0.02 * 104.0);
  CHECK(stock == Approx(expected).epsilon(0.08));
}

TEST_CASE("Staffing that changes mid-year changes the meetings held from that date", "[model][capacity]") {
  const model::Scenario s =
      testing::load_model_fixture("pool_throughput.yaml", {{"pools.raadgivere.fte_changes", "[{date: 2025-07-02, fte: 4}]"}});
  const auto records = economics::run_and_record(s, {0}, 2);
  const engine::Calendar calendar = s.calendar();
  const auto& year = calendar.budget_years().front();
  const double change = calendar.week_of(engine::Date{2025, 7, 2});
  // 20 meetings a week until 2 July, 40 after: booked meetings are re-planned when staff change.
  const double before_only = 20.0 * (year.end_week - year.begin_week);
  const double after_fully = 20.0 * (change - year.begin_week) + 40.0 * (year.end_week - change);
  double meetings = 0.0;
  for (const auto& rep : records) meetings += rep[0].resources[0].meetings;
  meetings /= static_cast<double>(records.size());
  std::cout << "[pool] with fte 2 -> 4 on 2025-07-02: " << meetings << " meetings (bounds " << before_only << " .. " << after_fully << ")\n";
  CHECK(meetings == Approx(after_fully).epsilon(0.01));
  CHECK(meetings > before_only * 1.3);
}
