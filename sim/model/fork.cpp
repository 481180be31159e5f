/// @file fork.cpp
/// The common past simulated once (sim/README.md, "Sharing work between runs"). In one
/// replication every arm simulates the same citizens with the same numbers under the baseline's
/// rules until its own start; the baseline does too, except that it leaves out events that an
/// arm with a later start must hold (idle meetings, sure exits: "Events that are left out").
/// So one run of the baseline's plan *the arms' way* (RunPlan::shared_prefix) simulates that past
/// up to the earliest start t*, counting as it goes both the events an arm holds and those the
/// baseline's own run holds; then the baseline and each arm copy its state and go on alone.
///
/// Why nothing changes: a run's future is a function of its state (citizens, columns, pools,
/// slots, accumulators), its queued events and its streams, which hold no state. At t* the
/// prefix's state is, field for field, the state each arm's own run has then, except for the
/// parts an arm lays out wider (its added tracks, pools, slots, hazards: copied into its wider
/// layout, the added parts as its own run left them, untouched) and the events only the arm
/// queues (its switch, its own staffing changes), queued at the fork. The baseline's own run
/// differs from the prefix in events that could only turn stale and in the idle meetings it
/// passes over: its booked meetings are re-searched as its own booking would (the same draws,
/// the same sums of intervals), and its event count and fingerprint are the prefix's second
/// count. Where that does not hold for an arm (fork_obstacle says why), the arm runs alone from
/// the start. tests/model/fork_test.cpp and the CTest "forked runs equal unforked runs" compare
/// every record of every scenario file, forked and not.
///
/// Owns the prefix's second count and the copy; calls the other processes for the rest.

#include "model/arm_run.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace caseflow::model {
namespace {

/// Copies a [rows × from_width] table into a [rows × to_width] one (to_width >= from_width), the
/// columns beyond from_width left as they are; nothing when either is not kept.
template <class T>
void copy_widened(std::vector<T>& to, const std::vector<T>& from, std::size_t rows, std::size_t from_width, std::size_t to_width) {
  if (to.empty() || from.empty()) return;
  if (from_width == to_width) {
    to = from;
    return;
  }
  for (std::size_t r = 0; r < rows; ++r) {
    std::copy_n(from.begin() + static_cast<std::ptrdiff_t>(r * from_width), from_width, to.begin() + static_cast<std::ptrdiff_t>(r * to_width));
  }
}

template <class T>
void copy_if_kept(std::vector<T>& to, const std::vector<T>& from) {
  if (!to.empty() && !from.empty()) to = from;
}

}  // namespace

void ArmRun::run_prefix(double until) {
  start();
  loop<true>(until);
}

/// After each event of the prefix: the baseline's own run holds it unless it is a meeting that
/// moved nobody on a track where the baseline passes such meetings over.
void ArmRun::count_for_baseline(const engine::Event& e, EventKind kind) {
  if (kind == EventKind::meeting && meeting_moved_nobody_ && plan_.baseline_skips[e.aux()] != 0) return;
  ++baseline_events_;
  baseline_fingerprint_ = fingerprint_step(baseline_fingerprint_, e);
}

std::string ArmRun::fork_obstacle(const ArmRun& prefix, double until) {
  arm_active_ = false;
  tables_ = &plan_.base_tables;
  // With the baseline's inflow rates the arrivals are the past's, drawn from the same streams:
  // taken, not drawn again; the citizen records are copied in adopt, not laid out twice.
  forked_arrivals_ = inflow_as_baseline() ? &prefix.arrivals_ : nullptr;
  create_citizens();
  forked_arrivals_ = nullptr;
  init_resources(plan_.begin);
  const RunPlan& p = prefix.plan_;
  if (plan_.is_baseline) return "";
  if (!(plan_.arm_from > plan_.begin) || plan_.arm_from < until) return "starts before the shared past ends";
  if (plan_.service_changes_hazards) return "its effects follow a pool's service, which re-times hazards before its start";
  if (plan_.state_count != p.state_count || result_.benefits != prefix.result_.benefits || result_.steps != prefix.result_.steps) {
    return "its patch adds states, benefits or refund steps";
  }
  if (arm_.model.age_rules.size() != scenario_.arms[0].model.age_rules.size() || birth_.size() != prefix.birth_.size() ||
      clock_count_ != prefix.clock_count_) {
    return "its patch adds ages or benefit clocks";
  }
  if (dated_refund_ != prefix.dated_refund_ || result_.dated_width != prefix.result_.dated_width ||
      result_.dated_period_begin != prefix.result_.dated_period_begin) {
    return "its refund rules are cut at other dates";
  }
  if (plan_.keeps_ledger != p.keeps_ledger || plan_.has_benefits != p.has_benefits || plan_.has_slots != p.has_slots) {
    return "it keeps other records";
  }
  if (plan_.keeps_ledger && until > plan_.years.begin(0) && prices_differ(scenario_.arms[0].model, arm_.model)) {
    return "its prices differ within the shared past";
  }
  if (has_staff_change_before(until)) return "its own staffing changes before its start";
  // The arrivals drawn so far and the one queued next must be the prefix's.
  if (sources_.size() != prefix.sources_.size()) return "other citizen sources";
  std::size_t i = 0;
  for (; i < prefix.arrivals_.size(); ++i) {
    const Arrival& theirs = prefix.arrivals_[i];
    if (i >= arrivals_.size() || arrivals_[i].time != theirs.time || arrivals_[i].source != theirs.source || arrivals_[i].index != theirs.index) {
      return "its arrivals differ before its start";
    }
    if (theirs.time >= until) break;
  }
  // All of the prefix's arrivals came before t*: the arm may have none after them either.
  if (i == prefix.arrivals_.size() && arrivals_.size() != prefix.arrivals_.size()) return "its arrivals differ after its start";
  return "";
}

/// Whether every inflow entry has the baseline's rate in this arm: then the arrivals, a function
/// of the sources' streams and the rates (arrivals.hpp), are the baseline's.
bool ArmRun::inflow_as_baseline() const {
  const Model& base = scenario_.arms[0].model;
  const auto rate = [](const Inflow* inflow) { return inflow != nullptr ? inflow->per_year : 0.0; };
  for (const Model* m : {&base, &arm_.model}) {
    for (const Inflow& inflow : m->inflow) {
      if (rate(find_inflow(base, inflow.name)) != rate(find_inflow(arm_.model, inflow.name))) return false;
    }
  }
  return true;
}

/// Whether this arm's own staffing changes (its rules', and the baseline's for the pools it
/// adds) fall inside the prefix, where the prefix did not hold them.
bool ArmRun::has_staff_change_before(double until) const {
  const std::size_t base_pools = scenario_.arms[0].model.pools.size();
  for (const StaffRules rules : {StaffRules::baseline, StaffRules::arm}) {
    const Model& m = rules == StaffRules::baseline ? plan_.after_model : arm_.model;
    for (std::size_t p = rules == StaffRules::baseline ? base_pools : 0; p < m.pools.size(); ++p) {
      for (std::size_t i = 1; i < m.pools[p].fte_schedule.size(); ++i) {
        const double at = m.pools[p].fte_schedule[i].first;
        if (at > plan_.begin && at < until) return true;
      }
    }
  }
  return false;
}

ArmResult ArmRun::run_from(const ArmRun& prefix) {
  adopt(prefix);
  if (plan_.is_baseline) {
    rebook_skipped_meetings();
  } else {
    // What only this arm queues: its switches, its staffing changes.
    if (plan_.arm_from < plan_.horizon) queue_.push(plan_.arm_from, kControl, static_cast<std::uint16_t>(EventKind::model_switch), 0);
    if (plan_.arm_until < plan_.horizon) queue_.push(plan_.arm_until, kControl, static_cast<std::uint16_t>(EventKind::model_switch), 0);
    schedule_staff_changes(StaffRules::baseline, scenario_.arms[0].model.pools.size(), now_);
    schedule_staff_changes(StaffRules::arm, 0, now_);
  }
  loop<false>(kInfinity);
  return std::move(result_);
}

/// Takes the prefix's state as this run's own at the fork (fork_obstacle prepared the layout).
void ArmRun::adopt(const ArmRun& prefix) {
  const RunPlan& p = prefix.plan_;
  const std::size_t n = prefix.cit_.size();
  now_ = prefix.now_;
  year_hint_ = prefix.year_hint_;
  watch_ = prefix.watch_;
  initial_count_ = prefix.initial_count_;
  queue_ = prefix.queue_;
  cit_ = prefix.cit_;
  counts_ = prefix.counts_;
  std::copy(prefix.pools_.begin(), prefix.pools_.end(), pools_.begin());
  std::copy(prefix.slots_.begin(), prefix.slots_.end(), slots_.begin());
  // Per citizen.
  copy_if_kept(cols_.refund_clock, prefix.cols_.refund_clock);
  copy_if_kept(cols_.self_support_since, prefix.cols_.self_support_since);
  copy_if_kept(cols_.self_support_spells, prefix.cols_.self_support_spells);
  copy_if_kept(cols_.waiting_slot, prefix.cols_.waiting_slot);
  copy_if_kept(cols_.waiting_target, prefix.cols_.waiting_target);
  copy_if_kept(cols_.wait_since, prefix.cols_.wait_since);
  copy_if_kept(cols_.in_cohort, prefix.cols_.in_cohort);
  copy_if_kept(birth_, prefix.birth_);
  copy_if_kept(clock_counts_, prefix.clock_counts_);
  // Per citizen and track or hazard, into this arm's (possibly wider) layout.
  const auto tracks = static_cast<std::size_t>(plan_.track_count);
  const auto prefix_tracks = static_cast<std::size_t>(p.track_count);
  copy_widened(cols_.tracks, prefix.cols_.tracks, n, prefix_tracks, tracks);
  copy_widened(cols_.track_wait_since, prefix.cols_.track_wait_since, n, prefix_tracks, tracks);
  copy_widened(meetings_held_, prefix.meetings_held_, n, prefix_tracks, tracks);
  if (p.max_hazards > 0) copy_widened(cols_.remaining, prefix.cols_.remaining, n, p.max_hazards, plan_.max_hazards);
  spells_ = prefix.spells_;
  if (plan_.keeps_ledger) ledger_ = std::make_shared<CitizenLedger>(*prefix.ledger_);
  // What the prefix booked.
  const ArmResult& booked = prefix.result_;
  result_.benefit_weeks = booked.benefit_weeks;
  result_.programme_cost = booked.programme_cost;
  result_.occupancy = booked.occupancy;
  result_.flows = booked.flows;
  result_.arrivals = booked.arrivals;
  result_.exits_to_self_support = booked.exits_to_self_support;
  result_.dated_weeks = booked.dated_weeks;
  result_.cohort_size = booked.cohort_size;
  result_.cohort_exits = booked.cohort_exits;
  result_.citizen_trajectories = booked.citizen_trajectories;
  copy_if_kept(result_.last_self_support_entry, booked.last_self_support_entry);
  copy_if_kept(result_.self_supporting_at_end, booked.self_supporting_at_end);
  // Resources are pools first, then slots: an arm's added pools shift its slots.
  const std::size_t prefix_pools = prefix.pools_.size();
  for (int y = 0; y < result_.years; ++y) {
    for (int r = 0; r < booked.resources; ++r) {
      const int mine = r < static_cast<int>(prefix_pools) ? r : r - static_cast<int>(prefix_pools) + static_cast<int>(pools_.size());
      result_.resource(y, mine) = booked.resource(y, r);
    }
  }
  result_.events = plan_.is_baseline ? prefix.baseline_events_ : booked.events;
  result_.fingerprint = plan_.is_baseline ? prefix.baseline_fingerprint_ : booked.fingerprint;
}

/// The baseline passes over idle meetings when it books one (meetings.cpp, book_next_meeting);
/// the prefix booked every meeting. Each meeting booked on such a track that would move nobody
/// is held as the prefix would hold it, and the next is booked the baseline's way: the same
/// draws and the same sums of intervals as the baseline's own search. The meeting it replaces
/// stays queued and turns stale (its time is no longer the track's next meeting).
void ArmRun::rebook_skipped_meetings() {
  if (plan_.track_count == 0) return;
  const std::size_t n = cit_.size();
  for (std::uint32_t c = 0; c < n; ++c) {
    if (!cit_[c].active) continue;
    for (int k = 0; k < plan_.track_count; ++k) {
      if (tables_->skips_idle_meetings[k] == 0) continue;
      TrackSlot& slot = cols_.tracks[slot_of(c, k)];
      if (slot.status != kServed || !std::isfinite(slot.next_meeting)) continue;
      const RandomStream stream = streams_.stream(stream_key(c), kMeetingOutcome);
      if (meeting_destination(c, k, slot.next_meeting, meeting_draw(stream, c, k, slot.meeting_index)) != kNone) continue;
      ++slot.meeting_index;
      book_next_meeting(c, k, slot.next_meeting);
    }
  }
}

namespace {

/// A shared past: the prefix run and the scenario it refers to (a copy, so that the past can
/// outlive the sweep point it was simulated for).
struct PastState {
  PastState(const Scenario& s, int replication, const SimulationOptions& options, double until)
      : scenario(s), prefix(scenario, 0, replication, nullptr, options, true) {
    prefix.run_prefix(until);
  }
  const Scenario scenario;
  ArmRun prefix;
};

const ArmRun& prefix_of(const SharedPast& past) { return static_cast<const PastState*>(past.state().get())->prefix; }

}  // namespace

SharedPast simulate_shared_past(const Scenario& scenario, const std::vector<std::size_t>& arms, int replication,
                                const SimulationOptions& options) {
  const double divergence = options.fork_arms ? divergence_time(scenario, arms, options) : kInfinity;
  if (!std::isfinite(divergence)) return {};
  return SharedPast(std::make_shared<const PastState>(scenario, replication, options, divergence), divergence);
}

ArmResult baseline_from(const SharedPast& past, const Scenario& scenario, int replication, const SimulationOptions& options) {
  if (past.empty()) return simulate_arm(scenario, 0, replication, nullptr, options);
  ArmRun baseline(scenario, 0, replication, nullptr, options);
  baseline.fork_obstacle(prefix_of(past), past.divergence());
  return baseline.run_from(prefix_of(past));
}

std::vector<ArmResult> arms_from(const SharedPast& past, const Scenario& scenario, const std::vector<std::size_t>& arms, int replication,
                                 const ArmResult& baseline, const SimulationOptions& options) {
  std::vector<ArmResult> results;
  results.reserve(arms.size());
  const bool explain = replication == 0 && options.fork_note;
  for (std::size_t i = 1; i < arms.size(); ++i) {
    const std::string& name = scenario.arms[arms[i]].name;
    if (past.empty()) {
      results.push_back(simulate_arm(scenario, arms[i], replication, &baseline, options));
      continue;
    }
    ArmRun arm(scenario, arms[i], replication, &baseline, options);
    const std::string obstacle = arm.fork_obstacle(prefix_of(past), past.divergence());
    if (obstacle.empty()) {
      results.push_back(arm.run_from(prefix_of(past)));
      if (explain) {
        options.fork_note("fork: " + name + " continued from the shared past at week " + std::to_string(past.divergence()) + ": " +
                          std::to_string(prefix_of(past).events()) + " of its " + std::to_string(results.back().events) +
                          " events shared");
      }
    } else {
      if (explain) options.fork_note("fork: " + name + " ran alone: " + obstacle);
      results.push_back(simulate_arm(scenario, arms[i], replication, &baseline, options));
    }
  }
  return results;
}

/// The earliest start after the first simulated day among the arms that may fork; infinity
/// when none may (then nothing is shared).
double divergence_time(const Scenario& scenario, const std::vector<std::size_t>& arms, const SimulationOptions& options) {
  double t = kInfinity;
  const bool ledger = scenario.arms.size() > 1 && options.baseline_keeps_records;
  for (std::size_t i = 1; i < arms.size(); ++i) {
    const RunPlan plan(scenario, arms[i], options.skip_needless_events, ledger);
    if (plan.arm_from > plan.begin && !plan.service_changes_hazards) t = std::min(t, plan.arm_from);
  }
  return t;
}

}  // namespace caseflow::model
