#pragma once
// Loading the small scenarios in tests/data/model/ through the real loader.
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

/// A benefit under refund schedule 0, and a group drawing `benefit` (specs built in code).
inline model::Benefit benefit(const std::string& name, double weekly_rate) {
  model::Benefit b;
  b.name = name;
  b.weekly_rate = weekly_rate;
  b.refund_schedule = 0;
  return b;
}

inline model::Group group(const std::string& name, int benefit) {
  model::Group g;
  g.name = name;
  g.benefit = benefit;
  return g;
}

/// Erlang C: the probability that an arrival to an M/M/c queue with offered load a waits.
inline double erlang_c(int c, double a) {
  double term = 1.0, sum = 0.0;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double tail = term * c / (c - a);  // term is a^c / c!
  return tail / (sum + tail);
}

}  // namespace caseflow::testing
