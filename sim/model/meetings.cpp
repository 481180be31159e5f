/// @file meetings.cpp
/// Meeting tracks and pools: joining and leaving tracks (eligibility by spell length, checked
/// when a window opens or closes), pools' caseloads and waiting lines, meetings and their
/// outcomes, and staffing changes (a pool without staff does not exist; booked meetings are
/// re-planned by old / new capacity). The idle-meeting skip lives in book_next_meeting: where
/// the run plan marks a track (Tables::skips_idle_meetings), the meetings that would move
/// nobody are passed over with the same draws and times, and only the first that moves the
/// citizen becomes an event (sim/README.md, "Events that are left out"). Owns the per-track
/// records (CitizenColumns::tracks, track_wait_since) and PoolRuntime's staff, caseload and
/// line; books statistics through queue_stats.cpp and freezes hazards (hazard_clock.cpp) where
/// being served changes rates.

#include "model/arm_run.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace caseflow::model {

std::int64_t ArmRun::pool_capacity(int p) const {
  const Model& m = active_model();
  if (p >= static_cast<int>(m.pools.size()) || m.pools[p].caseload_per_fte <= 0.0) return std::numeric_limits<std::int64_t>::max();
  return static_cast<std::int64_t>(std::floor(pools_[p].fte * m.pools[p].caseload_per_fte + 1e-9));
}

double ArmRun::meeting_interval(const MeetingTrack& track) const {
  if (track.pool == kNone) return track.interval_min;
  const Pool& pool = active_model().pools[track.pool];
  const double throughput = pools_[track.pool].fte * pool.meetings_per_fte_week;
  if (throughput <= 0.0) return track.interval_max;
  const double interval = static_cast<double>(pools_[track.pool].served) / throughput;
  return std::clamp(interval, track.interval_min, track.interval_max);
}

/// Puts c on every track of its state that it is eligible for now, and schedules checks for
/// when eligibility by spell length begins or ends.
void ArmRun::join_tracks(std::uint32_t c, double t) {
  if (plan_.track_count == 0) return;
  for (int k : tables_->tracks_in[cit_[c].state]) {
    const std::size_t at = slot_of(c, k);
    cols_.tracks[at].meeting_index = 0;
    consider_track(c, k, t);
  }
}

/// Whether c may be on track k at time t (the state is one of the track's).
bool ArmRun::eligible_for_track(std::uint32_t c, int k, double t) const {
  return matches(active_model().meetings[k].eligible, c, t);
}

void ArmRun::consider_track(std::uint32_t c, int k, double t) {
  Citizen& me = cit_[c];
  const MeetingTrack& track = active_model().meetings[k];
  if (track.max_per_citizen > 0 && meetings_held_[slot_of(c, k)] >= static_cast<std::uint32_t>(track.max_per_citizen)) return;
  const Filter& f = track.eligible;
  const bool group_ok = f.groups.empty() || contains(f.groups, me.group);
  const bool state_ok = f.states.empty() || contains(f.states, me.state);
  if (!group_ok || !state_ok) return;
  const auto [open, close] = filter_window(f, c);
  if (t < open) {
    if (std::isfinite(open)) schedule_track_check(c, k, open);
    return;
  }
  if (!eligible_for_track(c, k, t)) return;
  if (std::isfinite(close)) schedule_track_check(c, k, close);
  if (plan_.cap > 0 && k >= plan_.base_track_count && !admit_to_intervention(c, t, true)) return;  // the capped intervention is full
  const std::size_t at = slot_of(c, k);
  if (track.pool == kNone) {
    if (plan_.has_participants) flush_participation(c, t);  // membership changes: book the weeks before
    cols_.tracks[at].status = kServed;
    book_meeting_unless_booked(c, k, t);
    return;
  }
  PoolRuntime& pool = pools_[track.pool];
  // A pool without staff does not exist (an added pool after the arm's end, a staffing change
  // to 0): nobody is served or waits; on_staff_change lets the eligible join when staff come.
  if (pool.fte <= 0.0) return;
  touch_pool(track.pool);
  if (pool.served < pool_capacity(track.pool)) {
    assign_to_pool(c, k, t);
    if (!rebuilding_pools_) join_at_once(track.pool, t);
  } else {
    cols_.tracks[at].status = kWaiting;
    cols_.track_wait_since[at] = t;
    ++pool.waiting;
    pool.queue.push_back(Waiter{c, me.version, static_cast<std::uint16_t>(k)});
    if (!rebuilding_pools_) begin_wait(track.pool, t, true);
  }
}

/// A check of c's eligibility for track k when a spell-length window opens or closes.
void ArmRun::schedule_track_check(std::uint32_t c, int k, double at) {
  if (after_sure_exit(c, at)) return;
  queue_.push(at, kCheck, static_cast<std::uint16_t>(EventKind::track_check), c, cit_[c].version, static_cast<std::uint16_t>(k));
}

void ArmRun::assign_to_pool(std::uint32_t c, int k, double t) {
  const MeetingTrack& track = active_model().meetings[k];
  const std::size_t at = slot_of(c, k);
  if (plan_.service_changes_hazards) freeze_hazards(c, t);
  if (plan_.has_participants) flush_participation(c, t);  // membership changes: book the weeks before
  cols_.tracks[at].status = kServed;
  ++pools_[track.pool].served;
  if (plan_.records_participation) note_pool_place(c, track.pool, t);
  book_meeting_unless_booked(c, k, t);
  if (plan_.service_changes_hazards) reschedule_hazards(c);
}

/// Keeps a meeting already booked (when the arm switches on or off the schedule goes on);
/// otherwise books the next one an interval from now.
void ArmRun::book_meeting_unless_booked(std::uint32_t c, int k, double t) {
  const double booked = cols_.tracks[slot_of(c, k)].next_meeting;
  if (booked > t && std::isfinite(booked)) return;
  book_next_meeting(c, k, t);
}

void ArmRun::schedule_meeting(std::uint32_t c, int k, double at) {
  cols_.tracks[slot_of(c, k)].next_meeting = at;
  if (at < plan_.horizon && !after_sure_exit(c, at)) {
    queue_.push(at, kMeeting, static_cast<std::uint16_t>(EventKind::meeting), c, cit_[c].version, static_cast<std::uint16_t>(k));
  }
}

void ArmRun::leave_track(std::uint32_t c, int k, double t, bool admit_next) {
  const std::size_t at = slot_of(c, k);
  if (!cols_.pending_meeting.empty()) confirm_pending_meeting(c, k, t);
  const std::uint8_t status = cols_.tracks[at].status;
  if (status == kOff) return;
  if (plan_.has_participants) flush_participation(c, t);  // membership changes: book the weeks before
  cols_.tracks[at].status = kOff;
  cols_.tracks[at].next_meeting = kInfinity;
  const int p = active_model().meetings[k].pool;
  if (p == kNone) return;
  touch_pool(p);
  if (status == kWaiting) {
    --pools_[p].waiting;
    end_wait(p, t - cols_.track_wait_since[at]);
    return;
  }
  --pools_[p].served;
  if (admit_next) admit_from_pool_queue(p, t);
}

void ArmRun::leave_tracks(std::uint32_t c, double t) {
  if (plan_.track_count == 0) return;
  for (int k : tables_->tracks_in[cit_[c].state]) leave_track(c, k, t, true);
}

void ArmRun::admit_from_pool_queue(int p, double t) {
  PoolRuntime& pool = pools_[p];
  while (pool.served < pool_capacity(p) && !pool.queue.empty()) {
    const Waiter w = pool.queue.front();
    pool.queue.pop_front();
    const int k = w.track;
    const std::size_t at = slot_of(w.citizen, k);
    if (w.version != cit_[w.citizen].version || cols_.tracks[at].status != kWaiting) continue;
    touch_pool(p);
    --pool.waiting;
    end_wait(p, t - cols_.track_wait_since[at]);
    assign_to_pool(w.citizen, k, t);
  }
}

void ArmRun::on_meeting(std::uint32_t c, int k) {
  const double t = now_;
  if (plan_.records_participation && plan_.participation_track[k]) participate(c, t);
  const MeetingTrack& track = active_model().meetings[k];
  if (track.pool != kNone) {
    const int y = year_of(t);
    if (y >= 0) result_.resource(y, track.pool).meetings += 1.0;
  }
  const RandomStream stream = streams_.stream(stream_key(c), kMeetingOutcome);
  const int to = meeting_destination(c, k, t, meeting_draw(stream, c, k, cols_.tracks[slot_of(c, k)].meeting_index++));
  meeting_moved_nobody_ = to == kNone;  // a meeting the baseline's own run passes over (fork.cpp)
  // A receipt (the effects that follow the citizen hold from now on) re-times its hazards.
  const bool receipt = arm_active_ && receipts_.on_track(k);
  if (receipt) {
    freeze_hazards(c, t);
    receipts_.meeting(c, k, t);
  }
  const bool last = track.max_per_citizen > 0 && ++meetings_held_[slot_of(c, k)] >= static_cast<std::uint32_t>(track.max_per_citizen);
  if (to != kNone && move(c, static_cast<StateId>(to))) return;  // the new state books its own meetings
  if (receipt) reschedule_hazards(c);
  // A one-off track ends with its last meeting.
  if (last) {
    end_track_now(c, k, t);
    return;
  }
  // Nobody moved, or the citizen is queued for a slot: meetings go on meanwhile.
  book_next_meeting(c, k, t);
}

/// Where a meeting of track k held at t with draw u sends c (kNone: nowhere).
int ArmRun::meeting_destination(std::uint32_t c, int k, double t, double u) const {
  const auto& outcomes = tables_->outcomes(k, cit_[c].state);
  if (!outcome_effects_apply(k)) return first_outcome(outcomes, u);
  for (const MeetingOutcome& outcome : outcomes) {
    const double p = outcome.probability * outcome_multiplier(c, k, outcome.to, t);
    if (u < p) return outcome.to;
    u -= p;
  }
  return kNone;
}

/// The outcome a draw u picks when no effect scales the probabilities (the same sums as with
/// multipliers of 1).
int ArmRun::first_outcome(const std::vector<MeetingOutcome>& outcomes, double u) {
  for (const MeetingOutcome& outcome : outcomes) {
    if (u < outcome.probability) return outcome.to;
    u -= outcome.probability;
  }
  return kNone;
}

/// Books the meeting after one held at t. Where idle meetings need no event, the meetings that
/// would move nobody are passed over here, with the same draws and times as holding them, and
/// only the first that moves the citizen is booked; the search stops at the stay's sure exit,
/// after which no meeting would be held (sim/README.md, "Events that are left out").
void ArmRun::book_next_meeting(std::uint32_t c, int k, double t) {
  const MeetingTrack& track = active_model().meetings[k];
  const double interval = meeting_interval(track);
  double at = t + interval;
  if (!cols_.pending_meeting.empty() && tables_->skips_idle_meetings[k]) note_pending_meeting(c, k, at);
  if (tables_->skips_idle_meetings[k]) {
    TrackSlot& slot = cols_.tracks[slot_of(c, k)];
    const RandomStream stream = streams_.stream(stream_key(c), kMeetingOutcome);
    std::uint32_t index = slot.meeting_index;
    int to = kNone;
    if (outcome_effects_apply(k)) {
      while (at < plan_.horizon && !after_sure_exit(c, at) && (to = meeting_destination(c, k, at, meeting_draw(stream, c, k, index))) == kNone) {
        ++index;
        at += interval;
      }
    } else {
      // The hot loop of a caseload model: the draws of the coming meetings, one by one.
      const auto& outcomes = tables_->outcomes(k, cit_[c].state);
      const std::uint64_t stay = meeting_counter(cit_[c].entries, k, 0);
      while (at < plan_.horizon && !after_sure_exit(c, at) && (to = first_outcome(outcomes, stream.uniform(stay | index))) == kNone) {
        ++index;
        at += interval;
      }
    }
    slot.meeting_index = index;
    // This meeting ends the stay for certain if its destination has no slot that could be
    // full and the track's spell window is still open then.
    if (to != kNone && active_model().states[to].slot == kNone && at < filter_window(track.eligible, c).second) {
      schedule_meeting(c, k, at);
      cit_[c].sure_exit = std::min(cit_[c].sure_exit, at);
      return;
    }
  }
  schedule_meeting(c, k, at);
}

double ArmRun::outcome_multiplier(std::uint32_t c, int k, StateId outcome, double t) const {
  if (!arm_active_ && !plan_.has_after_effects) return 1.0;
  double m = 1.0;
  for (std::size_t i = 0; i < arm_.effects.size(); ++i) {
    const Effect& e = arm_.effects[i];
    if (e.kind != Effect::Kind::meeting_outcome || e.meeting != k || e.outcome != outcome) continue;
    const double w = effect_weight(static_cast<int>(i), c, t, arm_active_, false);
    if (w > 0.0) m *= EffectFade::scaled(e.multiplier, w);
  }
  return m;
}

void ArmRun::on_track_check(std::uint32_t c, int k) {
  const double t = now_;
  const std::size_t at = slot_of(c, k);
  if (k >= static_cast<int>(active_model().meetings.size()) || !contains(tables_->tracks_in[cit_[c].state], k)) return;
  const bool on_track = cols_.tracks[at].status != kOff;
  const bool eligible = eligible_for_track(c, k, t);
  if (on_track && !eligible) {
    end_track_now(c, k, t);  // the spell window has closed
  } else if (!on_track && eligible) {
    consider_track(c, k, t);
  }
}

/// A staffing change; each applies only while its rules are the active ones.
void ArmRun::on_staff_change(const StaffChange& change) {
  const bool arm_model_active = arm_active_ && !plan_.is_baseline;
  if ((change.rules == StaffRules::arm) != arm_model_active) return;
  const Model& m = active_model();
  const int p = change.pool;
  if (p >= static_cast<int>(m.pools.size())) return;
  touch_pool(p);
  const double before = pools_[p].fte;
  pools_[p].fte = m.pools[p].fte_schedule[change.step].second;
  if (before > 0.0 && pools_[p].fte <= 0.0) close_pool(p);
  if (before <= 0.0 && pools_[p].fte > 0.0) open_pool(p);
  replan_meetings(p, before);
  admit_from_pool_queue(p, now_);
}

/// Pool p lost its last staff: it no longer exists, so those served leave its tracks and
/// those waiting stop waiting (consider_track lets nobody join a pool without staff).
void ArmRun::close_pool(int p) {
  const std::size_t n = cit_.size();
  for (std::uint32_t c = 0; c < n; ++c) {
    if (!cit_[c].active) continue;
    for (int k : tables_->tracks_in[cit_[c].state]) {
      if (active_model().meetings[k].pool != p || cols_.tracks[slot_of(c, k)].status == kOff) continue;
      const bool served = cols_.tracks[slot_of(c, k)].status == kServed;
      if (plan_.service_changes_hazards && served) freeze_hazards(c, now_);
      leave_track(c, k, now_, false);
      if (plan_.service_changes_hazards && served) reschedule_hazards(c);
    }
  }
  pools_[p].queue.clear();
}

/// Pool p has staff again: the citizens eligible for its tracks join (in id order).
void ArmRun::open_pool(int p) {
  const std::size_t n = cit_.size();
  for (std::uint32_t c = 0; c < n; ++c) {
    if (!cit_[c].active) continue;
    for (int k : tables_->tracks_in[cit_[c].state]) {
      if (active_model().meetings[k].pool == p && cols_.tracks[slot_of(c, k)].status == kOff) consider_track(c, k, now_);
    }
  }
}

/// After pool p's staffing changed from `fte_before`: the team re-plans its calendar, so the
/// time left to each booked meeting scales with old / new capacity (within the track's
/// longest interval).
void ArmRun::replan_meetings(int p, double fte_before) {
  const double after = pools_[p].fte;
  if (after == fte_before || after <= 0.0 || fte_before <= 0.0 || plan_.track_count == 0) return;
  const double factor = fte_before / after;
  const Model& m = active_model();
  const std::size_t n = cit_.size();
  for (int k = 0; k < static_cast<int>(m.meetings.size()); ++k) {
    if (m.meetings[k].pool != p) continue;
    for (std::uint32_t c = 0; c < n; ++c) {
      const std::size_t at = slot_of(c, k);
      if (cols_.tracks[at].status != kServed || !std::isfinite(cols_.tracks[at].next_meeting)) continue;
      const double left = std::min((cols_.tracks[at].next_meeting - now_) * factor, m.meetings[k].interval_max);
      schedule_meeting(c, k, now_ + left);
    }
  }
}

}  // namespace caseflow::model
