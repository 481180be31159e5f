#pragma once
/// @file citizens.hpp
/// What the simulation keeps per citizen: the 64-byte record nearly every event reads or writes
/// (one cache line per event at national size), the per-citizen-and-track record, the entries
/// of waiting lines, and the optional columns, allocated only when the scenario needs them (a
/// national run has millions of citizens: every byte per citizen is megabytes and cache misses).
/// Data only: which process writes which field is said beside it; the processes live in the
/// files named there (sim/README.md, "The simulation's files").

#include <cstdint>
#include <vector>

#include "model/event_kinds.hpp"
#include "model/spec.hpp"

namespace caseflow::model {

struct alignas(64) Citizen {
  /// Entry into the current state; start of the current benefit spell (self-support ends it);
  /// booked up to (ledger.cpp); the hazard clock's anchor (hazard_clock.cpp).
  double entered = 0.0, spell_start = 0.0, accrued_until = 0.0, hazard_anchor = 0.0;
  /// The time of an event already scheduled that ends the current stay for certain (a
  /// programme's end, a hazard nothing can move, a meeting known to move the citizen): later
  /// events of this stay would only turn stale, so they are not scheduled (hazard_clock.cpp,
  /// meetings.cpp).
  double sure_exit = kInfinity;
  /// Bumped on every change of state (stale programme ends, meetings, checks, waiters); bumped
  /// on every change of rates (stale hazards); the number of stays so far (draw counters).
  std::uint32_t version = 0, hazard_version = 0, entries = 0;
  StateId state = 0, previous = 0;  ///< previous: where a programme's `return` exit leads
  std::uint16_t group = 0;
  std::uint16_t source = 0;  ///< index into the run's sources
  std::uint8_t active = 0;
};
static_assert(sizeof(Citizen) == 64, "a citizen record is one cache line");

/// Per citizen and meeting track (meetings.cpp).
struct TrackSlot {
  double next_meeting = kInfinity;
  std::uint32_t meeting_index = 0;  ///< the number of the next meeting in this stay
  std::uint8_t status = kOff;       ///< TrackStatus
};

/// An entry of a waiting line: valid while the citizen's version is still `version` (and it
/// still waits there). `track` is the meeting track waited for in a pool's line (0 in a slot's).
struct Waiter {
  std::uint32_t citizen = 0;
  std::uint32_t version = 0;
  std::uint16_t track = 0;
};

/// A spell of self-support [begin, end), kept for the refund clock's restart rule (ledger.cpp).
struct SelfSupportSpell {
  double begin;
  double end;
};

/// The optional per-citizen columns, indexed by citizen id (or citizen × track); each is empty
/// unless the scenario needs it (ArmRun::create_citizens sizes them from the run plan).
struct CitizenColumns {
  // With benefits (ledger.cpp).
  std::vector<double> refund_clock, self_support_since;
  std::vector<std::vector<SelfSupportSpell>> self_support_spells;
  // With slots (slots.cpp).
  std::vector<std::int16_t> waiting_slot;  ///< the slot waited for, -1: none
  std::vector<StateId> waiting_target;
  std::vector<double> wait_since;
  // With meeting tracks, per citizen × track (meetings.cpp); with pools, when the wait began.
  std::vector<TrackSlot> tracks;
  std::vector<double> track_wait_since;
  // Only when rates can change mid-stay: each competing hazard's threshold left (hazard_clock.cpp).
  std::vector<double> remaining;
  // Only for arms with participants (ledger.cpp).
  std::vector<double> first_treated;
  std::vector<double> participation_until;
  std::vector<std::uint8_t> left_after_treatment;
  // Only when following a cohort (arm_run.cpp).
  std::vector<std::uint8_t> in_cohort;
  // Only for an arm compared with the baseline's ledger (participants.cpp).
  std::vector<double> first_participation;  ///< [citizen]
  std::vector<double> pending_meeting;      ///< [citizen × track]
};

}  // namespace caseflow::model
