#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>

#include "fixtures.hpp"

using namespace caseflow;

namespace {

// Erlang C: the mean number waiting in an M/M/c queue with offered load a = lambda / mu.
double erlang_c_mean_waiting(int c, double a) {
  double term = 1.0, sum = 0.0;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  // term is now a^c / c!
  const double tail = term * c / (c - a);
  const double p_wait = tail / (sum + tail);
  return p_wait * a / (c - a);
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
  const double lambda = 18.2 / 52.0, mu = 0.1;
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
