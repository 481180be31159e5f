#pragma once
/// @file distribution.hpp
/// Univariate distributions sampled by inversion: one uniform in, one value out, so that a
/// draw stays aligned across arms whatever the parameters (see sim/README.md, "Streams").

#include <utility>
#include <vector>

namespace caseflow::engine {

/// A distribution as written in a scenario: `{fixed: x}`, `{exponential: mean}`, … .
struct Distribution {
  enum class Kind { fixed, exponential, uniform, gamma, lognormal, beta, normal, triangular, empirical };
  Kind kind = Kind::fixed;
  /// fixed: a; exponential: mean a; uniform: [a, b]; gamma/lognormal/beta/normal: mean a, sd b;
  /// triangular: min a, mode b, max c.
  double a = 0.0;
  double b = 0.0;
  double c = 0.0;
  /// empirical: (value, weight) pairs; weights need not sum to 1.
  std::vector<std::pair<double, double>> empirical;

  static Distribution fixed_at(double x) { return Distribution{Kind::fixed, x, 0.0, 0.0, {}}; }
  friend bool operator==(const Distribution&, const Distribution&) = default;
};

/// The value at probability u in (0, 1): the inverse CDF.
double quantile(const Distribution& d, double u);

/// The expected value (used by the analytic form and by reports).
double mean(const Distribution& d);

/// Empty if the parameters are valid; otherwise what is wrong (for diagnostics).
const char* invalid_reason(const Distribution& d);

/// Lowercase name as written in a scenario (`gamma`, …).
const char* kind_name(Distribution::Kind kind);

}  // namespace caseflow::engine
