/// @file queue_stats.cpp
/// Queue statistics per resource and budget year (queues.csv; sim/README.md, "Capacity"):
/// areas under the waiting, served and capacity curves (booked whenever a pool or slot is
/// touched), joins, waits begun and ended, and the waits still going at the horizon. Writes only
/// ArmResult::resource_years and the resources' last_touch; reads the pools, slots and waits.

#include "model/arm_run.hpp"

namespace caseflow::model {

void ArmRun::touch_pool(int p) {
  PoolRuntime& pool = pools_[p];
  const double from = pool.last_touch;
  if (now_ <= from) return;
  pool.last_touch = now_;
  const Model& m = active_model();
  const double cap = m.pools.size() > static_cast<std::size_t>(p) && m.pools[p].caseload_per_fte > 0.0
                         ? static_cast<double>(pool_capacity(p))
                         : 0.0;
  const double throughput = p < static_cast<int>(m.pools.size()) ? pool.fte * m.pools[p].meetings_per_fte_week : 0.0;
  const bool open = pool.fte > 0.0;
  plan_.years.split(from, now_, [&](int y, double lo, double hi) {
    ResourceYear& r = result_.resource(y, p);
    r.waiting_area += static_cast<double>(pool.waiting) * (hi - lo);
    r.busy_area += static_cast<double>(pool.served) * (hi - lo);
    r.capacity_area += cap * (hi - lo);
    r.meeting_capacity += throughput * (hi - lo);
    if (open) {
      r.open_weeks += hi - lo;
      r.open_busy_area += static_cast<double>(pool.served) * (hi - lo);
    }
  });
}

void ArmRun::touch_slot(int s) {
  SlotRuntime& slot = slots_[s];
  const double from = slot.last_touch;
  if (now_ <= from) return;
  slot.last_touch = now_;
  const double cap = static_cast<double>(capacity_of_slot(s));
  const int r_index = slot_resource(s);
  plan_.years.split(from, now_, [&](int y, double lo, double hi) {
    ResourceYear& r = result_.resource(y, r_index);
    r.waiting_area += static_cast<double>(slot.waiting) * (hi - lo);
    r.busy_area += static_cast<double>(slot.occupied) * (hi - lo);
    r.capacity_area += cap * (hi - lo);
    if (cap > 0.0) {
      r.open_weeks += hi - lo;
      r.open_busy_area += static_cast<double>(slot.occupied) * (hi - lo);
    }
  });
}

/// A citizen joins a resource at t and gets its place or caseworker at once.
void ArmRun::join_at_once(int resource, double t) {
  const int y = year_of(t);
  if (y >= 0) result_.resource(y, resource).joined += 1.0;
}

/// A citizen starts waiting for a place at t: `joins` unless it had joined before (it lost
/// its place when the rules switched).
void ArmRun::begin_wait(int resource, double t, bool joins) {
  const int y = year_of(t);
  if (y < 0) return;
  if (joins) result_.resource(y, resource).joined += 1.0;
  result_.resource(y, resource).waits_begun += 1.0;
}

/// A wait of `length` weeks ends now (a place, another route, or the resource's end); it is
/// counted in the year it ended and, for the means over joiners, in the year it began.
void ArmRun::end_wait(int resource, double length) {
  const int y = year_of(now_);
  if (y >= 0) {
    result_.resource(y, resource).waits_ended += 1.0;
    result_.resource(y, resource).wait_weeks += length;
  }
  const int began = year_of(now_ - length);
  if (began >= 0) result_.resource(began, resource).joined_wait_weeks += length;
}

/// At the horizon: the waits still going count until then in the year they began.
void ArmRun::close_open_waits() {
  const std::size_t n = cit_.size();
  for (std::uint32_t c = 0; c < n; ++c) {
    if (!cit_[c].active) continue;
    if (plan_.has_slots && cols_.waiting_slot[c] != -1) {
      const int y = year_of(cols_.wait_since[c]);
      if (y >= 0) result_.resource(y, slot_resource(cols_.waiting_slot[c])).joined_wait_weeks += now_ - cols_.wait_since[c];
    }
    for (int k = 0; k < plan_.track_count && plan_.has_pools; ++k) {
      const std::size_t at = slot_of(c, k);
      if (cols_.tracks[at].status != kWaiting) continue;
      const int y = year_of(cols_.track_wait_since[at]);
      if (y >= 0) result_.resource(y, active_model().meetings[k].pool).joined_wait_weeks += now_ - cols_.track_wait_since[at];
    }
  }
}

}  // namespace caseflow::model
