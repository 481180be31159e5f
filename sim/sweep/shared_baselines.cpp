#include "sweep/shared_baselines.hpp"

#include <algorithm>
#include <unordered_map>

#include "engine/system_memory.hpp"
#include "model/replications.hpp"
#include "model/resources.hpp"

namespace caseflow::sweep {

SharedBaselines::SharedBaselines(const Plan& plan, const std::vector<int>& points, bool enabled, bool fork_arms)
    : plan_(plan), enabled_(enabled), fork_arms_(fork_arms) {
  if (!enabled_) return;
  std::map<std::uint64_t, int> users;
  for (const int p : points) ++users[plan.baseline_hashes[static_cast<std::size_t>(p)]];
  for (const auto& [hash, count] : users) {
    if (count < 2) continue;  // nobody to share with: simulated and dropped as before
    auto group = std::make_unique<Group>();
    for (int r = 0; r < plan.replications; ++r) {
      group->replications.push_back(std::make_unique<Kept>());
      group->replications.back()->users_left = count;
    }
    groups_.emplace(hash, std::move(group));
  }
}

SharedBaselines::Group* SharedBaselines::group_of(int point) {
  const auto it = groups_.find(plan_.baseline_hashes[static_cast<std::size_t>(point)]);
  return it == groups_.end() ? nullptr : it->second.get();
}

std::shared_ptr<const model::ArmResult> SharedBaselines::acquire(int point, const model::Scenario& scenario, const std::string& key,
                                                                 int replication, const model::SimulationOptions& options,
                                                                 model::SharedPast& past) {
  auto simulate = [&] {
    {
      std::lock_guard lock(count_mutex_);
      ++simulated_;
    }
    past = model::simulate_shared_past(scenario, plan_.arms, replication, options);
    model::ArmResult baseline = model::baseline_from(past, scenario, replication, options);
    // A sweep reports money only: without the baseline's ledger and exit record the arms do
    // not measure participants and deadweight (nothing there schedules events or draws
    // numbers, so their money is the same), which saves them that work and a kept baseline
    // its largest part.
    baseline.ledger = nullptr;
    baseline.last_self_support_entry = {};
    baseline.self_supporting_at_end = {};
    return std::make_shared<const model::ArmResult>(std::move(baseline));
  };
  Group* group = group_of(point);
  if (group == nullptr) return simulate();
  std::call_once(group->key_set, [&] { group->key = key; });
  if (group->key != key) return simulate();  // the same hash, another baseline: not shared
  Kept& kept = *group->replications[static_cast<std::size_t>(replication)];
  // Held while simulating: another point that needs this baseline waits rather than
  // simulating it a second time.
  std::lock_guard lock(kept.mutex);
  if (kept.result != nullptr) {
    std::lock_guard count_lock(count_mutex_);
    ++reused_;
    past = kept.past;
    return kept.result;
  }
  kept.result = simulate();
  kept.past = past;
  return kept.result;
}

void SharedBaselines::release(int point, int replication) {
  Group* group = group_of(point);
  if (group == nullptr) return;
  Kept& kept = *group->replications[static_cast<std::size_t>(replication)];
  std::lock_guard lock(kept.mutex);
  if (--kept.users_left <= 0) {
    kept.result.reset();
    kept.past = {};
  }
}

long long SharedBaselines::simulated() const {
  std::lock_guard lock(count_mutex_);
  return simulated_;
}

long long SharedBaselines::reused() const {
  std::lock_guard lock(count_mutex_);
  return reused_;
}

bool sharing_fits(const Plan& plan, const std::vector<int>& points) {
  if (points.size() < 2) return false;
  const model::Scenario heaviest = plan.scenario(plan.heaviest_memory_point);
  const double kept = 2.0 * plan.replications * (model::stored_baseline_bytes(heaviest) + model::shared_past_bytes(heaviest));
  const auto available = engine::available_memory();
  const double budget = available ? 0.25 * available->bytes : 1024.0 * 1024.0 * 1024.0;
  return kept <= budget;
}

std::vector<int> grouped_by_baseline(const Plan& plan, const std::vector<int>& points) {
  std::unordered_map<std::uint64_t, std::size_t> rank_of;  // group -> position of its first point
  for (const int p : points) rank_of.emplace(plan.baseline_hashes[static_cast<std::size_t>(p)], rank_of.size());
  std::vector<int> ordered = points;
  std::stable_sort(ordered.begin(), ordered.end(), [&](int a, int b) {
    return rank_of.at(plan.baseline_hashes[static_cast<std::size_t>(a)]) < rank_of.at(plan.baseline_hashes[static_cast<std::size_t>(b)]);
  });
  return ordered;
}

}  // namespace caseflow::sweep
