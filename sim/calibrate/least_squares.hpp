#pragma once
/// @file least_squares.hpp
/// Bounded nonlinear least squares without derivatives: Levenberg–Marquardt with a
/// forward-difference Jacobian. Why this and not Nelder–Mead: under common random numbers the
/// simulated means move smoothly (up to tiny steps) with the parameters, so differences over a
/// few per cent of a parameter are accurate slopes, and Gauss–Newton steps reach the optimum
/// in a handful of iterations; the n+1 points of a Jacobian are simulated in one parallel batch.

#include <functional>
#include <string>
#include <vector>

namespace caseflow::calibrate {

/// Residual vectors at a batch of points (one vector per point, each of the same length).
using BatchResiduals = std::function<std::vector<std::vector<double>>(const std::vector<std::vector<double>>& points)>;

struct LeastSquaresOptions {
  int max_iterations = 30;
  /// Finite-difference step, relative to the parameter (or to its range when it is 0). Large
  /// enough to span many citizens' decisions, small enough for a local slope.
  double relative_step = 0.03;
  /// Stop when every step is below this, relative to the parameter (or its range).
  double step_tolerance = 1e-5;
  /// Stop when a step lowers the sum of squares by less than this fraction.
  double objective_tolerance = 1e-10;
};

struct LeastSquaresResult {
  std::vector<double> x;          ///< the fitted point
  std::vector<double> residuals;  ///< at x
  double objective_start = 0.0;   ///< sum of squared residuals at the start
  double objective = 0.0;         ///< at x
  int iterations = 0;
  int evaluations = 0;            ///< points simulated
  bool converged = false;
  std::string stop_reason;
};

/// Minimises Σ r_i(x)² over low <= x <= high from `start` (clamped into the bounds).
LeastSquaresResult least_squares(const BatchResiduals& residuals, std::vector<double> start, const std::vector<double>& low,
                                 const std::vector<double>& high, const LeastSquaresOptions& options = {});

/// Forward-difference Jacobian (m × n, row-major by residual) of `residuals` at `x`, where
/// `fx` are the residuals at x; a step that would leave the bounds goes the other way.
/// `evaluations` is increased by the points simulated.
std::vector<std::vector<double>> jacobian(const BatchResiduals& residuals, const std::vector<double>& x,
                                          const std::vector<double>& fx, const std::vector<double>& low,
                                          const std::vector<double>& high, double relative_step, int& evaluations);

}  // namespace caseflow::calibrate
