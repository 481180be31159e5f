#pragma once
/// @file evaluator.hpp
/// The simulated value of each target at one or more parameter points, under common random
/// numbers: every point is simulated with the same seed and replications, so two nearby
/// points see the same citizens and draws and their difference is not noise.

#include <atomic>
#include <cstddef>
#include <vector>

#include "calibrate/targets.hpp"
#include "model/spec.hpp"

namespace caseflow::calibrate {

/// Simulated means of the targets at one point, with the standard errors of those means over
/// replications (an exit share is a ratio estimate over the replications' pooled cohorts).
struct Evaluation {
  std::vector<double> mean;
  std::vector<double> se;
  /// Covariance of the means (targets × targets, row-major): targets from the same
  /// replication share its noise (a stock at week 26 and at week 52 move together), which
  /// the parameters' standard errors must take into account.
  std::vector<double> covariance;
};

class Evaluator {
 public:
  /// `arm` is the arm whose figures are compared with the targets (0 = baseline); `threads`
  /// as resolved by engine::resolve_thread_count; `cancel` (may be null) is the Ctrl-C flag.
  Evaluator(std::vector<Target> targets, std::size_t arm, unsigned threads, const std::atomic<bool>* cancel);

  /// Simulates every scenario in `points` (each with its own replications and seed, which the
  /// caller keeps equal) and returns the targets' means, one Evaluation per point. The
  /// replications of all points run in one parallel batch. Throws model::Cancelled on Ctrl-C.
  [[nodiscard]] std::vector<Evaluation> evaluate(const std::vector<model::Scenario>& points) const;

  [[nodiscard]] const std::vector<Target>& targets() const { return targets_; }
  /// Simulation runs per replication (one per distinct exit_share cohort, at least one).
  [[nodiscard]] std::size_t runs_per_replication() const { return cohorts_.empty() ? 1 : cohorts_.size(); }

 private:
  struct Cohort {
    int state = -1;
    double min_spell_weeks = 0.0;
  };
  std::vector<Target> targets_;
  std::vector<Cohort> cohorts_;
  std::vector<int> cohort_of_;  ///< per target: index into cohorts_, -1 for stock/flow
  std::size_t arm_;
  unsigned threads_;
  const std::atomic<bool>* cancel_;
};

}  // namespace caseflow::calibrate
