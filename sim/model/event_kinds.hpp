#pragma once
/// @file event_kinds.hpp
/// The event-order and stream-key rules of the simulation in one file (sim/README.md, "Time and
/// the event order", "Random streams and common random numbers"): the event kinds, their
/// priority classes, the random-stream purposes and the draw counters within a purpose, and the
/// named view of a staffing event's fields. Owns no state; everything that pushes an event or
/// opens a stream takes its numbers from here, so a change to the order or to which draw a
/// decision uses is a change to this file.

#include <cstdint>

#include "engine/event_queue.hpp"
#include "model/sources.hpp"
#include "model/spec.hpp"

namespace caseflow::model {

/// Event kinds. Within a priority class and subject, events at one instant go in this order.
enum class EventKind : std::uint16_t { stop, year_end, model_switch, staff_change, programme_end, hazard_exit, arrival, meeting, track_check, report, age_rule, benefit_clock };

/// Priority classes. At one instant: control changes first (stop, year end, switching the arm's
/// patch on or off, staffing), then releases (a programme ends, a hazard fires), then arrivals,
/// meetings, eligibility checks, and the weekly report last (it observes the state after
/// everything that happened at that instant).
enum Priority : engine::PriorityClass { kControl = 0, kRelease = 1, kArrival = 2, kMeeting = 3, kCheck = 4, kReport = 5 };

/// Stream purposes: one per kind of decision, so that adding draws of one kind never shifts
/// another. Each citizen's streams are keyed by its source and its index there
/// (model/sources.hpp); arrival times are keyed by the source alone.
enum Purpose : std::uint32_t { kHazard = 1, kDuration = 2, kRouting = 3, kMeetingOutcome = 4, kInitialElapsed = 5, kArrivalTimes = kArrivalTimesPurpose,
               kAge = 7, kClockRouting = 8 };

/// A citizen's place on one meeting track.
enum TrackStatus : std::uint8_t { kOff = 0, kServed = 1, kWaiting = 2 };

/// The draw number (purpose kHazard) of the threshold of the hazard towards `to` in the stay
/// numbered `entries`: fixed by the decision, never by a running counter.
constexpr std::uint64_t hazard_counter(std::uint32_t entries, StateId to) { return (static_cast<std::uint64_t>(entries) << 16) | to; }

/// The draw number (purpose kMeetingOutcome) of the `index`-th meeting of track k in the stay
/// numbered `entries`. Indices of one stay and track are `meeting_counter(entries, k, 0) | index`.
constexpr std::uint64_t meeting_counter(std::uint32_t entries, int k, std::uint32_t index) {
  return (static_cast<std::uint64_t>(entries) << 32) | (static_cast<std::uint64_t>(k) << 20) | index;
}

/// Whose staffing schedule a staffing event comes from; each applies only while its rules are
/// the active ones.
enum class StaffRules : std::uint32_t { baseline = 0, arm = 1 };

/// A staffing change: step `step` of pool `pool`'s fte schedule under `rules`. Carried in the
/// event's subject (rules), version (step) and aux (pool), so that simultaneous changes go in
/// (rules, pool) order; these two functions are the only place that knows the layout.
struct StaffChange {
  StaffRules rules = StaffRules::baseline;
  std::uint32_t step = 0;
  std::uint16_t pool = 0;
};

inline void push_staff_change(engine::EventQueue& queue, double at, const StaffChange& change) {
  queue.push(at, kControl, static_cast<std::uint16_t>(EventKind::staff_change), static_cast<std::uint32_t>(change.rules), change.step, change.pool);
}

inline StaffChange staff_change_of(const engine::Event& e) {
  return StaffChange{static_cast<StaffRules>(e.subject()), e.version, e.aux()};
}

}  // namespace caseflow::model
