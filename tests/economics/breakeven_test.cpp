// The break-even search (economics/breakeven.hpp) on curves whose roots are known by hand.
#include <catch2/catch.hpp>

#include <cmath>

#include "economics/breakeven.hpp"
#include "engine/percentile.hpp"

using namespace caseflow;

TEST_CASE("Break-even of a net linear in the parameter: the mean root, each replication's root and the stated-savings value",
          "[economics][breakeven]") {
  // Per replication r and year y: net = a[r][y] - 1000 x (cost falls as the effect x rises),
  // savings = s[r][y] x. Two budget years; the total is their sum (no discounting).
  const std::vector<std::vector<double>> a = {{3000, 5000}, {2000, 4000}, {2500, 6500}, {1000, 2000}};
  const std::vector<std::vector<double>> s = {{400, 600}, {500, 500}, {300, 900}, {600, 400}};
  int calls = 0;
  const economics::BreakevenEvaluate evaluate = [&](double x) {
    ++calls;
    economics::BreakevenPoint p;
    for (std::size_t r = 0; r < a.size(); ++r) {
      std::vector<double> net, savings;
      for (std::size_t y = 0; y < 2; ++y) {
        net.push_back(a[r][y] - 1000.0 * x);
        savings.push_back(s[r][y] * x);
      }
      net.push_back(net[0] + net[1]);
      savings.push_back(savings[0] + savings[1]);
      p.net.push_back(net);
      p.savings.push_back(savings);
    }
    return p;
  };
  economics::BreakevenOptions options;
  options.years = 2;
  options.stated_savings = {2000.0, 4000.0};
  const economics::BreakevenResult result = economics::find_breakeven(evaluate, 1.3, options);
  // Total: sum_y a / 2000 per replication: 4, 3, 4.5, 1.5; the mean curve's root is their mean.
  const std::vector<double> roots = {4.0, 3.0, 4.5, 1.5};
  REQUIRE(result.net[2].found);
  CHECK(result.net[2].value == Approx(3.25).epsilon(1e-9));
  CHECK(result.net[2].replications_with_root == 4);
  CHECK(result.net[2].lo == Approx(engine::percentile(roots, 0.025)).epsilon(1e-9));
  CHECK(result.net[2].hi == Approx(engine::percentile(roots, 0.975)).epsilon(1e-9));
  // Each year: mean a[.][y] / 1000.
  CHECK(result.net[0].value == Approx(2.125).epsilon(1e-9));
  CHECK(result.net[1].value == Approx(4.375).epsilon(1e-9));
  CHECK(result.net_falls);
  CHECK(result.scenario_value == 1.3);
  // Stated 6,000 over both years; mean savings per unit of x: (1000 + 1000 + 1200 + 1000) / 4 = 1050.
  REQUIRE(result.has_stated);
  CHECK(result.stated_total == 6000.0);
  REQUIRE(result.stated.found);
  CHECK(result.stated.value == Approx(6000.0 / 1050.0).epsilon(1e-9));
  CHECK(result.simulated_savings_at_scenario_value == Approx(1050.0 * 1.3).epsilon(1e-12));
  CHECK(result.evaluations == calls);
  CHECK(calls < 60);
}

TEST_CASE("Break-even search stops at the parameter's domain and still brackets a root inside it", "[economics][breakeven]") {
  // net = (x - 0.2)^3 * 1000 - 1, defined only for x >= 0: the root is 0.2 + 0.1 = 0.3.
  const economics::BreakevenEvaluate evaluate = [](double x) {
    if (x < 0.0) throw economics::OutOfDomain("negative");
    economics::BreakevenPoint p;
    const double net = std::pow(x - 0.2, 3.0) * 1000.0 - 1.0;
    p.net = {{net, net}};
    p.savings = {{0.0, 0.0}};
    return p;
  };
  economics::BreakevenOptions options;
  options.years = 1;
  options.max_evaluations_per_root = 60;
  const economics::BreakevenResult result = economics::find_breakeven(evaluate, 2.0, options);
  REQUIRE(result.net[1].found);
  CHECK(result.net[1].value == Approx(0.3).epsilon(1e-3));
  CHECK_FALSE(result.net_falls);  // the net rises with the parameter here
}
