/// @file participants.cpp
/// Who an intervention reached (sim/README.md, "Participants and deadweight";
/// model/participation.hpp): the baseline keeps a ledger (cost per citizen and year,
/// self-support flips) when other arms will compare with it; an arm compared with it records
/// each citizen's first participation (a meeting of a new track, a place the arm added, an
/// effect that changes a rate); the ledger prices benefit weeks as economics::price_arm does
/// (book_ledger). Owns the ledger, its rates, and CitizenColumns::first_participation and
/// pending_meeting. Schedules no events and draws no numbers.

#include "model/arm_run.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

namespace caseflow::model {

void ArmRun::init_impact(std::size_t n) {
  if (!plan_.keeps_ledger) return;
  ledger_ = std::make_shared<CitizenLedger>();
  ledger_->init(n, plan_.years.size(), plan_.has_benefits);
  // Each benefit's weekly rate per budget year at the price level, as economics::price_arm.
  const auto& budget_years = plan_.calendar.budget_years();
  ledger_rates_.assign(arm_.model.benefits.size() * budget_years.size(), 0.0);
  for (std::size_t b = 0; b < arm_.model.benefits.size(); ++b) {
    for (std::size_t y = 0; y < budget_years.size(); ++y) {
      const int year = budget_years[y].year;
      ledger_rates_[b * budget_years.size() + y] = arm_.model.benefits[b].rate_in(year) * scenario_.report.price_factor(year);
    }
  }
  if (!plan_.records_participation) return;
  cols_.first_participation.assign(n, kInfinity);
  if (plan_.track_count > 0) cols_.pending_meeting.assign(n * plan_.track_count, kInfinity);
}

/// c received the intervention at t (counted from the first reported day).
void ArmRun::participate(std::uint32_t c, double t, bool after_end) {
  if (!arm_active_ && !after_end) return;
  const double at = std::max(t, 0.0);
  if (at < plan_.horizon && at < cols_.first_participation[c]) cols_.first_participation[c] = at;
}

void ArmRun::participate_during(std::uint32_t c, double a, double b) {
  if (b > 0.0 && a < plan_.horizon) participate(c, a);
}

void ArmRun::note_admission(std::uint32_t c, StateId state, double t) {
  ledger_->admit(c, active_model().states[state].self_supporting);
  // A place in a state the arm added, or in one whose stays its patch changed.
  if (plan_.records_participation && (state >= plan_.base_state_count || plan_.participation_state[state])) participate(c, t);
}

/// Before c takes its place in state `to` (slot occupancy not yet counted).
void ArmRun::note_state_change(std::uint32_t c, bool flips, StateId to, double t) {
  if (flips) ledger_->flip(c, t);
  if (!plan_.records_participation) return;
  if (to >= plan_.base_state_count || plan_.participation_state[to]) {
    participate(c, t);  // a state the arm added, or one whose stays its patch changed
    return;
  }
  // A slot place the arm added: c enters when the places the baseline has are all taken.
  const int s = active_model().states[to].slot;
  if (s == kNone) return;
  const Model& base = scenario_.arms[0].model;
  const std::int64_t base_places = s < static_cast<int>(base.slots.size()) ? base.slots[s].capacity : 0;
  if (slots_[s].occupied >= base_places) participate(c, t);
}

/// The arm's rules switch on at t: everyone already in a state whose stays the patch changed is
/// reached now (those who enter later are, by note_state_change).
void ArmRun::note_changed_states_at_start(double t) {
  if (!plan_.records_participation || !arm_active_) return;
  for (std::uint32_t c = 0; c < cit_.size(); ++c) {
    if (cit_[c].active && plan_.participation_state[cit_[c].state]) participate(c, t);
  }
}

/// After c got a place in pool p: a place the arm added if the pool is new or it now serves
/// more citizens than the baseline's caseload cap allows.
void ArmRun::note_pool_place(std::uint32_t c, int p, double t) {
  const Model& base = scenario_.arms[0].model;
  if (p >= static_cast<int>(base.pools.size())) {
    participate(c, t);
    return;
  }
  const Pool& pool = base.pools[p];
  if (pool.caseload_per_fte <= 0.0) return;
  const auto base_places = static_cast<std::int64_t>(std::floor(fte_at(pool, t) * pool.caseload_per_fte + 1e-9));
  if (pools_[p].served > base_places) participate(c, t);
}

/// Prices c's benefit weeks [from, to) into its ledger exactly as economics::price_arm prices
/// the recorded weeks, so that the split of the savings sums to the savings: the arm's own
/// rates, each budget year's rate (dated rates, uprating) at the price level, and under dated
/// or activity-based refund rules the rules in force in each period.
void ArmRun::book_ledger(std::uint32_t c, int benefit, const RefundSchedule& schedule, double from, double to) {
  const Benefit& priced = arm_.model.benefits[benefit];
  const auto& shares = arm_.model.refund.schedules;
  const double clock = cols_.refund_clock[c];
  const StateId state = cit_[c].state;
  if (!dated_refund_) {
    plan_.years.split(from, to, [&](int y, double lo, double hi) {
      ledger_->book(c, y, schedule, lo, hi, clock + (lo - from), ledger_rate(benefit, y), shares[priced.refund_schedule], state);
    });
    return;
  }
  const Model& m = active_model();
  const Model& base = scenario_.arms[0].model;
  dated_periods_.split(from, to, [&](int p, double lo, double hi) {
    const double at = dated_periods_.begin(p);
    const int y = result_.dated_period_year[p];
    // Where the arm's prices differ and its rules do not apply (before its start, after its
    // end), the baseline's rates and ladder price the week, as in economics::price_arm.
    if (!result_.arm_rules_in(static_cast<std::size_t>(p))) {
      const Benefit& rules = pricing_benefit(base, arm_.model, false, benefit);
      const RefundSchedule& ladder = pricing_schedule(base, arm_.model, false, rules.schedule_at(at));
      const int year = plan_.calendar.budget_years()[static_cast<std::size_t>(y)].year;
      ledger_->book(c, y, ladder, lo, hi, clock + (lo - from), rules.rate_in(year) * scenario_.report.price_factor(year), ladder, state);
      return;
    }
    const RefundSchedule& steps = result_.dated_period_arm_rules.empty() ? m.refund.schedules[m.benefits[benefit].schedule_at(at)]
                                                                         : shares[priced.schedule_at(at)];
    ledger_->book(c, y, steps, lo, hi, clock + (lo - from), ledger_rate(benefit, y), shares[priced.schedule_at(at)], state);
  });
}

/// Whether an effect with a multiplier other than 1 changes one of c's rates at t: a hazard out
/// of c's state, or an outcome of a meeting track c is served on.
bool ArmRun::effect_changes_rates(std::uint32_t c, double t, bool effects_on) const {
  const StateId state = cit_[c].state;
  for (std::size_t i = 0; i < arm_.effects.size(); ++i) {
    const Effect& e = arm_.effects[i];
    if (e.multiplier == 1.0 || effect_weight(static_cast<int>(i), c, t, effects_on, false) <= 0.0) continue;
    if (e.kind == Effect::Kind::hazard) {
      if (state != e.from) continue;
      for (int tr : tables_->hazards_from[state]) {
        if (active_model().transitions[tr].to == e.to) return true;
      }
    } else if (e.meeting >= 0 && e.meeting < plan_.track_count && cols_.tracks[slot_of(c, e.meeting)].status == kServed) {
      for (const MeetingOutcome& o : tables_->outcomes(e.meeting, state)) {
        if (o.to == e.outcome) return true;
      }
    }
  }
  return false;
}

/// On a track whose idle meetings are not events: the next meeting, held if c is still on the
/// track then (confirmed when c leaves the track, or at the horizon).
void ArmRun::note_pending_meeting(std::uint32_t c, int k, double at) {
  if (!arm_active_ || !plan_.participation_track[k] || at >= plan_.horizon) return;
  double& pending = cols_.pending_meeting[slot_of(c, k)];
  pending = std::min(pending, at);
}

void ArmRun::confirm_pending_meeting(std::uint32_t c, int k, double t) {
  double& pending = cols_.pending_meeting[slot_of(c, k)];
  if (pending < t) participate(c, pending);
  pending = kInfinity;
}

void ArmRun::finish_impact() {
  if (!plan_.keeps_ledger) return;
  for (std::size_t i = 0; i < cols_.pending_meeting.size(); ++i) {
    if (cols_.pending_meeting[i] < plan_.horizon) participate(static_cast<std::uint32_t>(i / plan_.track_count), cols_.pending_meeting[i]);
  }
  ledger_->finalise();
  if (plan_.is_baseline) {
    result_.ledger = std::move(ledger_);
    return;
  }
  result_.participant_outcomes = compare_with_baseline(*ledger_, *baseline_result_->ledger, cols_.first_participation, plan_.horizon);
}

}  // namespace caseflow::model
