/// @file clocks.cpp
/// ArmRun's clocks (issue 19 items 5, 6; sim/README.md, "Clocks: ages and benefit periods"):
/// citizens' ages and the moves at an age, and benefit periods that run out. The rules
/// themselves (age arithmetic, the count within a window) are in model/age.hpp and
/// model/benefit_clock.hpp; this file is the simulation's side: when to draw, what to schedule,
/// how a move is made.
#include "model/arm_run.hpp"

#include <algorithm>
#include <cmath>

namespace caseflow::model {
namespace {

/// The window [open, close) of absolute times in which c passes f's spell-length and age
/// bounds (the same expressions schedule eligibility checks and split multiplier paths).
std::pair<double, double> ArmRun::filter_window(const Filter& f, std::uint32_t c) const {
  double open = cit_[c].spell_start + f.min_spell_weeks;
  double close = cit_[c].spell_start + f.max_spell_weeks;
  if (f.has_age_bounds()) narrow_to_age(f, birth_.empty() ? std::nan("") : birth_[c], open, close);
  return {open, close};
}

void ArmRun::prepare_clocks(std::size_t n) {
  const Model& base = scenario_.arms[0].model;
  if (uses_ages(base, {}) || uses_ages(arm_.model, arm_.effects)) birth_.assign(n, std::nan(""));
  clock_count_ = static_cast<int>(std::max(base.benefit_clocks.size(), arm_.model.benefit_clocks.size()));
  if (clock_count_ > 0) clock_counts_.assign(n * static_cast<std::size_t>(clock_count_), ClockCount{});
}

/// Draws c's age at its entry (its own stream purpose, so scenarios without ages draw what
/// they drew before) and books the moments it reaches each age rule's age (at once if it
/// enters older). Age events are never stale: a rule checks who it applies to when it fires.
void ArmRun::set_age(std::uint32_t c, const std::optional<engine::Distribution>& age, double t) {
  if (!age || birth_.empty()) return;
  const RandomStream stream = streams_.stream(stream_key(c), kAge);
  birth_[c] = birth_week(t, std::max(0.0, engine::quantile(*age, stream.uniform(0))));
  const Model& m = active_model();
  const std::size_t rules = std::max(m.age_rules.size(), arm_.model.age_rules.size());
  for (std::size_t r = 0; r < rules; ++r) {
    const double at_years = (r < m.age_rules.size() ? m.age_rules[r] : arm_.model.age_rules[r]).at_years;
    const double at = std::max(t, time_at_age(birth_[c], at_years));
    if (at < plan_.horizon) queue_.push(at, kRelease, static_cast<std::uint16_t>(EventKind::age_rule), c, 0, static_cast<std::uint16_t>(r));
  }
}

void ArmRun::on_age_rule(std::uint32_t c, int r) {
  const Model& m = active_model();
  if (r >= static_cast<int>(m.age_rules.size())) return;
  const AgeRule& rule = m.age_rules[r];
  if (!rule.groups.empty() && !contains(rule.groups, cit_[c].group)) return;
  if (!rule.states.empty() && !contains(rule.states, cit_[c].state)) return;
  apply_clock_move(c, rule.move);
}

/// At the start of each stay: the spell on each clock's benefit goes on, begins (the initial
/// stock's from its elapsed time, like the refund clock) or ends, and the moment the clock
/// runs out is booked as an event of this stay.
void ArmRun::count_benefit_clocks(std::uint32_t c, double t, double elapsed) {
  const Model& m = active_model();
  const int benefit = benefit_of(cit_[c].state, cit_[c].group);
  for (int i = 0; i < clock_count_ && i < static_cast<int>(m.benefit_clocks.size()); ++i) {
    const BenefitClock& clock = m.benefit_clocks[i];
    ClockCount& count = clock_counts_[static_cast<std::size_t>(c) * clock_count_ + i];
    if (benefit != clock.benefit) {
      if (count.is_open()) close_clock_spell(count, t, clock.window_weeks);
      continue;
    }
    if (!count.is_open()) count.open_since = t - elapsed;
    const double at = clock_runs_out(count, t, clock.limit_weeks, clock.window_weeks);
    if (at < plan_.horizon && !after_sure_exit(c, at)) {
      queue_.push(at, kRelease, static_cast<std::uint16_t>(EventKind::benefit_clock), c, cit_[c].version, static_cast<std::uint16_t>(i));
    }
  }
}

/// The benefit period has run out: the count restarts and the citizen takes an outcome,
/// drawn by share (keyed by its stay and the clock, like programme routing).
void ArmRun::on_benefit_clock(std::uint32_t c, int i) {
  const BenefitClock& clock = active_model().benefit_clocks[i];
  ClockCount& count = clock_counts_[static_cast<std::size_t>(c) * clock_count_ + i];
  count = ClockCount{};
  const RandomStream stream = streams_.stream(stream_key(c), kClockRouting);
  const double u = stream.uniform((static_cast<std::uint64_t>(cit_[c].entries) << 16) | static_cast<std::uint64_t>(i));
  if (!apply_clock_move(c, pick_clock_outcome(clock.outcomes, u))) count_benefit_clocks(c, now_, 0.0);
}

/// A clock's move: a new stay in the new state, or in the same state under the new group
/// (time in state, hazards and meetings start afresh; the benefit spell and the refund clock
/// go on). Clock moves never target slot states (checked when loading). False: no change.
bool ArmRun::apply_clock_move(std::uint32_t c, const ClockMove& move) {
  Citizen& me = cit_[c];
  const int group = move.group == kNone ? me.group : move.group;
  const StateId to = move.state == kNone ? me.state : static_cast<StateId>(move.state);
  if (group == me.group && to == me.state) return false;
  accrue(c, now_);  // the old group's benefit up to now
  me.group = static_cast<std::uint16_t>(group);
  if (to != me.state) {
    change_state(c, to);
    return true;
  }
  leave_tracks(c, now_);
  leave_slot_queue(c);
  ++me.version;
  ++me.hazard_version;
  me.entered = now_;
  if (spells_.on()) record_spell(c, now_, now_);  // a new stay under the new group: trace.csv gets a spell
  start_state(c, now_, 0.0);
  return true;
}

}  // namespace
}  // namespace caseflow::model
