#include "calibrate/least_squares.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>

namespace caseflow::calibrate {
namespace {

double sum_of_squares(const std::vector<double>& r) {
  double s = 0.0;
  for (const double v : r) s += v * v;
  return s;
}

/// The size a parameter is measured against: itself, or its range when it is 0.
double typical(double x, double low, double high) {
  if (x != 0.0) return std::fabs(x);
  const double range = high - low;
  return std::isfinite(range) && range > 0.0 ? range : 1.0;
}

/// JᵀJ and Jᵀf of the Gauss-Newton step, from J (one row per residual, n columns) and the
/// residuals f.
void normal_equations(const std::vector<std::vector<double>>& J, std::size_t n, const std::vector<double>& f_values,
                      Eigen::MatrixXd& A, Eigen::VectorXd& g) {
  const std::size_t m = f_values.size();
  Eigen::MatrixXd Jm(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(n));
  Eigen::VectorXd f(static_cast<Eigen::Index>(m));
  for (std::size_t i = 0; i < m; ++i) {
    f(static_cast<Eigen::Index>(i)) = f_values[i];
    for (std::size_t j = 0; j < n; ++j) Jm(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = J[i][j];
  }
  A = Jm.transpose() * Jm;
  g = Jm.transpose() * f;
}

/// The Levenberg-Marquardt trial point from x with damping `lambda`, clamped to the bounds;
/// `largest` is the largest move relative to each value's typical size.
std::vector<double> damped_step(const Eigen::MatrixXd& A, const Eigen::VectorXd& g, double lambda, const std::vector<double>& x,
                                const std::vector<double>& low, const std::vector<double>& high, double& largest) {
  const std::size_t n = x.size();
  // Marquardt's scaling: damping proportional to the curvature of each parameter, so the
  // step does not depend on the parameters' units.
  Eigen::MatrixXd damped = A;
  for (Eigen::Index j = 0; j < static_cast<Eigen::Index>(n); ++j) damped(j, j) += lambda * std::max(A(j, j), 1e-300);
  const Eigen::VectorXd delta = damped.ldlt().solve(-g);
  std::vector<double> trial(n);
  largest = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    const double d = delta(static_cast<Eigen::Index>(j));
    trial[j] = std::clamp(std::isfinite(d) ? x[j] + d : x[j], low[j], high[j]);
    largest = std::max(largest, std::fabs(trial[j] - x[j]) / typical(x[j], low[j], high[j]));
  }
  return trial;
}

}  // namespace

std::vector<std::vector<double>> jacobian(const BatchResiduals& residuals, const std::vector<double>& x,
                                          const std::vector<double>& fx, const std::vector<double>& low,
                                          const std::vector<double>& high, double relative_step, int& evaluations) {
  const std::size_t n = x.size();
  std::vector<std::vector<double>> points(n, x);
  std::vector<double> steps(n);
  for (std::size_t j = 0; j < n; ++j) {
    double h = relative_step * typical(x[j], low[j], high[j]);
    if (x[j] + h > high[j]) h = -h;  // at the upper bound, difference backwards
    steps[j] = h;
    points[j][j] = x[j] + h;
  }
  const auto values = residuals(points);
  evaluations += static_cast<int>(n);
  std::vector<std::vector<double>> J(fx.size(), std::vector<double>(n, 0.0));
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t i = 0; i < fx.size(); ++i) J[i][j] = (values[j][i] - fx[i]) / steps[j];
  }
  return J;
}

LeastSquaresResult least_squares(const BatchResiduals& residuals, std::vector<double> start, const std::vector<double>& low,
                                 const std::vector<double>& high, const LeastSquaresOptions& options) {
  const std::size_t n = start.size();
  LeastSquaresResult out;
  for (std::size_t j = 0; j < n; ++j) start[j] = std::clamp(start[j], low[j], high[j]);
  out.x = start;
  out.residuals = residuals({out.x}).front();
  out.evaluations = 1;
  out.objective_start = out.objective = sum_of_squares(out.residuals);
  double lambda = 1e-3;

  for (out.iterations = 1; out.iterations <= options.max_iterations; ++out.iterations) {
    if (out.objective == 0.0) {
      out.converged = true;
      out.stop_reason = "exact fit";
      return out;
    }
    const auto J = jacobian(residuals, out.x, out.residuals, low, high, options.relative_step, out.evaluations);
    Eigen::MatrixXd A;
    Eigen::VectorXd g;
    normal_equations(J, n, out.residuals, A, g);
    if (g.norm() == 0.0) {
      out.converged = false;
      out.stop_reason = "the targets do not respond to the free parameters at this point";
      return out;
    }

    bool accepted = false;
    bool small_step = false;
    std::vector<double> best_x;
    std::vector<double> best_r;
    double best_s = out.objective;
    for (int attempt = 0; attempt < 12 && !accepted; ++attempt) {
      double largest = 0.0;
      const std::vector<double> trial = damped_step(A, g, lambda, out.x, low, high, largest);
      if (largest < options.step_tolerance) {
        small_step = true;
        break;
      }
      const auto r = residuals({trial}).front();
      ++out.evaluations;
      const double s = sum_of_squares(r);
      if (s < out.objective) {
        accepted = true;
        best_x = trial;
        best_r = r;
        best_s = s;
        lambda = std::max(lambda / 10.0, 1e-12);
      } else {
        lambda *= 10.0;
      }
    }
    if (!accepted) {
      // Every step small enough to help is too small to change the simulated means: the fit
      // is as good as the replications can resolve.
      out.converged = true;
      out.stop_reason = small_step ? "step below tolerance" : "no step improves the fit";
      return out;
    }
    const double gain = out.objective - best_s;
    out.x = best_x;
    out.residuals = best_r;
    out.objective = best_s;
    if (gain <= options.objective_tolerance * (out.objective + gain)) {
      out.converged = true;
      out.stop_reason = "objective no longer decreasing";
      return out;
    }
  }
  out.iterations = options.max_iterations;
  out.stop_reason = "iteration limit reached";
  return out;
}

}  // namespace caseflow::calibrate
