#pragma once
/// @file percentile.hpp
/// The q-quantile of a sample by linear interpolation between order statistics ("type 7",
/// the default of R and numpy). Used for every interval caseflow reports.

#include <algorithm>
#include <cmath>
#include <vector>

namespace caseflow::engine {

/// The q-quantile (0 <= q <= 1) of `values` (taken by value and sorted; empty -> 0).
inline double percentile(std::vector<double> values, double q) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return values[below] + fraction * (values[above] - values[below]);
}

}  // namespace caseflow::engine
