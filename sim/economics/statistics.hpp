#pragma once
/// @file statistics.hpp
/// Summaries over replications. Intervals are the 2.5th and 97.5th percentiles of the
/// replication values (linear interpolation between order statistics, "type 7"): the spread
/// of outcomes a budget could meet, not the Monte Carlo error of the mean.

#include <vector>

namespace caseflow::economics {

struct Summary {
  double mean = 0.0;
  double lo = 0.0;  ///< 2.5th percentile
  double hi = 0.0;  ///< 97.5th percentile
  /// Standard error of the mean (sample sd / sqrt(n); 0 for fewer than two values): the Monte
  /// Carlo error of `mean`. A wanted precision e needs about n x (se / e)^2 replications.
  double se = 0.0;
};

/// The q-quantile (0 <= q <= 1) of `values` (copied and sorted; empty -> 0).
double percentile(std::vector<double> values, double q);

Summary summarise(const std::vector<double>& values);

/// Share of values strictly below zero.
double share_negative(const std::vector<double>& values);

}  // namespace caseflow::economics
