#pragma once
// Loading the small scenarios in tests/data/model/ through the real loader (model and economics tests).
#include <cmath>
#include <string>
#include <vector>

#include "economics/run_summary.hpp"
#include "io/scenario_loader.hpp"

namespace caseflow::testing {

inline model::Scenario load_model_fixture(const std::string& name, const std::vector<io::Override>& overrides = {}) {
  return io::load_scenario(std::string(CASEFLOW_TEST_DATA) + "/model/" + name, overrides);
}

inline std::vector<std::size_t> all_arms(const model::Scenario& s) {
  std::vector<std::size_t> arms;
  for (std::size_t a = 0; a < s.arms.size(); ++a) arms.push_back(a);
  return arms;
}

/// Mean and standard error of the mean.
struct MeanSe {
  double mean = 0.0;
  double se = 0.0;
};

inline MeanSe mean_se(const std::vector<double>& v) {
  double sum = 0.0, sum2 = 0.0;
  for (double x : v) sum += x;
  const double mean = sum / static_cast<double>(v.size());
  for (double x : v) sum2 += (x - mean) * (x - mean);
  const double var = v.size() > 1 ? sum2 / static_cast<double>(v.size() - 1) : 0.0;
  return MeanSe{mean, std::sqrt(var / static_cast<double>(v.size()))};
}

}  // namespace caseflow::testing
