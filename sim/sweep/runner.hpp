#pragma once
/// @file runner.hpp
/// Runs points on one thread pool: the tasks are (point, replication) pairs, each writing only
/// its own slot, so the summaries do not depend on the thread count or on which task finishes
/// first. When a point's last replication is done, the thread that finished it summarises the
/// point and hands it to `done` (calls to `done` are serialized, so it may write a database).

#include <atomic>
#include <functional>
#include <vector>

#include "sweep/plan.hpp"
#include "sweep/point_result.hpp"
#include "sweep/shared_baselines.hpp"

namespace caseflow::sweep {

/// Called once per completed point, never concurrently.
using PointDone = std::function<void(PointResult&& result)>;

struct RunStats {
  int points_done = 0;
  bool cancelled = false;  ///< `cancel` was set: points in flight were dropped
};

/// Runs the given points (indices into plan.points) on `threads` threads. Checks `cancel`
/// (may be null) between replications and inside the simulation. Each replication's baseline
/// comes from `baselines`, which keeps it for the points that share it.
RunStats run_points(const Plan& plan, const std::vector<int>& points, unsigned threads, const std::atomic<bool>* cancel,
                    SharedBaselines& baselines, const PointDone& done);

/// The rows of one point from the per-replication money, indexed [replication][arm] with
/// arm 0 the baseline (exposed for tests).
struct ReplicationMoney {
  std::vector<std::vector<double>> savings, net;  ///< [arm][year]
};
PointResult summarise_point(const Plan& plan, int point, const std::vector<ReplicationMoney>& replications);

}  // namespace caseflow::sweep
