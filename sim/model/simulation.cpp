#include "model/simulation.hpp"

#include <string>
#include <vector>

#include "model/arm_run.hpp"

// The simulation of one arm in one replication is ArmRun (model/arm_run.hpp), defined in
// one file per process; this file is the interface's entry points.

namespace caseflow::model {
namespace {

template <class T>
bool is_prefix(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() > b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name) return false;
  }
  return true;
}

}  // namespace

std::string check_arm_compatibility(const Scenario& scenario) {
  const Model& base = scenario.arms.front().model;
  for (std::size_t a = 1; a < scenario.arms.size(); ++a) {
    const Model& m = scenario.arms[a].model;
    const std::string arm = scenario.arms[a].name;
    if (!is_prefix(base.states, m.states)) return "interventions." + arm + ".patch: a patch may add states but not reorder or remove them";
    if (!is_prefix(base.groups, m.groups)) return "interventions." + arm + ".patch: a patch may add groups but not reorder or remove them";
    if (!is_prefix(base.meetings, m.meetings)) return "interventions." + arm + ".patch: a patch may add meeting tracks but not reorder or remove them";
    if (!is_prefix(base.pools, m.pools)) return "interventions." + arm + ".patch: a patch may add pools but not reorder or remove them";
    if (!is_prefix(base.slots, m.slots)) return "interventions." + arm + ".patch: a patch may add slots but not reorder or remove them";
    if (!is_prefix(base.benefits, m.benefits)) return "interventions." + arm + ".patch: a patch may add benefits but not reorder or remove them";
    if (!is_prefix(base.age_rules, m.age_rules)) return "interventions." + arm + ".patch: a patch may add age rules but not reorder or remove them";
    if (!is_prefix(base.benefit_clocks, m.benefit_clocks)) return "interventions." + arm + ".patch: a patch may add benefit clocks but not reorder or remove them";
    if (m.meetings.size() > 64) return "interventions." + arm + ": at most 64 meeting tracks are supported";
  }
  return "";
}

ArmResult simulate_arm(const Scenario& scenario, std::size_t arm, int replication, const ArmResult* baseline) {
  return simulate_arm(scenario, arm, replication, baseline, SimulationOptions{});
}

ArmResult simulate_arm(const Scenario& scenario, std::size_t arm, int replication, const ArmResult* baseline,
                       const SimulationOptions& options) {
  ArmRun run(scenario, arm, replication, baseline, options);
  return run.run();
}

}  // namespace caseflow::model
