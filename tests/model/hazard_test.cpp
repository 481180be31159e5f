#include <catch2/catch.hpp>

#include <cmath>

#include "model/hazard.hpp"

using namespace caseflow::model;

TEST_CASE("Cumulative hazards and their inverses agree for rate, piecewise and weibull", "[model]") {
  Hazard rate;
  rate.rate = 0.03;
  Hazard piecewise;
  piecewise.kind = Hazard::Kind::piecewise;
  piecewise.steps = {{0.0, 0.015}, {52.0, 0.008}};
  Hazard weibull;
  weibull.kind = Hazard::Kind::weibull;
  weibull.shape = 0.8;
  weibull.scale = 200.0;
  CHECK(cumulative_hazard(piecewise, 60.0) == Approx(52 * 0.015 + 8 * 0.008));
  CHECK(cumulative_hazard(weibull, 200.0) == Approx(1.0));
  for (const Hazard* h : {&rate, &piecewise, &weibull}) {
    for (double s : {0.5, 10.0, 52.0, 75.3, 400.0}) {
      CHECK(inverse_cumulative_hazard(*h, cumulative_hazard(*h, s)) == Approx(s).epsilon(1e-12));
    }
  }
  Hazard zero_tail = piecewise;
  zero_tail.steps = {{0.0, 0.1}, {10.0, 0.0}};
  CHECK(std::isinf(inverse_cumulative_hazard(zero_tail, 1.5)));  // only 1.0 is ever reached
}

TEST_CASE("A threshold on the cumulative-hazard scale survives a mid-spell change of multiplier", "[model]") {
  Hazard h;
  h.rate = 0.1;
  // Threshold 1.0: without a change the event is at t = 10 after entry at 0.
  CHECK(time_to_threshold(h, 0.0, 0.0, 1.0, MultiplierPath::constant(0.0, 1.0)) == Approx(10.0));
  // Multiplier 2 from week 4: 0.4 used by week 4, the remaining 0.6 at rate 0.2 takes 3 weeks.
  const MultiplierPath path{{0.0, 4.0}, {1.0, 2.0}};
  CHECK(time_to_threshold(h, 0.0, 0.0, 1.0, path) == Approx(7.0));
  CHECK(weighted_hazard_between(h, 0.0, 0.0, 7.0, path) == Approx(1.0));
  // Multiplier 0 (no exits) from week 4 to 6, then 1: 2 weeks later than without.
  const MultiplierPath pause{{0.0, 4.0, 6.0}, {1.0, 0.0, 1.0}};
  CHECK(time_to_threshold(h, 0.0, 0.0, 1.0, pause) == Approx(12.0));
}
