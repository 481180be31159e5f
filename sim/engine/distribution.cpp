#include "engine/distribution.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/normal.hpp>

namespace caseflow::engine {
namespace {

double clamp_unit(double u) { return std::clamp(u, 1e-16, 1.0 - 1e-16); }

double normal_quantile(double mean, double sd, double u) {
  if (sd <= 0.0) return mean;
  return boost::math::quantile(boost::math::normal_distribution<double>(mean, sd), clamp_unit(u));
}

}  // namespace

double quantile(const Distribution& d, double u) {
  using K = Distribution::Kind;
  switch (d.kind) {
    case K::fixed:
      return d.a;
    case K::exponential:
      return -d.a * std::log1p(-clamp_unit(u));
    case K::uniform:
      return d.a + (d.b - d.a) * u;
    case K::gamma: {
      if (d.b <= 0.0) return d.a;
      const double shape = (d.a * d.a) / (d.b * d.b);
      const double scale = (d.b * d.b) / d.a;
      return boost::math::quantile(boost::math::gamma_distribution<double>(shape, scale), clamp_unit(u));
    }
    case K::lognormal: {
      if (d.b <= 0.0) return d.a;
      // Parameters of the underlying normal from the lognormal's own mean and sd.
      const double sigma2 = std::log1p((d.b * d.b) / (d.a * d.a));
      const double mu = std::log(d.a) - 0.5 * sigma2;
      return std::exp(normal_quantile(mu, std::sqrt(sigma2), u));
    }
    case K::beta: {
      if (d.b <= 0.0) return d.a;
      const double common = d.a * (1.0 - d.a) / (d.b * d.b) - 1.0;
      return boost::math::quantile(boost::math::beta_distribution<double>(d.a * common, (1.0 - d.a) * common),
                                   clamp_unit(u));
    }
    case K::normal:
      return normal_quantile(d.a, d.b, u);
    case K::triangular: {
      const double lo = d.a, mode = d.b, hi = d.c;
      if (hi <= lo) return lo;
      const double f = (mode - lo) / (hi - lo);
      return u < f ? lo + std::sqrt(u * (hi - lo) * (mode - lo)) : hi - std::sqrt((1.0 - u) * (hi - lo) * (hi - mode));
    }
    case K::empirical: {
      double total = 0.0;
      for (const auto& [value, weight] : d.empirical) total += weight;
      double target = u * total;
      for (const auto& [value, weight] : d.empirical) {
        if (target < weight) return value;
        target -= weight;
      }
      return d.empirical.empty() ? 0.0 : d.empirical.back().first;
    }
  }
  return d.a;
}

double mean(const Distribution& d) {
  using K = Distribution::Kind;
  switch (d.kind) {
    case K::uniform:
      return 0.5 * (d.a + d.b);
    case K::triangular:
      return (d.a + d.b + d.c) / 3.0;
    case K::empirical: {
      double total = 0.0, sum = 0.0;
      for (const auto& [value, weight] : d.empirical) {
        total += weight;
        sum += value * weight;
      }
      return total > 0.0 ? sum / total : 0.0;
    }
    default:
      return d.a;  // fixed, exponential, gamma, lognormal, beta, normal: a is the mean
  }
}

const char* invalid_reason(const Distribution& d) {
  using K = Distribution::Kind;
  switch (d.kind) {
    case K::fixed:
    case K::normal:
      if (d.kind == K::normal && d.b < 0.0) return "sd must be >= 0";
      return nullptr;
    case K::exponential:
      return d.a > 0.0 ? nullptr : "the mean must be > 0";
    case K::uniform:
      return d.b >= d.a ? nullptr : "needs [a, b] with a <= b";
    case K::gamma:
    case K::lognormal:
      if (d.a <= 0.0) return "the mean must be > 0";
      return d.b >= 0.0 ? nullptr : "sd must be >= 0";
    case K::beta:
      if (d.a <= 0.0 || d.a >= 1.0) return "the mean must lie strictly between 0 and 1";
      if (d.b < 0.0) return "sd must be >= 0";
      return d.b * d.b < d.a * (1.0 - d.a) ? nullptr : "sd too large for a beta with this mean (need sd^2 < mean*(1-mean))";
    case K::triangular:
      return (d.a <= d.b && d.b <= d.c) ? nullptr : "needs [min, mode, max] with min <= mode <= max";
    case K::empirical: {
      if (d.empirical.empty()) return "needs at least one [value, weight] pair";
      double total = 0.0;
      for (const auto& [value, weight] : d.empirical) {
        if (weight < 0.0) return "weights must be >= 0";
        total += weight;
      }
      return total > 0.0 ? nullptr : "weights must not all be 0";
    }
  }
  return nullptr;
}

const char* kind_name(Distribution::Kind kind) {
  using K = Distribution::Kind;
  switch (kind) {
    case K::fixed: return "fixed";
    case K::exponential: return "exponential";
    case K::uniform: return "uniform";
    case K::gamma: return "gamma";
    case K::lognormal: return "lognormal";
    case K::beta: return "beta";
    case K::normal: return "normal";
    case K::triangular: return "triangular";
    case K::empirical: return "empirical";
  }
  return "?";
}

}  // namespace caseflow::engine
