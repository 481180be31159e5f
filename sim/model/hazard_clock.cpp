/// @file hazard_clock.cpp
/// Competing hazards as thresholds on the cumulative-hazard scale (sim/README.md, "Random
/// streams and common random numbers"): the multiplier paths of effects, the next hazard to
/// fire, freezing the consumed part before a change of rates and carrying thresholds over when
/// the rules switch, and the sure-exit skip: a hazard nothing can move, towards a state
/// without a slot, sets Citizen::sure_exit, and no later event of the stay is pushed
/// (after_sure_exit in arm_run.hpp; sim/README.md, "Events that are left out"). Owns
/// Citizen::hazard_anchor, hazard_version and sure_exit, and the thresholds left
/// (CitizenColumns::remaining); reads tracks only to know who a pool serves.

#include "model/arm_run.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace caseflow::model {

bool ArmRun::matches(const Filter& f, std::uint32_t c, double t) const {
  if (!f.groups.empty() && !contains(f.groups, cit_[c].group)) return false;
  if (!f.states.empty() && !contains(f.states, cit_[c].state)) return false;
  // Compared as absolute times, the same expression that schedules eligibility checks.
  const auto [open, close] = filter_window(f, c);
  if (t < open || t >= close) return false;
  if (f.served_by != kNone && !served_by(c, f.served_by)) return false;
  return true;
}

bool ArmRun::served_by(std::uint32_t c, int pool) const {
  const Model& m = active_model();
  for (std::size_t k = 0; k < m.meetings.size(); ++k) {
    if (m.meetings[k].pool == pool && cols_.tracks[slot_of(c, static_cast<int>(k))].status == kServed) return true;
  }
  return false;
}

/// The multiplier on transition `tr` for citizen c from time t on, as long as nothing but the
/// passage of time changes (spell windows open and close on their own).
MultiplierPath ArmRun::multiplier_path(std::uint32_t c, int tr, double t, const Tables& tables, bool effects_on) const {
  if (tables.effects_on_transition[tr].empty()) return MultiplierPath::constant(t, 1.0);
  MultiplierPath path;
  std::vector<double> cuts;
  fill_multiplier_path(c, tr, t, tables, effects_on, cuts, path);
  return path;
}

/// multiplier_path for a transition with effects, written into `path` through the scratch
/// `cuts` (their memory reused from call to call: this runs once per hazard scheduled).
void ArmRun::fill_multiplier_path(std::uint32_t c, int tr, double t, const Tables& tables, bool effects_on,
                                  std::vector<double>& cuts, MultiplierPath& path) const {
  cuts.assign(1, t);
  for (int e : tables.effects_on_transition[tr]) {
    const auto [open, close] = filter_window(arm_.effects[e].target, c);
    for (double b : {open, close}) {
      if (b > t && std::isfinite(b)) cuts.push_back(b);
    }
  }
  receipts_.add_cuts(c, tables.effects_on_transition[tr], t, cuts);
  if (!effects_on) plan_.fade.add_cuts(t, cuts);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  path.begin.clear();
  path.value.clear();
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    // Evaluate at a point inside the segment (the segment's start is inclusive).
    const double probe = i + 1 < cuts.size() ? 0.5 * (cuts[i] + cuts[i + 1]) : cuts[i] + 1.0;
    double m = 1.0;
    for (int e : tables.effects_on_transition[tr]) {
      const double w = effect_weight(e, c, probe, effects_on, true);
      if (w > 0.0) m *= EffectFade::scaled(arm_.effects[e].multiplier, w);
    }
    // Adjacent segments with the same multiplier are one segment, so that equal rules give
    // equal paths (a multiplier of 1 from week 26 on is no change at all).
    if (!path.value.empty() && path.value.back() == m) continue;
    path.begin.push_back(cuts[i]);
    path.value.push_back(m);
  }
}

/// multiplier_path under the active rules without allocating when no effect is on `tr`: the
/// shared unit path from -infinity, which time_to_threshold and weighted_hazard_between clip
/// to their own start, so the arithmetic (and every result) is that of a unit path from t.
const MultiplierPath& ArmRun::current_path(std::uint32_t c, int tr, double t) {
  if (tables_->effects_on_transition[tr].empty()) return unit_path_;  // before the start, and after the end without after-effects
  fill_multiplier_path(c, tr, t, *tables_, arm_active_, scratch_cuts_, scratch_path_);
  return scratch_path_;
}

double ArmRun::clock_origin(std::uint32_t c, const Hazard& h) const {
  return h.clock == Hazard::Clock::spell ? cit_[c].spell_start : cit_[c].entered;
}

/// Schedules the earliest of c's competing hazards. Thresholds count from the hazard anchor
/// (state entry, the first simulated day for the initial stock, or the last change of rates),
/// so calling this again without a change of rates gives the same times. `skip_to` is a
/// destination not to schedule (blocked by a full slot).
void ArmRun::schedule_hazards(std::uint32_t c, int skip_to) {
  const NextHazard hazard = next_hazard(c, skip_to);
  note_sure_exit(c, hazard);
  push_hazard(c, hazard);
}

// Once per stay, on the hot path: kept inlined into start_state.
ArmRun::NextHazard ArmRun::next_hazard(std::uint32_t c, int skip_to) {
  NextHazard best;
  const auto& list = tables_->hazards_from[cit_[c].state];
  if (list.empty()) return best;
  const double t = cit_[c].hazard_anchor;
  const Model& m = active_model();
  const RandomStream stream = streams_.stream(stream_key(c), kHazard);
  for (std::size_t j = 0; j < list.size(); ++j) {
    const Transition& tr = m.transitions[list[j]];
    if (tr.to == skip_to) continue;
    const double threshold = plan_.keep_thresholds ? cols_.remaining[c * plan_.max_hazards + j] : stream.exponential(hazard_counter(cit_[c].entries, tr.to));
    const Hazard& h = tr.hazard_for(cit_[c].group);
    const double at = time_to_threshold(h, clock_origin(c, h), t, threshold, current_path(c, list[j], t));
    if (at < best.at) {
      best.at = at;
      best.to = tr.to;
    }
  }
  return best;
}

void ArmRun::push_hazard(std::uint32_t c, const NextHazard& hazard) {
  if (hazard.at < plan_.horizon && !after_sure_exit(c, hazard.at)) {
    queue_.push(hazard.at, kRelease, static_cast<std::uint16_t>(EventKind::hazard_exit), c, cit_[c].hazard_version, hazard.to);
  }
}

/// A hazard ends the stay for certain when nothing can move it (no change of rates during
/// the run, no rates that depend on being served by a pool) and its destination has no slot
/// that could be full.
void ArmRun::note_sure_exit(std::uint32_t c, const NextHazard& hazard) {
  if (hazard.at < plan_.horizon && hazards_fixed_ && active_model().states[hazard.to].slot == kNone) {
    cit_[c].sure_exit = std::min(cit_[c].sure_exit, hazard.at);
  }
}

/// Uses up the thresholds' consumed part up to t under the current rules (before a change).
void ArmRun::freeze_hazards(std::uint32_t c, double t) {
  const auto& list = tables_->hazards_from[cit_[c].state];
  const Model& m = active_model();
  for (std::size_t j = 0; j < list.size(); ++j) {
    const Transition& tr = m.transitions[list[j]];
    cols_.remaining[c * plan_.max_hazards + j] -=
        weighted_hazard_between(tr.hazard_for(cit_[c].group), clock_origin(c, tr.hazard_for(cit_[c].group)), cit_[c].hazard_anchor, t,
                                current_path(c, list[j], cit_[c].hazard_anchor));
  }
  cit_[c].hazard_anchor = t;
}

/// Re-targets the remaining thresholds from the current tables' hazard list to `next`'s,
/// matching by destination; a destination new in `next` gets its own (unused) draw.
void ArmRun::carry_thresholds(std::uint32_t c, const Tables& next) {
  const auto& old_list = tables_->hazards_from[cit_[c].state];
  const auto& new_list = next.hazards_from[cit_[c].state];
  std::vector<double> carried(new_list.size());
  const RandomStream stream = streams_.stream(stream_key(c), kHazard);
  for (std::size_t j = 0; j < new_list.size(); ++j) {
    const StateId to = next.model->transitions[new_list[j]].to;
    carried[j] = stream.exponential(hazard_counter(cit_[c].entries, to));
    for (std::size_t i = 0; i < old_list.size(); ++i) {
      if (tables_->model->transitions[old_list[i]].to == to) carried[j] = cols_.remaining[c * plan_.max_hazards + i];
    }
  }
  for (std::size_t j = 0; j < carried.size(); ++j) cols_.remaining[c * plan_.max_hazards + j] = carried[j];
}

void ArmRun::reschedule_hazards(std::uint32_t c) {
  ++cit_[c].hazard_version;
  schedule_hazards(c);
}

}  // namespace caseflow::model
