#include <catch2/catch.hpp>

#include <cmath>

#include "economics/statistics.hpp"

using namespace caseflow::economics;

TEST_CASE("Percentiles interpolate between order statistics", "[economics]") {
  const std::vector<double> v{5, 1, 4, 2, 3};
  CHECK(percentile(v, 0.0) == 1.0);
  CHECK(percentile(v, 1.0) == 5.0);
  CHECK(percentile(v, 0.5) == 3.0);
  CHECK(percentile(v, 0.1) == Approx(1.4));
  const Summary s = summarise(v);
  CHECK(s.mean == 3.0);
  CHECK(s.lo == Approx(1.1));
  CHECK(s.hi == Approx(4.9));
}

TEST_CASE("The share of net savings counts strictly negative values", "[economics]") {
  CHECK(share_negative({-1.0, 0.0, 2.0, -3.0}) == 0.5);
  CHECK(share_negative({}) == 0.0);
}

TEST_CASE("The standard error of the mean is the sample sd over the square root of n", "[economics]") {
  // 1, 2, 3, 4: mean 2.5, sample variance (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3, se = sqrt(5/3 / 4).
  const auto s = caseflow::economics::summarise({1.0, 2.0, 3.0, 4.0});
  CHECK(s.mean == 2.5);
  CHECK(s.se == Approx(std::sqrt(5.0 / 12.0)).epsilon(1e-12));
  CHECK(caseflow::economics::summarise({7.0}).se == 0.0);
}
