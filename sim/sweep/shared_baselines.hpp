#pragma once
/// @file shared_baselines.hpp
/// One baseline run per replication for all of a rank's points that share it. Points whose
/// scenarios have the same model::baseline_key (a PSA or tornado over the interventions'
/// parameters: every point) simulate the same baseline, so the first point to need replication
/// r's baseline simulates it and the others run their arms against that result. What a point
/// reports is unchanged, byte for byte: its arms see the same baseline result they would have
/// simulated, and the records are priced with the point's own scenario. (A sweep reports
/// money only, so the kept baseline drops its citizen ledger and exit record: the arms then do
/// not measure participants and deadweight, which a sweep does not report.)
///
/// A kept baseline is freed when the last of the rank's points that share it has finished
/// that replication. The driver orders each rank's points so that sharing points run one
/// after another (sweep/driver.cpp), so about one group's replications are kept at a time.
/// Under MPI each rank keeps its own: points are still dealt round-robin, so a baseline shared
/// by points on N ranks is simulated N times per replication (instead of once per point).

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "model/results.hpp"
#include "model/simulation.hpp"
#include "sweep/plan.hpp"

namespace caseflow::sweep {

class SharedBaselines {
 public:
  /// `points`: those this rank will run (indices into plan.points, any order). `enabled` false:
  /// every point simulates its own baseline, as before sharing existed.
  SharedBaselines(const Plan& plan, const std::vector<int>& points, bool enabled, bool fork_arms = true);
  /// Whether the points' arms fork from a shared past (model::SimulationOptions::fork_arms;
  /// SweepOptions::fork_arms, off only to check that forking changes no byte).
  [[nodiscard]] bool fork_arms() const { return fork_arms_; }

  /// The baseline of `point` (whose scenario is `scenario`, key `key`) in `replication`: kept
  /// from another point with the same key, or simulated now (and kept if another of the rank's
  /// points will need it). Safe to call from several threads; a thread that needs a baseline
  /// another is simulating waits for it.
  /// With the baseline comes its shared past (model::SharedPast: the common past of the baseline
  /// and the arms, which the point's arms fork from), kept and shared the same way: the past is
  /// a function of what the baseline key holds and of the earliest start, and an arm that
  /// starts before a kept past's end simply runs alone (model::arms_from).
  std::shared_ptr<const model::ArmResult> acquire(int point, const model::Scenario& scenario, const std::string& key,
                                                  int replication, const model::SimulationOptions& options, model::SharedPast& past);

  /// `point` has finished `replication`: the kept baseline is freed after its last user.
  void release(int point, int replication);

  /// Baseline runs simulated and reused so far (for tests and the benchmark).
  [[nodiscard]] long long simulated() const;
  [[nodiscard]] long long reused() const;

 private:
  struct Kept {
    std::mutex mutex;
    std::shared_ptr<const model::ArmResult> result;
    model::SharedPast past;
    int users_left = 0;  ///< the group's points that have not yet finished this replication
  };
  struct Group {
    std::once_flag key_set;
    std::string key;  ///< the first user's key; a point with the same hash but another key runs alone
    std::vector<std::unique_ptr<Kept>> replications;
  };
  Group* group_of(int point);

  const Plan& plan_;
  bool enabled_;
  bool fork_arms_;
  std::map<std::uint64_t, std::unique_ptr<Group>> groups_;  ///< only hashes shared by two or more points
  mutable std::mutex count_mutex_;
  long long simulated_ = 0, reused_ = 0;
};

/// Whether a rank may keep the shared baselines of `points`: about two groups' replications
/// (model::stored_baseline_bytes each, at the heaviest point; records only, so this holds but
/// for scenarios of thousands of states) within a quarter of the memory the process may still
/// use (when that is unknown: within 1 GiB).
bool sharing_fits(const Plan& plan, const std::vector<int>& points);

/// `points` reordered so that points with the same baseline hash are consecutive, groups in
/// the order of their first point (points within a group keep their order).
std::vector<int> grouped_by_baseline(const Plan& plan, const std::vector<int>& points);

}  // namespace caseflow::sweep
