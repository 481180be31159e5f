#pragma once
/// @file breakeven.hpp
/// The break-even value of one parameter: where an arm's mean net (over the horizon, or in one
/// budget year) is zero, found by bracketing and the Illinois (modified regula falsi) method on
/// the mean over replications. Every evaluation runs all replications with the same seed
/// (common random numbers), so the curve is smooth and each replication's own root can be read
/// off the evaluated points (linear interpolation between the two that bracket it); their 2.5
/// and 97.5 percentiles are the interval. Pure: the caller supplies the evaluation.

#include <functional>
#include <limits>
#include <map>
#include <stdexcept>
#include <vector>

namespace caseflow::economics {

/// The arm at one parameter value: per replication, net and savings per budget year, with the
/// horizon total (discounted as the budget's total row) as the last element.
struct BreakevenPoint {
  double x = 0.0;
  std::vector<std::vector<double>> net;      ///< [replication][year; years = total]
  std::vector<std::vector<double>> savings;  ///< [replication][year; years = total]
};

/// Thrown by an evaluation when the value is not allowed (e.g. a negative multiplier): the
/// search does not go further that way.
class OutOfDomain : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using BreakevenEvaluate = std::function<BreakevenPoint(double x)>;

struct BreakevenRoot {
  bool found = false;
  double value = std::numeric_limits<double>::quiet_NaN();  ///< where the mean crosses zero
  double lo = std::numeric_limits<double>::quiet_NaN();     ///< 2.5 % of the replications' roots
  double hi = std::numeric_limits<double>::quiet_NaN();     ///< 97.5 %
  int replications_with_root = 0;  ///< replications whose own curve crosses zero among the points evaluated
};

struct BreakevenResult {
  double scenario_value = 0.0;
  std::vector<BreakevenRoot> net;  ///< [year; years = total]
  /// Whether the mean net over the horizon falls as the parameter rises (then the intervention
  /// pays for itself at values at or above the root).
  bool net_falls = true;
  /// The value at which the mean savings over the years given equal `stated_savings`' sum.
  BreakevenRoot stated;
  bool has_stated = false;
  double stated_total = 0.0;
  double simulated_savings_at_scenario_value = 0.0;  ///< over the same years
  int evaluations = 0;
  std::map<double, BreakevenPoint> points;
};

struct BreakevenOptions {
  int years = 1;
  /// DKK per budget year index (NaN: no statement for that year); empty: none.
  std::vector<double> stated_savings;
  double relative_tolerance = 1e-4;
  int max_evaluations_per_root = 24;
};

/// Searches from `scenario_value` (the value the scenario assumes).
BreakevenResult find_breakeven(const BreakevenEvaluate& evaluate, double scenario_value, const BreakevenOptions& options);

}  // namespace caseflow::economics
