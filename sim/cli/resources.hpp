#pragma once
/// @file resources.hpp
/// Refuses runs that would exhaust memory before they start: a run of 10^10 citizens would
/// otherwise grind the machine into swap for an hour and then be killed, leaving nothing but
/// confusion. The estimate is deliberately simple (linear in citizens and in stored results)
/// and calibrated against measured peak memory (see the constants in resources.cpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/spec.hpp"

namespace caseflow::cli {

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

/// Estimates the peak memory of running `arms` of `scenario` on `threads` threads.
MemoryEstimate estimate_run_memory(const model::Scenario& scenario, const std::vector<std::size_t>& arms, unsigned threads);

/// MemAvailable from /proc/meminfo in bytes, or nullopt where it cannot be read.
/// `CASEFLOW_MEMORY_AVAILABLE` (bytes) overrides it, so that tests can pretend to be a small machine.
std::optional<double> available_memory_bytes();

/// "38 GB", "512 MB": decimal units, as users read them in system monitors.
std::string format_bytes(double bytes);

/// The refusal text for `estimate` against `available`, or "" when the run fits (the estimate
/// is below 90 % of what is available). Also refuses more citizens than the simulator can number.
std::string memory_problem(const MemoryEstimate& estimate, double available);

}  // namespace caseflow::cli
