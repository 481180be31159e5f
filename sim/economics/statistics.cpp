#include "economics/statistics.hpp"

#include <algorithm>
#include <cmath>

namespace caseflow::economics {

double percentile(std::vector<double> values, double q) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return values[below] + fraction * (values[above] - values[below]);
}

Summary summarise(const std::vector<double>& values) {
  Summary s;
  if (values.empty()) return s;
  double total = 0.0;
  for (double v : values) total += v;
  s.mean = total / static_cast<double>(values.size());
  s.lo = percentile(values, 0.025);
  s.hi = percentile(values, 0.975);
  return s;
}

double share_negative(const std::vector<double>& values) {
  if (values.empty()) return 0.0;
  const auto n = std::count_if(values.begin(), values.end(), [](double v) { return v < 0.0; });
  return static_cast<double>(n) / static_cast<double>(values.size());
}

}  // namespace caseflow::economics
