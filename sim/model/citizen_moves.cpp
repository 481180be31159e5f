/// @file citizen_moves.cpp
/// Citizens arrive, start a stay, move and leave: admission (initial stock and arrivals), the
/// start of a stay (programme end, hazard thresholds, meetings: the hazard is computed before the
/// meetings are booked and pushed after them, so either can spare the other an event; see
/// sure_exit in hazard_clock.cpp), a move (or joining a full slot's line, slots.cpp) and a
/// programme's routing. Owns Citizen::state, previous, entered, entries and the versions; calls
/// the ledger (accrue, self-support), meetings (leave and join tracks), slots and hazards.

#include "model/arm_run.hpp"

#include <algorithm>
#include <bit>

namespace caseflow::model {

void ArmRun::admit_citizen(std::uint32_t c, std::uint16_t group, StateId state, double t, double elapsed) {
  cit_[c].active = 1;
  cit_[c].group = group;
  const State& st = active_model().states[state];
  cit_[c].entered = t - elapsed;
  cit_[c].spell_start = t - elapsed;
  if (plan_.has_benefits) cols_.refund_clock[c] = benefit_of(state, group) != kNone ? elapsed : 0.0;
  cit_[c].accrued_until = t;
  if (plan_.has_participants) cols_.participation_until[c] = t;
  cit_[c].previous = plan_.default_return_state;
  if (st.self_supporting && plan_.has_benefits) cols_.self_support_since[c] = t - elapsed;
  cit_[c].state = state;
  if (plan_.keeps_ledger) note_admission(c, state, t);
  if (plan_.has_receipts && arm_active_) receipts_.enter(c, state, t);
  if (plan_.cap > 0 && state >= plan_.base_state_total) admit_to_intervention(c, t, false);  // room permitting
  if (spells_.on()) record_spell(c, t, t - elapsed);
  ++counts_[state];
  if (st.slot != kNone) ++slots_[st.slot].occupied;
  start_state(c, t, elapsed);
}

void ArmRun::on_arrival(std::uint32_t index) {
  const Arrival& a = arrivals_[index];
  // The entry of the rules in force (an arm may change where a source's arrivals go).
  const auto& [base_entry, arm_entry] = source_inflow_[a.source];
  const Inflow& source = arm_active_ && arm_entry != nullptr ? *arm_entry : base_entry != nullptr ? *base_entry : *arm_entry;
  const auto c = sources_[a.source].first_id + a.index;
  cit_[c].source = static_cast<std::uint16_t>(a.source);
  set_age(c, source.age_years, now_);
  admit_citizen(c, static_cast<std::uint16_t>(source.group), source.state, now_, 0.0);
  const int y = year_of(now_);
  if (y >= 0) result_.arrivals[static_cast<std::size_t>(y) * plan_.state_count + source.state] += 1.0;
  if (index + 1 < arrivals_.size()) {
    queue_.push(arrivals_[index + 1].time, kArrival, static_cast<std::uint16_t>(EventKind::arrival), index + 1);
  }
}

/// Schedules what a fresh stay in the current state needs: programme end, hazards, meetings.
/// `elapsed` > 0 only for the initial stock (time already spent in the state).
void ArmRun::start_state(std::uint32_t c, double t, double elapsed) {
  Citizen& me = cit_[c];
  ++me.entries;
  me.sure_exit = kInfinity;
  const State& st = active_model().states[me.state];
  if (st.is_programme()) {
    const RandomStream stream = streams_.stream(stream_key(c), kDuration);
    const double duration = std::max(0.0, engine::quantile(*st.duration, stream.uniform(me.entries)));
    const double end = t + std::max(0.0, duration - elapsed);
    queue_.push(end, kRelease, static_cast<std::uint16_t>(EventKind::programme_end), c, me.version);
    // A programme with exits always ends the stay (if the routed-to state is full, the
    // citizen goes back where it came from).
    if (!st.exits.empty() && options_.skip_needless_events) me.sure_exit = end;
  }
  me.hazard_anchor = t;
  if (plan_.keep_thresholds) {
    const RandomStream stream = streams_.stream(stream_key(c), kHazard);
    const auto& list = tables_->hazards_from[me.state];
    for (std::size_t j = 0; j < list.size(); ++j) {
      cols_.remaining[c * plan_.max_hazards + j] = stream.exponential(hazard_counter(cit_[c].entries, active_model().transitions[list[j]].to));
    }
  }
  // The hazard is known before the meetings are booked and pushed after them, so that either
  // can spare the other an event that could only turn stale (see sure_exit).
  const std::uint32_t version = me.hazard_version;
  const NextHazard hazard = next_hazard(c);
  note_sure_exit(c, hazard);
  join_tracks(c, t);
  if (me.hazard_version == version) push_hazard(c, hazard);
  if (!clock_counts_.empty()) count_benefit_clocks(c, t, elapsed);
}

/// Moves citizen c to `to` now, or queues it if `to` needs a slot and none is free.
/// Returns true if the state changed.
bool ArmRun::move(std::uint32_t c, StateId to) {
  if (cap_blocks(c, to)) return false;
  const State& target = active_model().states[to];
  if (target.slot != kNone && to != cit_[c].state) {
    SlotRuntime& slot = slots_[target.slot];
    if (slot.occupied >= capacity_of_slot(target.slot)) {
      // A closed slot (no places: an added slot after the arm's end) takes nobody and keeps
      // no waiting line.
      if (capacity_of_slot(target.slot) == 0) return false;
      if (cols_.waiting_slot[c] != target.slot) {
        leave_slot_queue(c);
        touch_slot(target.slot);
        begin_wait(slot_resource(target.slot), now_, true);
        cols_.waiting_slot[c] = static_cast<std::int16_t>(target.slot);
        cols_.waiting_target[c] = to;
        cols_.wait_since[c] = now_;
        ++slot.waiting;
        slot.queue.push_back(Waiter{c, cit_[c].version});
      }
      return false;
    }
  }
  change_state(c, to);
  return true;
}

void ArmRun::change_state(std::uint32_t c, StateId to) {
  Citizen& me = cit_[c];
  const double t = now_;
  accrue(c, t);
  const StateId from = me.state;
  const Model& m = active_model();
  const State& old_state = m.states[from];
  const State& new_state = m.states[to];
  // Into a slot state without waiting (from the slot's line the join was counted then).
  if (new_state.slot != kNone && !(plan_.has_slots && cols_.waiting_slot[c] == new_state.slot)) join_at_once(slot_resource(new_state.slot), t);
  leave_tracks(c, t);
  leave_slot_queue(c);
  ++me.version;
  ++me.hazard_version;
  // Previous state, for `return` routing out of programmes.
  if (new_state.is_programme() && !old_state.is_programme()) me.previous = from;
  // Benefit spell and self-support bookkeeping.
  if (old_state.self_supporting && !new_state.self_supporting) {
    end_self_support(c, t);
    me.spell_start = t;
  }
  if (!old_state.self_supporting && new_state.self_supporting) {
    if (plan_.has_benefits) cols_.self_support_since[c] = t;
    if (t_in_horizon(t)) {
      ++result_.exits_to_self_support;
      if (plan_.has_participants && cols_.first_treated[c] <= t) cols_.left_after_treatment[c] = 1;
    }
    if (plan_.record_deadweight && t < plan_.horizon) result_.last_self_support_entry[c] = static_cast<float>(t);
    if (!cols_.in_cohort.empty() && cols_.in_cohort[c]) record_cohort_exit(c, t);
  }
  --counts_[from];
  ++counts_[to];
  me.state = to;
  if (plan_.has_receipts) note_receipt_of_state(c, from, to, t);
  if (plan_.keeps_ledger) note_state_change(c, old_state.self_supporting != new_state.self_supporting, to, t);
  if (options_.trace_citizens) {
    result_.citizen_trajectories[c] = engine::mix64(result_.citizen_trajectories[c] ^ (std::bit_cast<std::uint64_t>(t) + to));
  }
  me.entered = t;
  if (spells_.on()) record_spell(c, t, t);
  if (t_in_horizon(t)) flow(t, from, to);
  if (new_state.slot != kNone) {
    touch_slot(new_state.slot);
    ++slots_[new_state.slot].occupied;
  }
  start_state(c, t, 0.0);
  if (old_state.slot != kNone) {
    touch_slot(old_state.slot);
    --slots_[old_state.slot].occupied;
    admit_from_slot_queue(old_state.slot);
  }
}

void ArmRun::on_programme_end(std::uint32_t c) {
  const State& st = active_model().states[cit_[c].state];
  const RandomStream stream = streams_.stream(stream_key(c), kRouting);
  double u = stream.uniform(cit_[c].entries);
  const ProgrammeExit* chosen = st.exits.empty() ? nullptr : &st.exits.back();
  for (const auto& exit : st.exits) {
    if (u < exit.probability) {
      chosen = &exit;
      break;
    }
    u -= exit.probability;
  }
  if (chosen == nullptr) return;
  const StateId back = cit_[c].previous;
  const StateId to = chosen->to_return ? back : static_cast<StateId>(chosen->to);
  if (cap_blocks(c, to)) {
    // The capped intervention is full: back to where the citizen came from.
    if (back != cit_[c].state) change_state(c, back);
    return;
  }
  if (!move(c, to)) {
    // The routed-to state is full: go back to where the citizen came from and wait there.
    const std::int16_t queued = cols_.waiting_slot[c];
    const StateId target = cols_.waiting_target[c];
    const double since = cols_.wait_since[c];
    if (back != cit_[c].state) change_state(c, back);
    if (queued != -1 && cols_.waiting_slot[c] == -1) {
      // change_state cleared the queue entry; re-join at the back with the new version.
      cols_.waiting_slot[c] = queued;
      cols_.waiting_target[c] = target;
      cols_.wait_since[c] = since;
      touch_slot(queued);
      ++slots_[queued].waiting;
      slots_[queued].queue.push_back(Waiter{c, cit_[c].version});
    }
  }
}

/// `run --trace`: c begins a spell in its current state at t (after the refund clock is brought
/// up to t and, on leaving self-support, restarted if it restarts).
void ArmRun::record_spell(std::uint32_t c, double t, double entered) {
  const CitizenSource& source = sources_[cit_[c].source];
  if (!spells_.wants(c - source.first_id)) return;
  spells_.begin(c, cit_[c].source, cit_[c].group, cit_[c].state, t, plan_.has_benefits ? cols_.refund_clock[c] : 0.0, entered);
}

}  // namespace caseflow::model
