/// @file arm_windows.cpp
/// ArmRun's part of issue 19, items 3 and 4 (model/effect_window.hpp): how strongly an effect
/// acts (after the end, following the citizen, only on admitted citizens), receipts of a state,
/// admission to a capped intervention, and leaving a track mid-stay (one-off tracks). Owns
/// receipts_, admitted_ and meetings_held_; may re-time a citizen's hazards.

#include "model/arm_run.hpp"

#include <algorithm>
#include <vector>

namespace caseflow::model {

/// How strongly effect e acts on c at t, from 0 to 1: its target must match and a capped arm
/// must have admitted c; then a `received` target holds while c's receipt does, and any other
/// while the arm's rules apply (`effects_on`) or, after them, by the fade (in weekly steps for
/// hazards, `stepwise`, the exact line for a meeting).
double ArmRun::effect_weight(int e, std::uint32_t c, double t, bool effects_on, bool stepwise) const {
  const Effect& effect = arm_.effects[e];
  if (!matches(effect.target, c, t)) return 0.0;
  if (plan_.cap > 0 && !admitted_[c]) return 0.0;
  if (effect.target.needs_receipt()) return receipts_.holds(c, e, t) ? 1.0 : 0.0;
  if (effects_on) return 1.0;
  return stepwise ? plan_.fade.step_strength(t) : plan_.fade.strength(t);
}

void ArmRun::note_receipt_of_state(std::uint32_t c, StateId from, StateId to, double t) {
  receipts_.leave(c, from, t);
  if (arm_active_) receipts_.enter(c, to, t);
}

/// Admits c to a capped intervention (its own tracks and states) while there is room and the
/// arm is on; the effects then reach c, so its hazards are re-timed (`retime`: c is in a stay
/// whose hazards are scheduled).
bool ArmRun::admit_to_intervention(std::uint32_t c, double t, bool retime) {
  if (admitted_[c]) return true;
  if (!arm_active_ || admitted_count_ >= plan_.cap) return false;
  if (retime) freeze_hazards(c, t);
  admitted_[c] = 1;
  ++admitted_count_;
  if (retime) reschedule_hazards(c);
  return true;
}

/// Whether a capped intervention that is full keeps c out of its own state `to`.
bool ArmRun::cap_blocks(std::uint32_t c, StateId to) {
  if (plan_.cap == 0 || to < plan_.base_state_total || to == cit_[c].state) return false;
  return !admit_to_intervention(c, now_, false);
}

/// c leaves track k at t while staying in its state (a spell window closed, a one-off track's
/// last meeting); rates that depend on being served are re-timed.
void ArmRun::end_track_now(std::uint32_t c, int k, double t) {
  if (plan_.service_changes_hazards && cols_.tracks[slot_of(c, k)].status == kServed) freeze_hazards(c, t);
  leave_track(c, k, t, true);
  if (plan_.service_changes_hazards) reschedule_hazards(c);
}

/// [from, to) split where an effect target's spell window opens or closes, a receipt runs out
/// or (`fading`) the fade steps, into `cuts`: within each piece whether an effect reaches c is one answer.
void ArmRun::participation_cuts(std::uint32_t c, double from, double to, bool fading, std::vector<double>& cuts) const {
  cuts.assign({from, to});
  for (const Effect& e : arm_.effects) {
    const auto [open, close] = filter_window(e.target, c);  // spell lengths and ages
    for (double b : {open, close}) {
      if (b > from && b < to) cuts.push_back(b);
    }
  }
  receipts_.add_all_cuts(c, from, cuts);
  if (fading) plan_.fade.add_cuts(from, cuts);
  std::erase_if(cuts, [&](double b) { return b > to; });
  std::sort(cuts.begin(), cuts.end());
}

/// After the arm's rules stopped, an effect that still acts (a fade, a receipt) makes a
/// participant (impact.csv) of a citizen it first reaches then; nothing is priced (the cost
/// lines have stopped).
void ArmRun::note_after_effects(std::uint32_t c, double from, double to) {
  if (cols_.first_participation[c] < kInfinity) return;
  std::vector<double>& cuts = participation_cuts_;
  participation_cuts(c, from, to, true, cuts);
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    if (cuts[i + 1] <= cuts[i] || cuts[i + 1] <= 0.0 || !effect_changes_rates(c, 0.5 * (cuts[i] + cuts[i + 1]), false)) continue;
    participate(c, cuts[i], true);
    return;
  }
}

}  // namespace caseflow::model
