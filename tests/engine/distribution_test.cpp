#include <catch2/catch.hpp>

#include <cmath>

#include "engine/distribution.hpp"

using caseflow::engine::Distribution;
using K = caseflow::engine::Distribution::Kind;

namespace {
Distribution make(K kind, double a, double b = 0.0, double c = 0.0) {
  Distribution d;
  d.kind = kind;
  d.a = a;
  d.b = b;
  d.c = c;
  return d;
}
}  // namespace

TEST_CASE("Quantiles invert the known CDFs", "[engine]") {
  CHECK(quantile(make(K::fixed, 13.0), 0.3) == 13.0);
  CHECK(quantile(make(K::exponential, 80.0), 0.5) == Approx(80.0 * std::log(2.0)));
  CHECK(quantile(make(K::uniform, 2.0, 6.0), 0.25) == Approx(3.0));
  CHECK(quantile(make(K::normal, 10.0, 2.0), 0.975) == Approx(10.0 + 2.0 * 1.959964).epsilon(1e-6));
  // Triangular [0, 1, 2] is symmetric: median 1.
  CHECK(quantile(make(K::triangular, 0.0, 1.0, 2.0), 0.5) == Approx(1.0));
  Distribution empirical = make(K::empirical, 0.0);
  empirical.empirical = {{4.0, 1.0}, {13.0, 3.0}};
  CHECK(quantile(empirical, 0.2) == 4.0);
  CHECK(quantile(empirical, 0.3) == 13.0);
}

TEST_CASE("Gamma, lognormal and beta are parameterised by their own mean and sd", "[engine]") {
  for (K kind : {K::gamma, K::lognormal, K::beta}) {
    const double m = kind == K::beta ? 0.3 : 20.0;
    const double sd = kind == K::beta ? 0.1 : 5.0;
    const Distribution d = make(kind, m, sd);
    // Mean and variance by midpoint integration of the quantile function.
    const int n = 20000;
    double sum = 0.0, sum2 = 0.0;
    for (int i = 0; i < n; ++i) {
      const double x = quantile(d, (i + 0.5) / n);
      sum += x;
      sum2 += x * x;
    }
    const double mean = sum / n;
    INFO(caseflow::engine::kind_name(kind));
    CHECK(mean == Approx(m).epsilon(0.002));
    CHECK(std::sqrt(sum2 / n - mean * mean) == Approx(sd).epsilon(0.01));
  }
}

TEST_CASE("Invalid distribution parameters are named", "[engine]") {
  CHECK(invalid_reason(make(K::exponential, -1.0)) != nullptr);
  CHECK(invalid_reason(make(K::uniform, 3.0, 2.0)) != nullptr);
  CHECK(invalid_reason(make(K::beta, 0.5, 0.6)) != nullptr);
  CHECK(invalid_reason(make(K::triangular, 1.0, 0.0, 2.0)) != nullptr);
  CHECK(invalid_reason(make(K::gamma, 10.0, 2.0)) == nullptr);
}
