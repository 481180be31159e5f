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
  if (values.size() > 1) {
    double squares = 0.0;
    for (double v : values) squares += (v - s.mean) * (v - s.mean);
    const auto n = static_cast<double>(values.size());
    s.se = std::sqrt(squares / (n - 1.0) / n);
  }
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
