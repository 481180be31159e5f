#include "economics/trace_table.hpp"

#include <algorithm>
#include <numeric>

namespace caseflow::economics {

ReplicationTrace take_trace(std::vector<model::ArmResult>& results) {
  ReplicationTrace trace;
  for (model::ArmResult& r : results) {
    trace.arms.push_back(std::move(r.spells));
    if (trace.sources.empty()) trace.sources = r.spell_sources;
  }
  return trace;
}

Table trace_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms, const std::vector<ReplicationTrace>& traces) {
  Table t;
  t.name = "trace";
  // Weeks to 1e-9: a week of the largest benefit rate is then priced to well under a krone.
  t.columns = {{"replication", 0}, {"arm", 0},         {"citizen", 0},  {"source", 0},
               {"group", 0},       {"state", 0},       {"start_week", 9}, {"end_week", 9},
               {"refund_clock_weeks", 9}, {"entered_week", 9}};
  std::vector<std::size_t> order(arms.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return arms[a] < arms[b]; });
  for (std::size_t r = 0; r < traces.size(); ++r) {
    for (const std::size_t i : order) {
      if (i >= traces[r].arms.size()) continue;
      const model::Arm& arm = scenario.arms[arms[i]];
      const model::Model& m = arm.model;
      for (const model::TraceSpell& s : traces[r].arms[i]) {
        const std::string& source = s.source < traces[r].sources.size() ? traces[r].sources[s.source] : std::string();
        t.rows.push_back({static_cast<std::int64_t>(r), arm.name, static_cast<std::int64_t>(s.citizen), source, m.groups[s.group].name,
                          m.states[s.state].name, s.start, s.end, s.refund_clock, s.entered});
      }
    }
  }
  return t;
}

}  // namespace caseflow::economics
