#pragma once
// Every record of two runs of the same arm compared exactly (no tolerance): how the model tests
// check changes that must not change a number (forking from a shared past, shared baselines,
// leaving out needless events).
#include <catch2/catch.hpp>

#include <cstddef>
#include <vector>

#include "model/results.hpp"

namespace caseflow::testing {

/// Whether the event count and fingerprint are compared too: equal unless the two runs leave out
/// different events (SimulationOptions::skip_needless_events).
enum class Events { compare, ignore };

inline std::vector<double> resource_fields(const model::ResourceYear& r) {
  return {r.waiting_area, r.busy_area, r.capacity_area, r.waits_ended, r.wait_weeks, r.meetings, r.meeting_capacity,
          r.joined, r.waits_begun, r.joined_wait_weeks, r.open_weeks, r.open_busy_area};
}

inline void require_same_records(const model::ArmResult& a, const model::ArmResult& b, Events events = Events::compare) {
  if (events == Events::compare) {
    CHECK(a.events == b.events);
    CHECK(a.fingerprint == b.fingerprint);
  }
  CHECK(a.benefit_weeks == b.benefit_weeks);
  CHECK(a.programme_cost == b.programme_cost);
  CHECK(a.participant_weeks == b.participant_weeks);
  CHECK(a.first_participants == b.first_participants);
  CHECK(a.occupancy == b.occupancy);
  CHECK(a.flows == b.flows);
  CHECK(a.arrivals == b.arrivals);
  CHECK(a.dated_weeks == b.dated_weeks);
  CHECK(a.treated == b.treated);
  CHECK(a.left_benefits == b.left_benefits);
  CHECK(a.left_in_baseline_too == b.left_in_baseline_too);
  CHECK(a.exits_to_self_support == b.exits_to_self_support);
  CHECK(a.citizens == b.citizens);
  CHECK(a.citizen_trajectories == b.citizen_trajectories);
  const model::ParticipantOutcomes& x = a.participant_outcomes;
  const model::ParticipantOutcomes& y = b.participant_outcomes;
  CHECK(x.participants == y.participants);
  CHECK(x.parts == y.parts);
  for (int f = 0; f < 2; ++f) {
    CHECK(x.followed[f] == y.followed[f]);
    CHECK(x.self_supporting_arm[f] == y.self_supporting_arm[f]);
    CHECK(x.self_supporting_baseline[f] == y.self_supporting_baseline[f]);
  }
  REQUIRE(a.resource_years.size() == b.resource_years.size());
  for (std::size_t i = 0; i < a.resource_years.size(); ++i) CHECK(resource_fields(a.resource_years[i]) == resource_fields(b.resource_years[i]));
}

}  // namespace caseflow::testing
