#pragma once
/// @file simulation.hpp
/// One arm of a scenario, one replication: citizens, hazards, programmes, meetings, pools and
/// slots on the engine's event queue. See sim/README.md for the event-order and stream rules.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/results.hpp"
#include "model/spec.hpp"

namespace caseflow::model {

/// Runs arm `arm` of `scenario` in replication `replication` and returns what it recorded.
/// `baseline` is the baseline's result in the same replication, used to count deadweight; pass
/// null when running the baseline itself (then the per-citizen exit record is kept instead).
/// Throws std::runtime_error if the run cannot proceed (e.g. an endless zero-time loop).
ArmResult simulate_arm(const Scenario& scenario, std::size_t arm, int replication, const ArmResult* baseline);

/// Options for inspection (tests, debugging); they never change what is simulated.
struct SimulationOptions {
  /// Record a hash of every citizen's trajectory (times and states entered) in
  /// ArmResult::citizen_trajectories.
  bool trace_citizens = false;
  /// Record every spell of the traced citizens in ArmResult::spells (`caseflow run --trace`):
  /// the first `spells_per_source` citizens of each source, or all of them when 0.
  bool record_spells = false;
  std::uint32_t spells_per_source = 0;
  /// Checked every few thousand events; when it becomes true the run throws Cancelled.
  const std::atomic<bool>* cancel = nullptr;
  /// Follow a cohort: the citizens in state `cohort_state` at week 0 whose benefit spell is at
  /// least `cohort_min_spell_weeks` long then; ArmResult::cohort_exits counts, for each reported
  /// week, how many of them have entered self-support by then. -1 = no cohort.
  int cohort_state = -1;
  double cohort_min_spell_weeks = 0.0;
  /// Leave out events that cannot change anything: meetings that move nobody, and events that
  /// come after one that ends the citizen's stay for certain (sim/README.md, "Events that are
  /// left out"). Off only to check that leaving them out changes nothing but the count of
  /// events processed and the event-sequence fingerprint.
  bool skip_needless_events = true;
  /// Simulate the common past of the baseline and the arms once per replication and fork the
  /// arms from it (model/fork.cpp, sim/README.md "Sharing work between runs"). Off only to
  /// check that forking changes nothing (CASEFLOW_FORK=0 in the command line tool).
  bool fork_arms = true;
  /// The baseline keeps its per-citizen ledger and exit record for the arms' participant and
  /// deadweight measures (with more than one arm). A sweep reports money only and turns it off
  /// (nothing there schedules events or draws numbers, so the money is the same).
  bool baseline_keeps_records = true;
  /// Told, for replication 0, which arms continued from the shared past and why the others ran
  /// alone (CASEFLOW_FORK=explain; tests/cli/fork_check.py). Called a few times per run, never
  /// per event.
  std::function<void(const std::string&)> fork_note;
};

/// Thrown when SimulationOptions::cancel is set (Ctrl-C): the caller discards partial work.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("interrupted") {}
};

ArmResult simulate_arm(const Scenario& scenario, std::size_t arm, int replication, const ArmResult* baseline,
                       const SimulationOptions& options);

/// The earliest time after the first simulated day at which an arm of `arms` (the baseline
/// first) starts and may fork from the common past; infinity when none may.
double divergence_time(const Scenario& scenario, const std::vector<std::size_t>& arms, const SimulationOptions& options);

/// The common past of one replication's baseline and arms, simulated once up to the earliest
/// start (model/fork.cpp; sim/README.md, "Sharing work between runs"). Empty when no arm can
/// fork. It keeps its own copy of the scenario, so it may serve other scenarios with the same
/// model::baseline_key and the same divergence time (a sweep's points).
class SharedPast {
 public:
  SharedPast() = default;
  SharedPast(std::shared_ptr<const void> state, double divergence) : state_(std::move(state)), divergence_(divergence) {}
  [[nodiscard]] bool empty() const { return state_ == nullptr; }
  [[nodiscard]] double divergence() const { return divergence_; }
  /// The prefix run (model/fork.cpp's own type).
  [[nodiscard]] const std::shared_ptr<const void>& state() const { return state_; }

 private:
  std::shared_ptr<const void> state_;
  double divergence_ = std::numeric_limits<double>::infinity();
};

/// The shared past of `arms` (the baseline first) in `replication`; empty when forking is off
/// (SimulationOptions::fork_arms) or no arm starts after the first simulated day.
SharedPast simulate_shared_past(const Scenario& scenario, const std::vector<std::size_t>& arms, int replication,
                                const SimulationOptions& options);
/// The baseline's run, continued from `past` (or simulated from the start when it is empty):
/// the same result as simulate_arm.
ArmResult baseline_from(const SharedPast& past, const Scenario& scenario, int replication, const SimulationOptions& options);
/// Arms `arms` (the baseline first, not run) against `baseline`, each continued from `past` where
/// it can and simulated from the start where not: the same results as simulate_arm.
std::vector<ArmResult> arms_from(const SharedPast& past, const Scenario& scenario, const std::vector<std::size_t>& arms, int replication,
                                 const ArmResult& baseline, const SimulationOptions& options);

/// Checks that the baseline's states, groups, tracks, pools and slots are a prefix of every
/// arm's (a patch may add, not reorder); returns an error text or "".
std::string check_arm_compatibility(const Scenario& scenario);

}  // namespace caseflow::model
