#pragma once
/// @file resources.hpp
/// What a run will cost before it starts, so that one that cannot finish is refused instead of
/// grinding for hours: its peak memory (compared with engine::available_memory(), which reads
/// cgroup limits as well as MemAvailable) and its work in events (compared with a fixed bound).
/// One estimate for every command that simulates: `run`, `sweep` (the heaviest point) and
/// `calibrate`. Both estimates are deliberately simple and err on the high side; the memory
/// one is calibrated against measured peak memory (tests/README.md), the work one is an upper
/// bound from rates, durations and meeting intervals (sim/README.md, "Bounded work").

#include <cstdint>
#include <string>
#include <vector>

#include "model/spec.hpp"

namespace caseflow::model {

/// What a run will hold in memory at its peak, and which scenario value drives it most.
struct MemoryEstimate {
  double citizens_per_replication = 0.0;  ///< largest arm: initial stock + inflow over warm-up and horizon
  unsigned concurrent_replications = 1;   ///< replications simulated at once (threads, at most replications)
  double simulation_bytes = 0.0;          ///< citizens' state in the replications running at once
  double results_bytes = 0.0;             ///< per-replication records kept until the tables are made
  double fixed_bytes = 0.0;               ///< the program itself, tables and buffers
  /// Key path of the value that contributes most (`initial[0].count`, `inflow[1].per_year`,
  /// `scenario.replications`, `scenario.years`).
  std::string main_driver;
  [[nodiscard]] double total_bytes() const { return simulation_bytes + results_bytes + fixed_bytes; }
};

/// Estimates the peak memory of running `arms` of `scenario` with `concurrent` replications
/// simulated at once and `stored_replications` replications' records kept until the tables
/// are made (`run`: threads and scenario.replications; `sweep`: threads, whose tasks are
/// (point, replication) pairs, and none, since a sweep keeps only each point's money).
MemoryEstimate estimate_memory(const Scenario& scenario, const std::vector<std::size_t>& arms, unsigned concurrent,
                               double stored_replications);

/// What one replication's baseline takes while a sweep keeps it for other points' arms to run
/// against (sweep/shared_baselines.hpp): its records, without the per-citizen ledger and exit
/// record, which the sweep drops.
double stored_baseline_bytes(const Scenario& scenario);
/// Bytes of a kept shared past (model::SharedPast: one run's citizens and columns, as
/// estimate_memory counts a running arm's) for `scenario`'s baseline.
double shared_past_bytes(const Scenario& scenario);

/// `run`: `threads` replications at once (at most scenario.replications), all records kept.
MemoryEstimate estimate_run_memory(const Scenario& scenario, const std::vector<std::size_t>& arms, unsigned threads);

/// The refusal text for `estimate` against `available` bytes (`limited_by` names what limits
/// them, e.g. "cgroup v2 memory.max of …"), or "" when the run fits (the estimate is below
/// 90 % of what is available). Also refuses more citizens than the simulator can number.
std::string memory_problem(const MemoryEstimate& estimate, double available, const std::string& limited_by = "");

/// The work of a run in events, from rates, durations and meeting intervals: an upper bound
/// (every citizen present for the whole simulated time, at the fastest sustainable pace).
struct WorkEstimate {
  double events = 0.0;                      ///< in all, over replications and arms
  double events_per_citizen_week = 0.0;     ///< the fastest sustainable pace of one citizen
  double citizen_weeks = 0.0;               ///< per replication and arm, largest arm
  std::vector<std::string> fastest_states;  ///< the cycle (or state) that sets the pace
  /// The scenario value that sets the pace (a transition's, a programme's duration, a meeting
  /// track's interval), with its Origin, for a located message.
  Origin driver;
};

WorkEstimate estimate_work(const Scenario& scenario, const std::vector<std::size_t>& arms, double replications);

/// The documented bounds: a run estimated above kMaxRunEvents events in all, or with a citizen
/// pace above kMaxEventsPerCitizenWeek, is refused unless `--allow-large` is given.
inline constexpr double kMaxRunEvents = 1e12;
inline constexpr double kMaxEventsPerCitizenWeek = 1000.0;

/// The refusal text (Danish) for `estimate`, or "" when it is within both bounds.
std::string work_problem(const WorkEstimate& estimate);

}  // namespace caseflow::model
