#include <catch2/catch.hpp>

#include <cmath>

#include "fixtures.hpp"
#include "same_records.hpp"
#include "model/simulation.hpp"

using namespace caseflow;

TEST_CASE("Exponential exits reproduce N0 exp(-rt) at every reported week", "[model]") {
  const model::Scenario s = testing::load_model_fixture("decay.yaml");
  double worst = 0.0;
  for (int rep = 0; rep < s.replications; ++rep) {
    const model::ArmResult r = model::simulate_arm(s, 0, rep, nullptr);
    REQUIRE(r.weeks == 105);
    for (int w = 0; w < r.weeks; ++w) {
      const double p = std::exp(-0.05 * w);
      const double expected = 20000.0 * p;
      const double se = std::sqrt(20000.0 * p * (1.0 - p)) + 1e-9;
      const double z = std::fabs(r.occupancy[static_cast<std::size_t>(w) * 2] - expected) / se;
      worst = std::max(worst, z);
      CHECK(r.occupancy[static_cast<std::size_t>(w) * 2] + r.occupancy[static_cast<std::size_t>(w) * 2 + 1] == 20000);
    }
  }
  INFO("largest standardised deviation " << worst);
  // 2 x 105 binomial counts; a 4.5 se excursion has probability ~ 1e-3 over all of them.
  CHECK(worst < 4.5);
}

TEST_CASE("The same seed and replication give the same event sequence", "[model]") {
  const model::Scenario s = testing::load_model_fixture("crn_groups.yaml");
  const auto a = model::simulate_arm(s, 0, 1, nullptr);
  const auto b = model::simulate_arm(s, 0, 1, nullptr);
  const auto c = model::simulate_arm(s, 0, 2, nullptr);
  CHECK(a.fingerprint == b.fingerprint);
  CHECK(a.events == b.events);
  CHECK(a.occupancy == b.occupancy);
  CHECK(a.fingerprint != c.fingerprint);
}

TEST_CASE("A followed cohort's exits to self-support match 1 - exp(-rt)", "[model]") {
  const model::Scenario s = testing::load_model_fixture("decay.yaml");
  model::SimulationOptions follow;
  follow.cohort_state = 0;  // state a at week 0: all 20,000
  const model::ArmResult r = model::simulate_arm(s, 0, 0, nullptr, follow);
  REQUIRE(r.cohort_size == 20000);
  REQUIRE(r.cohort_exits.size() == 105);
  for (int w : {1, 10, 52, 104}) {
    const double p = 1.0 - std::exp(-0.05 * w);
    const double se = std::sqrt(20000.0 * p * (1.0 - p));
    CHECK(std::fabs(r.cohort_exits[w] - 20000.0 * p) < 4.5 * se);
    // Counted by the end of week w: exactly the citizens that left state a by then.
    CHECK(r.cohort_exits[w] == 20000 - r.occupancy[static_cast<std::size_t>(w) * 2]);
  }
}

TEST_CASE("A group's own hazard (by_group) applies to that group's citizens only", "[model]") {
  const model::Scenario s = testing::load_model_fixture("by_group.yaml");
  REQUIRE(s.baseline().transitions.size() == 1);
  const model::Transition& tr = s.baseline().transitions.front();
  CHECK(tr.hazard_for(0).rate == 0.02);
  CHECK(tr.hazard_for(1).rate == 0.06);
  // Follow each group's 10,000 as a cohort via the state count: ledig(t) = 10000 (e^{-0.02t} + e^{-0.06t}).
  const model::ArmResult r = model::simulate_arm(s, 0, 0, nullptr);
  for (int w : {5, 20, 52}) {
    const double pk = std::exp(-0.02 * w), pd = std::exp(-0.06 * w);
    const double expected = 10000.0 * (pk + pd);
    const double se = std::sqrt(10000.0 * (pk * (1 - pk) + pd * (1 - pd)));
    CHECK(std::fabs(r.occupancy[static_cast<std::size_t>(w) * 2] - expected) < 4.5 * se);
  }
  // With one rate for both (the dagpenge entry removed) the stock is visibly larger.
  const model::Scenario same = testing::load_model_fixture("by_group.yaml", {{"transitions.ledig.job.by_group", "{}"}});
  const model::ArmResult r2 = model::simulate_arm(same, 0, 0, nullptr);
  CHECK(r2.occupancy[52 * 2] > r.occupancy[52 * 2] + 2000);
}

TEST_CASE("Leaving out needless events changes nothing but the count of events", "[model]") {
  // The same runs with every event scheduled and with the needless ones left out (sim/README.md,
  // "Events that are left out"): every recorded number must be identical.
  const model::Scenario s = testing::load_model_fixture("needless_events.yaml");
  REQUIRE(s.arms.size() == 4);
  model::SimulationOptions every_meeting;
  every_meeting.skip_needless_events = false;
  every_meeting.trace_citizens = true;
  model::SimulationOptions skipping;
  skipping.trace_citizens = true;
  for (int rep = 0; rep < s.replications; ++rep) {
    const model::ArmResult base_all = model::simulate_arm(s, 0, rep, nullptr, every_meeting);
    const model::ArmResult base_skip = model::simulate_arm(s, 0, rep, nullptr, skipping);
    double slot_waits = 0.0;  // the fixture must exercise a full slot behind a meeting outcome
    for (int y = 0; y < base_all.years; ++y) slot_waits += base_all.resource(y, 1).waits_ended;
    CHECK(slot_waits > 100.0);
    for (std::size_t arm = 0; arm < s.arms.size(); ++arm) {
      INFO("arm " << s.arms[arm].name << ", replication " << rep);
      const model::ArmResult all = arm == 0 ? base_all : model::simulate_arm(s, arm, rep, &base_all, every_meeting);
      const model::ArmResult skip = arm == 0 ? base_skip : model::simulate_arm(s, arm, rep, &base_skip, skipping);
      testing::require_same_records(skip, all, testing::Events::ignore);
      // Fixed-interval meetings succeed about one time in ten: most are idle. The arm that
      // starts mid-run holds every meeting and leaves out only events after programme ends.
      if (arm == 2) {
        CHECK(skip.events <= all.events);
      } else {
        CHECK(skip.events < all.events * 2 / 3);
      }
    }
  }
}
