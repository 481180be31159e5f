/// @file arm_switch.cpp
/// The intervention starts or ends mid-run (sim/README.md, "Interventions over time"): only
/// citizens whose rules differ are touched (bookings up to now, hazard thresholds carried over),
/// pools are re-seated with the citizens already served first and the waiting lines in their
/// old order, joins and waits are counted as the citizens see them, and slots the new rules
/// close drop their lines. Changes which tables are in force (tables_, arm_active_); calls the
/// other processes for everything else.

#include "model/arm_run.hpp"

#include <cmath>
#include <vector>

namespace caseflow::model {

/// The intervention starts or ends. Citizens whose rules differ between the two models are
/// re-evaluated (hazard thresholds carried over, so their draws stay aligned); everyone else is
/// left exactly as they are, so a null intervention reproduces the baseline bit for bit. Pools
/// are rebuilt with the citizens served first and the waiting lines in their old order.
void ArmRun::switch_model() {
  const double t = now_;
  const std::size_t n = cit_.size();
  const Tables& next = arm_active_ ? plan_.after_tables : plan_.arm_tables;
  const bool next_active = !arm_active_;
  std::vector<std::uint8_t> changes(n, 0);
  // Citizens in a state whose stays are receipts receive it from the start on.
  for (std::uint32_t c = 0; c < n && next_active && plan_.has_receipts; ++c) {
    if (cit_[c].active) receipts_.enter(c, cit_[c].state, t);
  }
  for (std::uint32_t c = 0; c < n; ++c) {
    if (!cit_[c].active) continue;
    if (plan_.has_participants) flush_participation(c, t);
    if (booking_differs(c, next)) accrue(c, t);
    if (hazards_differ(c, next, next_active)) {
      changes[c] = 1;
      freeze_hazards(c, t);
    }
  }
  for (std::size_t p = 0; p < pools_.size(); ++p) touch_pool(static_cast<int>(p));
  for (std::size_t s = 0; s < slots_.size(); ++s) touch_slot(static_cast<int>(s));
  const std::vector<std::uint32_t> rejoin_order = take_everyone_off_tracks();
  for (std::uint32_t c = 0; c < n; ++c) {
    if (changes[c]) carry_thresholds(c, next);
  }
  arm_active_ = next_active;
  tables_ = &next;
  note_changed_states_at_start(t);
  // The last switch: from now on nothing but a change of state moves a scheduled hazard.
  if (arm_active_ && plan_.hazards_fixed_after_start) hazards_fixed_ = true;
  reseat_pools(rejoin_order, t);
  // Tracks that no longer exist: forget their booked meetings.
  for (std::uint32_t c = 0; c < n && plan_.track_count > 0; ++c) {
    for (int k = 0; k < plan_.track_count; ++k) {
      const std::size_t at = slot_of(c, k);
      if (cols_.tracks[at].status == kOff) cols_.tracks[at].next_meeting = kInfinity;
    }
  }
  for (std::uint32_t c = 0; c < n; ++c) {
    if (changes[c]) reschedule_hazards(c);
  }
  // A slot the new rules close (an added slot after the arm's end) keeps no waiting line.
  for (std::uint32_t c = 0; c < n && plan_.has_slots; ++c) {
    if (cols_.waiting_slot[c] != -1 && capacity_of_slot(cols_.waiting_slot[c]) == 0) leave_slot_queue(c);
  }
  for (std::size_t s = 0; s < slots_.size(); ++s) admit_from_slot_queue(static_cast<int>(s));
}

/// Before the switch: who was served (id order), who waited (queue order) and everyone else
/// active (id order), the order in which they rejoin the tracks; each citizen-track's place
/// and each track's pool are kept for count_reseated, and everyone is taken off the tracks.
std::vector<std::uint32_t> ArmRun::take_everyone_off_tracks() {
  const std::size_t n = cit_.size();
  std::vector<std::uint32_t> rejoin_order;
  std::vector<std::uint8_t> queued(n, 0);
  if (plan_.track_count > 0) {
    for (std::uint32_t c = 0; c < n; ++c) {
      bool was_served = false;
      for (int k = 0; k < plan_.track_count && cit_[c].active; ++k) was_served = was_served || cols_.tracks[slot_of(c, k)].status == kServed;
      if (was_served) {
        rejoin_order.push_back(c);
        queued[c] = 1;
      }
    }
    for (const auto& pool : pools_) {
      for (const Waiter& w : pool.queue) {
        const std::size_t at = slot_of(w.citizen, w.track);
        if (w.version == cit_[w.citizen].version && cols_.tracks[at].status == kWaiting && !queued[w.citizen]) {
          rejoin_order.push_back(w.citizen);
          queued[w.citizen] = 1;
        }
      }
    }
    for (std::uint32_t c = 0; c < n; ++c) {
      if (cit_[c].active && !queued[c]) rejoin_order.push_back(c);
    }
    // Each citizen's place on each track before the switch, for the joins and waits.
    prior_status_.assign(n * static_cast<std::size_t>(plan_.track_count), kOff);
    prior_pool_.assign(static_cast<std::size_t>(plan_.track_count), kNone);
    prior_wait_since_ = cols_.track_wait_since;
    for (int k = 0; k < plan_.track_count && k < static_cast<int>(active_model().meetings.size()); ++k) prior_pool_[k] = active_model().meetings[k].pool;
    for (std::uint32_t c = 0; c < n; ++c) {
      for (int k = 0; k < plan_.track_count && cit_[c].active; ++k) {
        const std::size_t at = slot_of(c, k);
        prior_status_[at] = cols_.tracks[at].status;
        if (cols_.tracks[at].status == kWaiting) cols_.tracks[at].next_meeting = kInfinity;
        cols_.tracks[at].status = kOff;
      }
    }
  }
  return rejoin_order;
}

/// After the switch: the pools get the new rules' staff and are filled again in `order`
/// (consider_track under the new tables), joins and waits are counted as the citizens see
/// them, and booked meetings are re-planned for the change of staff.
void ArmRun::reseat_pools(const std::vector<std::uint32_t>& order, double t) {
  const Model& m = active_model();
  std::vector<double> fte_before(pools_.size());
  for (std::size_t p = 0; p < pools_.size(); ++p) {
    fte_before[p] = pools_[p].fte;
    pools_[p].fte = p < m.pools.size() ? fte_at(m.pools[p], t) : 0.0;
    pools_[p].served = 0;
    pools_[p].waiting = 0;
    pools_[p].queue.clear();
  }
  rebuilding_pools_ = true;
  for (std::uint32_t c : order) {
    for (int k : tables_->tracks_in[cit_[c].state]) consider_track(c, k, t);
  }
  rebuilding_pools_ = false;
  count_reseated(t);
  for (std::size_t p = 0; p < pools_.size(); ++p) replan_meetings(static_cast<int>(p), fte_before[p]);
}

/// After switch_model re-seated the pools: joins and waits as seen by the citizens. A wait that
/// goes on in the same pool keeps its start; one that ends (served now, or the track or pool
/// is gone) ends now; a citizen new to a pool joins it now.
void ArmRun::count_reseated(double t) {
  const std::size_t n = cit_.size();
  const Model& m = active_model();
  for (std::uint32_t c = 0; c < n && plan_.track_count > 0; ++c) {
    if (!cit_[c].active) continue;
    for (int k = 0; k < plan_.track_count; ++k) {
      const std::size_t at = slot_of(c, k);
      const std::uint8_t before = prior_status_[at], after = cols_.tracks[at].status;
      const int old_pool = prior_pool_[k];
      const int new_pool = k < static_cast<int>(m.meetings.size()) ? m.meetings[k].pool : kNone;
      const bool same_pool = old_pool == new_pool && old_pool != kNone;
      if (before == kWaiting && after == kWaiting && same_pool) {
        cols_.track_wait_since[at] = prior_wait_since_[at];
        continue;
      }
      if (before == kWaiting && old_pool != kNone) end_wait(old_pool, t - prior_wait_since_[at]);
      if (new_pool == kNone || after == kOff) continue;
      const bool joins = before == kOff || !same_pool;
      if (after == kWaiting) {
        begin_wait(new_pool, t, joins);
      } else if (joins) {
        join_at_once(new_pool, t);
      }
    }
  }
}

/// Whether c's benefit or programme cost differs between the active model and `next`.
bool ArmRun::booking_differs(std::uint32_t c, const Tables& next) const {
  const State& a = active_model().states[cit_[c].state];
  const State& b = next.model->states[cit_[c].state];
  return benefit_in(active_model(), cit_[c].state, cit_[c].group) != benefit_in(*next.model, cit_[c].state, cit_[c].group) ||
         a.cost_per_week != b.cost_per_week;
}

/// Whether c's competing hazards (destinations, hazard functions or multipliers) differ
/// between the active rules and `next` (with the arm's effects on when `next_active`).
bool ArmRun::hazards_differ(std::uint32_t c, const Tables& next, bool next_active) const {
  const auto& old_list = tables_->hazards_from[cit_[c].state];
  const auto& new_list = next.hazards_from[cit_[c].state];
  if (old_list.size() != new_list.size()) return true;
  for (std::size_t j = 0; j < old_list.size(); ++j) {
    const Transition& a = tables_->model->transitions[old_list[j]];
    const Transition& b = next.model->transitions[new_list[j]];
    if (a.to != b.to || !(a.hazard_for(cit_[c].group) == b.hazard_for(cit_[c].group))) return true;
    // Without effects on either side both paths are the unit path from now (nothing to build).
    if (tables_->effects_on_transition[old_list[j]].empty() && next.effects_on_transition[new_list[j]].empty()) continue;
    const MultiplierPath pa = multiplier_path(c, old_list[j], now_, *tables_, arm_active_);
    const MultiplierPath pb = multiplier_path(c, new_list[j], now_, next, next_active);
    if (pa.begin != pb.begin || pa.value != pb.value) return true;
  }
  return false;
}

}  // namespace caseflow::model
