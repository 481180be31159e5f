#pragma once
/// @file run_summary.hpp
/// From per-replication results to the tables of a results folder (budget, occupancy, flows,
/// queues, replications, impact). What is kept of a replication is reduced as soon as it is
/// done, so memory does not grow with the citizens simulated.

#include <cstdint>
#include <string>
#include <vector>

#include "economics/budget.hpp"
#include "economics/table.hpp"
#include "model/results.hpp"
#include "model/simulation.hpp"
#include "model/spec.hpp"

namespace caseflow::economics {

/// What is kept of one arm in one replication.
struct ArmRecord {
  Comparison money;
  std::vector<std::int32_t> occupancy;
  std::vector<double> flows;
  std::vector<double> arrivals;
  std::vector<model::ResourceYear> resources;
  std::int64_t treated = 0, left_benefits = 0, left_in_baseline_too = 0, exits_to_self_support = 0;
  std::uint64_t events = 0, fingerprint = 0;
  std::int64_t citizens = 0;
  /// Participants and deadweight as evaluators define them (model/participation.hpp).
  model::ParticipantOutcomes participants;
};

/// Reduces one replication's results (one per requested arm; the first is the baseline).
std::vector<ArmRecord> record_replication(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                                          std::vector<model::ArmResult>& results);

/// Runs every replication of `arms` (baseline first) on `threads` threads and keeps the reduced
/// records, indexed [replication][arm]. Identical for any thread count.
std::vector<std::vector<ArmRecord>> run_and_record(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                                                   unsigned threads, const model::SimulationOptions& options = {});

struct RunTables {
  Table budget, occupancy, flows, queues, replications, impact;
  /// impact_years.csv: per arm and budget year (+ `total`, discounted), the savings split into
  /// the four parts of impact.csv.
  Table impact_years;
};

/// `records[r][i]`: replication r, requested arm i.
RunTables summarise_run(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                        const std::vector<std::vector<ArmRecord>>& records);

/// The terminal table: per arm and year Investering / Besparelse på forsørgelse / Total in
/// thousand DKK (the layout of municipal budget annexes), plus citizens treated, extra exits to
/// self-support and deadweight.
/// Danish by default (decimal comma, `.` between thousands); `english`: English words and
/// number style. Arms, and the baseline ("Uden indsats"), are shown by their labels.
std::string format_budget_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms, const RunTables& tables,
                                bool english = false);

/// `x` with `decimals` decimals and thousands grouped: Danish `-1.234,5`, English `-1,234.5`
/// (ASCII hyphen-minus, so the text can be copied into a spreadsheet).
std::string format_number(double x, int decimals, bool english = false);

/// The terminal's lines on participants, outcomes with and without the intervention, deadweight
/// and the split of the savings, from one row of the impact table (Danish, or English with `english`).
std::string format_participants(const Table& impact, const std::vector<Cell>& row, bool english = false);

}  // namespace caseflow::economics
