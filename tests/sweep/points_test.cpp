#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>

#include "engine/distribution.hpp"
#include "io/experiment_loader.hpp"
#include "sweep_support.hpp"
#include "sweep/plan.hpp"
#include "sweep/point_result.hpp"
#include "sweep/points.hpp"

using namespace caseflow;
using caseflow::testing::sweep_data;

TEST_CASE("Grid points are every combination, the last parameter varying fastest", "[sweep]") {
  const io::ExperimentFile ex = io::load_experiment(sweep_data("grid.yaml"));
  REQUIRE(ex.kind == io::ExperimentFile::Kind::grid);
  REQUIRE(sweep::point_count(ex) == 6);
  const auto points = sweep::make_points(ex, 0);
  REQUIRE(points.size() == 6);
  const std::vector<std::vector<std::string>> expected = {{"1.1", "0.015"}, {"1.1", "0.025"}, {"1.3", "0.015"},
                                                          {"1.3", "0.025"}, {"1.5", "0.015"}, {"1.5", "0.025"}};
  for (std::size_t i = 0; i < points.size(); ++i) CHECK(points[i].values == expected[i]);
}

TEST_CASE("One-way points are the base, then each parameter's low and high with the others at base", "[sweep]") {
  const io::ExperimentFile ex = io::load_experiment(sweep_data("oneway.yaml"));
  REQUIRE(ex.parameters.size() == 3);
  // The base is the scenario's own value, as written in two_state.yaml.
  CHECK(ex.parameters[0].base.text == "1.5");
  CHECK(ex.parameters[1].base.text == "0.02");
  CHECK(ex.parameters[2].base.text == "1000");
  const auto points = sweep::make_points(ex, 0);
  REQUIRE(points.size() == 7);
  CHECK(points[0].values == std::vector<std::string>{"1.5", "0.02", "1000"});
  CHECK(points[1].values == std::vector<std::string>{"1.1", "0.02", "1000"});
  CHECK(points[2].values == std::vector<std::string>{"1.8", "0.02", "1000"});
  CHECK(points[3].values == std::vector<std::string>{"1.5", "0.015", "1000"});
  CHECK(points[4].values == std::vector<std::string>{"1.5", "0.03", "1000"});
  CHECK(points[5].values == std::vector<std::string>{"1.5", "0.02", "800"});
  CHECK(points[6].values == std::vector<std::string>{"1.5", "0.02", "1200"});
}

TEST_CASE("A plan builds one scenario per point with the point's values and the experiment's seed", "[sweep]") {
  const sweep::Plan plan = sweep::make_plan(io::load_experiment(sweep_data("oneway.yaml")));
  REQUIRE(plan.points.size() == 7);
  CHECK(plan.seed == 5);
  CHECK(plan.replications == 3);
  CHECK(plan.arm_names == std::vector<std::string>{"baseline", "indsats", "andet"});
  CHECK(plan.year_labels == std::vector<std::string>{"2025", "2026", "total"});
  for (std::size_t i = 0; i < plan.points.size(); ++i) {
    const model::Scenario s = plan.scenario(i);
    CHECK(s.seed == 5);
    CHECK(s.replications == 3);
  }
  // Point 2 is the multiplier's high value: the intervention's effect carries it.
  const model::Scenario high = plan.scenario(2);
  REQUIRE(high.arms[1].effects.size() == 1);
  CHECK(high.arms[1].effects[0].multiplier == Approx(1.8).epsilon(1e-15));
  CHECK(plan.scenario(0).arms[1].effects[0].multiplier == Approx(1.5).epsilon(1e-15));
  // Point 5 is the weekly rate's low value.
  CHECK(plan.scenario(5).baseline().benefits.at(0).weekly_rate == Approx(800.0));
}

TEST_CASE("PSA draws are a pure function of seed, draw and parameter and stay within the distribution", "[sweep]") {
  io::ExperimentFile ex = io::load_experiment(sweep_data("psa.yaml"));
  REQUIRE(ex.draws == 12);
  const auto a = sweep::make_points(ex, 9);
  const auto b = sweep::make_points(ex, 9);
  REQUIRE(a.size() == 12);
  std::set<std::string> distinct;
  for (std::size_t d = 0; d < a.size(); ++d) {
    CHECK(a[d].values == b[d].values);
    const double multiplier = std::stod(a[d].values[0]);
    const double rate = std::stod(a[d].values[1]);
    const double cost = std::stod(a[d].values[2]);
    CHECK(multiplier >= 1.1);
    CHECK(multiplier <= 1.6);
    CHECK(rate > 0.0);
    CHECK(cost >= 60000.0);
    CHECK(cost <= 160000.0);
    // The text reads back as exactly the drawn double.
    CHECK(multiplier == sweep::psa_draw(ex.parameters[0].distribution, 9, d, 0));
    distinct.insert(a[d].values[0]);
  }
  CHECK(distinct.size() == 12);
  // More draws leave the first ones unchanged; another seed changes them.
  ex.draws = 40;
  const auto more = sweep::make_points(ex, 9);
  for (std::size_t d = 0; d < a.size(); ++d) CHECK(more[d].values == a[d].values);
  CHECK(sweep::make_points(ex, 10)[0].values != a[0].values);
}

TEST_CASE("PSA draws follow their distribution: the mean of many uniform draws is within 5 standard errors", "[sweep]") {
  engine::Distribution uniform;
  uniform.kind = engine::Distribution::Kind::uniform;
  uniform.a = 1.1;
  uniform.b = 1.6;
  const int n = 4000;
  double sum = 0.0;
  for (int d = 0; d < n; ++d) sum += sweep::psa_draw(uniform, 9, static_cast<std::uint64_t>(d), 0);
  // sd of U(1.1, 1.6) = 0.5 / sqrt(12) = 0.1443; se of the mean = 0.1443 / sqrt(4000) = 0.00228.
  CHECK(std::fabs(sum / n - 1.35) < 5 * 0.00228);
}

TEST_CASE("Point results survive serialization for MPI bit for bit", "[sweep]") {
  sweep::PointResult a;
  a.point = 7;
  a.seconds = 1.25;
  a.rows.push_back(sweep::ResultRow{1, 0, 1.0 / 3.0, -2.5, 1e300, -0.1, 0.2, 0.3, 0.75});
  a.rows.push_back(sweep::ResultRow{2, 4, 0.0, -0.0, 5e-324, 123456789.123, -9.0, 9.0, 0.0});
  sweep::PointResult b;
  b.point = 8;
  std::string buffer;
  sweep::serialize(a, buffer);
  sweep::serialize(b, buffer);
  const auto back = sweep::deserialize(buffer);
  REQUIRE(back.size() == 2);
  CHECK(back[0].point == 7);
  CHECK(back[0].seconds == 1.25);
  REQUIRE(back[0].rows.size() == 2);
  CHECK(back[0].rows[0].savings == 1.0 / 3.0);
  CHECK(back[0].rows[0].savings_hi == 1e300);
  CHECK(back[0].rows[1].arm == 2);
  CHECK(back[0].rows[1].year == 4);
  CHECK(back[0].rows[1].savings_hi == 5e-324);
  CHECK(back[0].rows[1].net == 123456789.123);
  CHECK(back[1].point == 8);
  CHECK(back[1].rows.empty());
  CHECK_THROWS_WITH(sweep::deserialize(buffer.substr(0, buffer.size() - 3)), Catch::Matchers::Contains("truncated"));
}
