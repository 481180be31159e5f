#pragma once
/// @file trace_table.hpp
/// trace.csv (`caseflow run --trace`): one row per spell of each traced citizen, from its
/// creation (warm-up included) to the horizon, in every replication and arm.

#include <string>
#include <vector>

#include "economics/table.hpp"
#include "model/results.hpp"
#include "model/spec.hpp"

namespace caseflow::economics {

/// What one replication traced: [i] the spells of requested arm i (model::ArmResult::spells), and
/// the names of the citizens' sources by index (ArmResult::spell_sources).
struct ReplicationTrace {
  std::vector<std::vector<model::TraceSpell>> arms;
  std::vector<std::string> sources;
};

/// Takes the spells out of one replication's results (requested arms in the run's order).
ReplicationTrace take_trace(std::vector<model::ArmResult>& results);

/// The table `trace`: rows by replication, arm in the scenario's order (so that the order of
/// `--arms` does not matter), citizen and time; columns
/// replication,arm,citizen,source,group,state,start_week,end_week,refund_clock_weeks,entered_week.
Table trace_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms, const std::vector<ReplicationTrace>& traces);

}  // namespace caseflow::economics
