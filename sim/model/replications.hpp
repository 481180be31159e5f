#pragma once
/// @file replications.hpp
/// Runs the baseline and the chosen arms for every replication on a thread pool. A replication
/// runs its arms in order (baseline first, for the deadweight count) on one thread; different
/// replications run in parallel. Each replication's results go to `sink` on the worker thread,
/// which must write only that replication's slot, so output never depends on the thread count.

#include <cstddef>
#include <functional>
#include <vector>

#include "model/results.hpp"
#include "model/simulation.hpp"
#include "model/spec.hpp"

namespace caseflow::model {

/// Receives replication r's results, one per requested arm (same order as `arms`).
using ReplicationSink = std::function<void(int replication, std::vector<ArmResult>& results)>;

/// `arms` are indices into scenario.arms and must start with 0 (the baseline).
void run_replications(const Scenario& scenario, const std::vector<std::size_t>& arms, int replications, unsigned threads,
                      const ReplicationSink& sink, const SimulationOptions& options = {});

/// Runs the baseline (arm 0) of one replication alone, keeping what the other arms read of it
/// (its citizen ledger and exit record).
ArmResult run_baseline(const Scenario& scenario, int replication, const SimulationOptions& options = {});

/// Runs arms[1], arms[2], … of one replication against `baseline`, the baseline's result in the
/// same replication of a scenario with the same model::baseline_key (it need not be this one's:
/// a sweep shares one baseline among points). Returns one result per arm after the first.
std::vector<ArmResult> run_against_baseline(const Scenario& scenario, const std::vector<std::size_t>& arms, int replication,
                                            const ArmResult& baseline, const SimulationOptions& options = {});

/// Runs all of one replication's arms (baseline first) on the calling thread.
std::vector<ArmResult> run_one_replication(const Scenario& scenario, const std::vector<std::size_t>& arms, int replication,
                                           const SimulationOptions& options = {});

}  // namespace caseflow::model
