#include "cli/resources.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace caseflow::cli {
namespace {

// Calibration (tests/README.md, "Memory estimate"): peak resident memory measured with
// `/usr/bin/time -v caseflow run … --threads 1 --replications 1 --set initial[0].count=N`:
// tests/data/model/two_state_savings.yaml (no meeting track): 104 MB at N = 5·10^5, 272 MB at
// 1.5·10^6, a slope of 168 bytes per citizen; tests/data/golden/scenario.yaml (one meeting
// track, three arms): 72 MB at 10^5, 276 MB at 10^6, 498 MB at 2·10^6, a slope of 222 bytes.
// The slope covers the struct-of-arrays in model/simulation.cpp (about 80 bytes), the pending
// events, the baseline's per-citizen exit record kept while the other arms run, and vector
// growth slack. Rounded up slightly so that the estimate errs on the high side.
constexpr double kBytesPerCitizen = 175.0;
constexpr double kBytesPerCitizenTrack = 55.0;
/// The executable, its libraries, thread stacks and output buffers (the intercept above).
constexpr double kFixedBytes = 45.0e6;
/// One table row of the summarised output (cells are strings and doubles in vectors).
constexpr double kBytesPerTableRow = 400.0;
constexpr double kWeeksPerYear = 52.1775;
/// Citizens are numbered with 32 bits in the simulator.
constexpr double kMaxCitizens = 4294967295.0;

double citizens_of(const model::Model& m, double simulated_years) {
  double citizens = 0.0;
  for (const auto& s : m.initial) citizens += static_cast<double>(s.count);
  for (const auto& in : m.inflow) citizens += in.per_year * simulated_years;
  return citizens;
}

}  // namespace

MemoryEstimate estimate_run_memory(const model::Scenario& scenario, const std::vector<std::size_t>& arms, unsigned threads) {
  MemoryEstimate e;
  const double simulated_years = static_cast<double>(scenario.years) + static_cast<double>(scenario.warmup_years);
  const double replications = std::max(1, scenario.replications);
  e.concurrent_replications = static_cast<unsigned>(std::clamp<double>(threads, 1.0, replications));

  // A replication runs its arms one after another; the largest arm sets the peak, and the
  // baseline's exit record (counted in kBytesPerCitizen) is alive meanwhile.
  double per_replication = 0.0;
  double states = 0.0, resources = 0.0;
  for (std::size_t a : arms) {
    const model::Model& m = scenario.arms[a].model;
    const double citizens = citizens_of(m, simulated_years);
    e.citizens_per_replication = std::max(e.citizens_per_replication, citizens);
    per_replication = std::max(per_replication, citizens * (kBytesPerCitizen + kBytesPerCitizenTrack * static_cast<double>(m.meetings.size())));
    states = std::max(states, static_cast<double>(m.states.size()));
    resources = std::max(resources, static_cast<double>(m.pools.size() + m.slots.size()));
  }
  e.simulation_bytes = per_replication * e.concurrent_replications;

  // Each replication keeps, per arm, its weekly occupancy (4 bytes per state-week), flows by
  // year (8 bytes per state pair) and resource statistics, until the tables are made.
  const double weeks = static_cast<double>(scenario.years) * kWeeksPerYear + 1.0;
  const double years = static_cast<double>(scenario.years) + 1.0;
  const double arm_count = static_cast<double>(arms.size());
  const double per_record = weeks * states * 4.0 + years * states * states * 8.0 + years * states * 8.0 + years * resources * 56.0 + 512.0;
  e.results_bytes = replications * arm_count * per_record;
  e.fixed_bytes = kFixedBytes + arm_count * weeks * states * kBytesPerTableRow;

  // Name the value to change: the largest single contributor.
  const model::Model& base = scenario.baseline();
  const double per_citizen = kBytesPerCitizen + kBytesPerCitizenTrack * static_cast<double>(base.meetings.size());
  double best = e.results_bytes;
  e.main_driver = "scenario.replications";
  if (e.fixed_bytes > best) {
    best = e.fixed_bytes;
    e.main_driver = "scenario.years";
  }
  for (std::size_t i = 0; i < base.initial.size(); ++i) {
    const double bytes = static_cast<double>(base.initial[i].count) * per_citizen * e.concurrent_replications;
    if (bytes > best) {
      best = bytes;
      e.main_driver = fmt::format("initial[{}].count", i);
    }
  }
  for (std::size_t i = 0; i < base.inflow.size(); ++i) {
    const double bytes = base.inflow[i].per_year * simulated_years * per_citizen * e.concurrent_replications;
    if (bytes > best) {
      best = bytes;
      e.main_driver = fmt::format("inflow[{}].per_year", i);
    }
  }
  return e;
}

std::optional<double> available_memory_bytes() {
  if (const char* forced = std::getenv("CASEFLOW_MEMORY_AVAILABLE")) {
    char* end = nullptr;
    const double bytes = std::strtod(forced, &end);
    if (end != forced && bytes > 0.0) return bytes;
  }
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  while (std::getline(meminfo, line)) {
    if (line.rfind("MemAvailable:", 0) != 0) continue;
    std::istringstream in(line.substr(13));
    double kib = 0.0;
    if (in >> kib) return kib * 1024.0;
  }
  return std::nullopt;
}

std::string format_bytes(double bytes) {
  if (bytes >= 1e15) return fmt::format("{:.3g} TB", bytes / 1e12);
  if (bytes >= 10e12) return fmt::format("{:.0f} TB", bytes / 1e12);
  if (bytes >= 1e12) return fmt::format("{:.1f} TB", bytes / 1e12);
  if (bytes >= 10e9) return fmt::format("{:.0f} GB", bytes / 1e9);
  if (bytes >= 1e9) return fmt::format("{:.1f} GB", bytes / 1e9);
  return fmt::format("{:.0f} MB", std::max(1.0, bytes / 1e6));
}

std::string memory_problem(const MemoryEstimate& estimate, double available) {
  const double budget = 0.9 * available;
  const double total = estimate.total_bytes();
  if (total <= budget) {
    if (estimate.citizens_per_replication <= kMaxCitizens) return "";
    return fmt::format("this run simulates about {:.3g} citizens per replication; the simulator handles at most {:.0f} "
                       "(scale the population down and the money up by the same factor)",
                       estimate.citizens_per_replication, kMaxCitizens);
  }
  std::string suggestion;
  const double one_replication = estimate.simulation_bytes / estimate.concurrent_replications;
  const double fixed = estimate.results_bytes + estimate.fixed_bytes;
  const double fitting_threads = std::floor((budget - fixed) / one_replication);
  if (estimate.main_driver == "scenario.replications" || estimate.main_driver == "scenario.years") {
    suggestion = estimate.main_driver == "scenario.replications"
                     ? "use fewer replications (--replications); the stored results grow with each"
                     : "shorten the horizon (scenario.years)";
  } else if (estimate.concurrent_replications > 1 && fitting_threads >= 1.0) {
    suggestion = fmt::format("use fewer threads: --threads {:.0f} fits", fitting_threads);
  } else {
    suggestion = fmt::format("a smaller population: each citizen takes about {:.0f} bytes in each of the {} replications "
                             "running at once; scale counts and inflow down and the money up by the same factor",
                             one_replication / std::max(1.0, estimate.citizens_per_replication), estimate.concurrent_replications);
  }
  return fmt::format("this run needs about {} of memory; this machine has {} available ({})", format_bytes(total),
                     format_bytes(available), suggestion);
}

}  // namespace caseflow::cli
