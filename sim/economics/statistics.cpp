#include "economics/statistics.hpp"

#include "engine/percentile.hpp"

#include <algorithm>
#include <cmath>

namespace caseflow::economics {

double percentile(std::vector<double> values, double q) { return engine::percentile(std::move(values), q); }

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
