// Common random numbers for every arm: a citizen's identity (and its random streams) comes from
// its source (an inflow or initial entry, by name) and its index there (model/sources.hpp), so an
// arm that changes one source leaves every citizen of every other source identical.
#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "model/simulation.hpp"

using namespace caseflow;

TEST_CASE("An arm that changes only dagpenge's sources leaves kontanthjaelp's bill exactly unchanged", "[model][crn]") {
  const model::Scenario s = testing::load_model_fixture("crn_sources.yaml");
  REQUIRE(s.arms.size() == 5);
  const model::Model& m = s.baseline();
  REQUIRE(m.benefits[0].name == "kontanthjaelp");
  for (int r = 0; r < s.replications; ++r) {
    const model::ArmResult base = model::simulate_arm(s, 0, r, nullptr);
    for (std::size_t a = 1; a < s.arms.size(); ++a) {
      INFO("replication " << r << ", arm " << s.arms[a].name);
      const model::ArmResult arm = model::simulate_arm(s, a, r, &base);
      double dagpenge_base = 0.0, dagpenge_arm = 0.0;
      for (int y = 0; y < base.years; ++y) {
        for (int k = 0; k < base.steps; ++k) {
          // kontanthjælp (benefit 0): the same weeks at the same refund steps, to the bit, so
          // its savings are exactly 0.
          REQUIRE(arm.weeks_at(y, 0, k) == base.weeks_at(y, 0, k));
          dagpenge_base += base.weeks_at(y, 1, k);
          dagpenge_arm += arm.weeks_at(y, 1, k);
        }
      }
      // The arms that add dagpenge citizens do change dagpenge's weeks; listing the entries in
      // another order changes nothing at all.
      if (s.arms[a].name == "omvendt-raekkefoelge") {
        CHECK(dagpenge_arm == dagpenge_base);
        CHECK(arm.occupancy == base.occupancy);
      } else {
        CHECK(dagpenge_arm > dagpenge_base);
      }
    }
  }
}

TEST_CASE("A source's citizens keep their streams when another source is added before them", "[model][crn]") {
  // The same kontanthjælp sources, with a new dagpenge inflow named to sort first.
  const model::Scenario s = testing::load_model_fixture(
      "crn_sources.yaml", {{"interventions.dobbelt-dagpenge-tilgang.patch.inflow[1].name", "aaa-nye-dagpenge"}});
  const model::ArmResult base = model::simulate_arm(s, 0, 0, nullptr);
  const model::ArmResult arm = model::simulate_arm(s, 1, 0, &base);
  for (int y = 0; y < base.years; ++y) {
    for (int k = 0; k < base.steps; ++k) REQUIRE(arm.weeks_at(y, 0, k) == base.weeks_at(y, 0, k));
  }
}
