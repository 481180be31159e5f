#include "model/replications.hpp"

#include <stdexcept>

#include "engine/thread_pool.hpp"
#include "model/simulation.hpp"

namespace caseflow::model {

ArmResult run_baseline(const Scenario& scenario, int replication, const SimulationOptions& options) {
  return simulate_arm(scenario, 0, replication, nullptr, options);
}

std::vector<ArmResult> run_against_baseline(const Scenario& scenario, const std::vector<std::size_t>& arms, int replication,
                                            const ArmResult& baseline, const SimulationOptions& options) {
  if (arms.empty() || arms.front() != 0) throw std::logic_error("run_against_baseline: the first arm must be the baseline");
  std::vector<ArmResult> results;
  results.reserve(arms.size() - 1);
  for (std::size_t i = 1; i < arms.size(); ++i) results.push_back(simulate_arm(scenario, arms[i], replication, &baseline, options));
  return results;
}

std::vector<ArmResult> run_one_replication(const Scenario& scenario, const std::vector<std::size_t>& arms, int replication,
                                           const SimulationOptions& options) {
  if (arms.empty() || arms.front() != 0) throw std::logic_error("run_one_replication: the first arm must be the baseline");
  // The common past of the baseline and the arms is simulated once (model/fork.cpp).
  const SharedPast past = simulate_shared_past(scenario, arms, replication, options);
  std::vector<ArmResult> results;
  results.reserve(arms.size());
  results.push_back(baseline_from(past, scenario, replication, options));
  for (ArmResult& r : arms_from(past, scenario, arms, replication, results.front(), options)) results.push_back(std::move(r));
  // The per-citizen exit record served the deadweight count; free it.
  results.front().last_self_support_entry = {};
  results.front().self_supporting_at_end = {};
  results.front().ledger = nullptr;
  return results;
}

void run_replications(const Scenario& scenario, const std::vector<std::size_t>& arms, int replications, unsigned threads,
                      const ReplicationSink& sink, const SimulationOptions& options) {
  engine::parallel_for(static_cast<std::size_t>(replications), threads, [&](std::size_t r) {
    std::vector<ArmResult> results = run_one_replication(scenario, arms, static_cast<int>(r), options);
    sink(static_cast<int>(r), results);
  });
}

}  // namespace caseflow::model
