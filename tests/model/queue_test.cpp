// queues.csv: waiting, waits and utilisation of pools and slots, against known answers (issue 14,
// item 4): an M/M/c slot against Erlang C and Little's law, and resources that exist only part
// of the horizon (a staffing change to 0; an added slot or pool whose intervention ends: see
// lifecycle_test.cpp).
#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>
#include <string>

#include "fixtures.hpp"

using namespace caseflow;

namespace {

/// Erlang C: the probability that an arrival to an M/M/c queue with offered load a waits.
double cell_number(const economics::Cell& cell) {
  if (const double* d = std::get_if<double>(&cell)) return *d;
  if (const std::int64_t* i = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*i);
  return std::stod(std::get<std::string>(cell));
}

std::size_t column(const economics::Table& t, const std::string& name) {
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i].name == name) return i;
  }
  FAIL("no column " << name);
  return 0;
}

}  // namespace

TEST_CASE("An M/M/c slot: share waited is Erlang C, the mean wait C / (c mu - lambda), and Little's law holds",
          "[model][capacity][queues]") {
  // mmc_slot.yaml: c = 5 places, lambda = 18.2625 / (365.25 / 7) = 0.35 a week, mu = 0.1 a week, a = 3.5.
  const model::Scenario s = testing::load_model_fixture("mmc_slot.yaml", {{"scenario.replications", "120"}});
  const auto records = economics::run_and_record(s, {0}, 2);
  const engine::Calendar calendar = s.calendar();
  const auto& years = calendar.budget_years();
  const double horizon = years.back().end_week - years.front().begin_week;
  std::vector<double> share, wait, little_ratio;
  for (const auto& rep : records) {
    double joined = 0.0, waited = 0.0, weeks = 0.0, area = 0.0;
    for (std::size_t y = 0; y < years.size(); ++y) {
      const model::ResourceYear& r = rep[0].resources[y];  // one resource: the slot
      joined += r.joined;
      waited += r.waits_begun;
      weeks += r.joined_wait_weeks;
      area += r.waiting_area;
    }
    share.push_back(waited / joined);
    wait.push_back(weeks / joined);
    // Little: mean number waiting = joins per week x mean wait over all who joined.
    little_ratio.push_back((area / horizon) / (joined / horizon * weeks / joined));
  }
  const double lambda = 18.2625 / (365.25 / 7.0), mu = 0.1;
  const double c_wait = testing::erlang_c(5, lambda / mu);
  const double w = c_wait / (5 * mu - lambda);
  CHECK(c_wait == Approx(14.589 / 38.612).epsilon(0.001));  // by hand
  CHECK(w == Approx(2.5189).epsilon(0.001));
  const testing::MeanSe ms = testing::mean_se(share), mw = testing::mean_se(wait), ml = testing::mean_se(little_ratio);
  std::cout << "[queues] M/M/5, load 3.5: share waited " << ms.mean << " +- " << ms.se << " (Erlang C " << c_wait << "), mean wait "
            << mw.mean << " +- " << mw.se << " (" << w << "), Little ratio " << ml.mean << "\n";
  CHECK(std::fabs(ms.mean - c_wait) < 4.0 * ms.se);
  CHECK(ms.se < 0.04 * c_wait);  // the test has power
  CHECK(std::fabs(mw.mean - w) < 4.0 * mw.se);
  CHECK(mw.se < 0.08 * w);
  // Little's law on the same run: equal up to the waits cut by the horizon's two ends.
  CHECK(ml.mean == Approx(1.0).epsilon(0.01));

  // The same figures in queues.csv: pooled over replications, per year.
  const economics::RunTables tables = economics::summarise_run(s, {0}, records);
  const economics::Table& q = tables.queues;
  REQUIRE(q.columns.size() >= 12);
  CHECK(q.columns[q.columns.size() - 2].name == "share_waited");
  CHECK(q.columns.back().name == "mean_wait_weeks_if_waited");
  double joined = 0.0, waited = 0.0, weeks = 0.0;
  for (const auto& rep : records) {
    joined += rep[0].resources[7].joined;
    waited += rep[0].resources[7].waits_begun;
    weeks += rep[0].resources[7].joined_wait_weeks;
  }
  const auto& row = q.rows[7];
  CHECK(cell_number(row[column(q, "share_waited")]) == Approx(waited / joined).margin(1e-4));
  CHECK(cell_number(row[column(q, "mean_wait_weeks")]) == Approx(weeks / joined).margin(1e-4));
  CHECK(cell_number(row[column(q, "mean_wait_weeks_if_waited")]) == Approx(weeks / waited).margin(1e-4));
}

TEST_CASE("A pool whose staffing changes to 0 exists until then: utilisation over that time, no waits after it",
          "[model][capacity][queues]") {
  const model::Scenario s = testing::load_model_fixture("pool_closes.yaml");
  const auto records = economics::run_and_record(s, {0}, 2);
  const engine::Calendar calendar = s.calendar();
  const double change = calendar.week_of(engine::Date{2025, 7, 2});
  for (const auto& rep : records) {
    const model::ResourceYear& open = rep[0].resources[0];
    const model::ResourceYear& closed = rep[0].resources[1];
    // Full (40 served) the whole time it exists: utilisation exactly 1, over 2 x 20 x `change` weeks.
    CHECK(open.capacity_area == Approx(40.0 * change).epsilon(1e-12));
    CHECK(open.open_busy_area == Approx(40.0 * change).epsilon(1e-12));
    CHECK(open.open_weeks == Approx(change).epsilon(1e-12));
    CHECK(open.waiting_area > 900.0 * change * 0.5);  // the other citizens wait for a place meanwhile
    // From 2 July nobody is served or waits; 2026 sees nothing at all.
    CHECK(open.busy_area == Approx(40.0 * change).epsilon(1e-12));
    CHECK(closed.busy_area == 0.0);
    CHECK(closed.waiting_area == 0.0);
    CHECK(closed.joined == 0.0);
    CHECK(closed.waits_ended == 0.0);
    CHECK(closed.meetings == 0.0);
    CHECK(closed.open_weeks == 0.0);
  }
  const economics::RunTables tables = economics::summarise_run(s, {0}, records);
  const economics::Table& q = tables.queues;
  REQUIRE(q.rows.size() == 2);
  CHECK(cell_number(q.rows[0][column(q, "utilisation")]) == Approx(1.0).epsilon(1e-9));
  CHECK(cell_number(q.rows[1][column(q, "mean_waiting")]) == 0.0);
  CHECK(cell_number(q.rows[1][column(q, "mean_wait_weeks")]) == 0.0);
  CHECK(cell_number(q.rows[1][column(q, "share_waited")]) == 0.0);
}
