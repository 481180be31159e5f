#include "sweep/runner.hpp"

#include <chrono>
#include <memory>
#include <mutex>

#include "economics/budget.hpp"
#include "economics/run_summary.hpp"
#include "economics/statistics.hpp"
#include "engine/thread_pool.hpp"
#include "model/baseline_key.hpp"
#include "model/replications.hpp"

namespace caseflow::sweep {

PointResult summarise_point(const Plan& plan, int point, const std::vector<ReplicationMoney>& replications) {
  PointResult result;
  result.point = point;
  const std::size_t years = plan.year_labels.size();
  std::vector<double> savings(replications.size()), net(replications.size());
  for (std::size_t a = 1; a < plan.arms.size(); ++a) {
    for (std::size_t y = 0; y < years; ++y) {
      for (std::size_t r = 0; r < replications.size(); ++r) {
        savings[r] = replications[r].savings[a][y];
        net[r] = replications[r].net[a][y];
      }
      const economics::Summary s = economics::summarise(savings);
      const economics::Summary n = economics::summarise(net);
      result.rows.push_back(ResultRow{static_cast<int>(a), static_cast<int>(y), s.mean, s.lo, s.hi, n.mean, n.lo, n.hi,
                                      economics::share_negative(net)});
    }
  }
  return result;
}

namespace {

/// Replication slots of one point in flight.
struct PointSlots {
  std::once_flag built;
  std::unique_ptr<model::Scenario> scenario;  ///< built by the point's first task, freed when it is done
  std::string baseline_key;                   ///< model::baseline_key(*scenario)
  std::vector<ReplicationMoney> replications;
  std::atomic<int> remaining{0};
  std::atomic<bool> failed{false};
  std::atomic<std::int64_t> nanoseconds{0};
};

}  // namespace

RunStats run_points(const Plan& plan, const std::vector<int>& points, unsigned threads, const std::atomic<bool>* cancel,
                    SharedBaselines& baselines, const PointDone& done) {
  const auto reps = static_cast<std::size_t>(plan.replications);
  std::vector<std::unique_ptr<PointSlots>> slots;
  slots.reserve(points.size());
  for (std::size_t k = 0; k < points.size(); ++k) {
    auto s = std::make_unique<PointSlots>();
    s->replications.resize(reps);
    s->remaining.store(static_cast<int>(reps));
    slots.push_back(std::move(s));
  }
  std::mutex done_mutex;
  RunStats stats;
  model::SimulationOptions options;
  options.cancel = cancel;
  // A sweep reports money only: the baseline keeps no per-citizen records for the arms.
  options.baseline_keeps_records = false;
  options.fork_arms = baselines.fork_arms();

  // Point-major task order: a point's replications are taken together, so points complete
  // (and are committed) steadily rather than all at the end.
  engine::parallel_for(points.size() * reps, threads, [&](std::size_t task) {
    const std::size_t k = task / reps;
    const int replication = static_cast<int>(task % reps);
    PointSlots& slot = *slots[k];
    if (slot.failed.load()) return;
    if (cancel != nullptr && cancel->load()) {
      slot.failed.store(true);
      return;
    }
    const int point = points[k];
    const auto start = std::chrono::steady_clock::now();
    try {
      std::call_once(slot.built, [&] {
        slot.scenario = std::make_unique<model::Scenario>(plan.scenario(static_cast<std::size_t>(point)));
        slot.baseline_key = model::baseline_key(*slot.scenario);
      });
      const model::Scenario& scenario = *slot.scenario;
      std::vector<model::ArmResult> results;
      std::shared_ptr<const model::ArmResult> baseline;
      model::SharedPast past;  // the arms fork from it (model/fork.cpp)
      try {
        baseline = baselines.acquire(point, scenario, slot.baseline_key, replication, options, past);
        results = model::arms_from(past, scenario, plan.arms, replication, *baseline, options);
      } catch (const model::Cancelled&) {
        baselines.release(point, replication);
        throw;
      }
      baselines.release(point, replication);
      // Priced with this point's scenario, as economics::record_replication does.
      ReplicationMoney& money = slot.replications[static_cast<std::size_t>(replication)];
      for (std::size_t i = 0; i < plan.arms.size(); ++i) {
        economics::Comparison c = economics::compare_with_baseline(scenario, plan.arms[i], i == 0 ? *baseline : results[i - 1], *baseline);
        money.savings.push_back(std::move(c.savings));
        money.net.push_back(std::move(c.net));
      }
    } catch (const model::Cancelled&) {
      slot.failed.store(true);
      return;
    }
    slot.nanoseconds.fetch_add(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count());
    if (slot.remaining.fetch_sub(1) != 1) return;
    // The last replication of this point: summarise, hand over, free the slots.
    PointResult result = summarise_point(plan, point, slot.replications);
    result.seconds = static_cast<double>(slot.nanoseconds.load()) * 1e-9;
    slot.replications.clear();
    slot.replications.shrink_to_fit();
    slot.scenario.reset();
    std::lock_guard lock(done_mutex);
    ++stats.points_done;
    done(std::move(result));
  });
  stats.cancelled = cancel != nullptr && cancel->load();
  return stats;
}

}  // namespace caseflow::sweep
