#include "cli/run_setup.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/resource_check.hpp"
#include "engine/thread_pool.hpp"
#include "graph/checks.hpp"
#include "io/diagnostics.hpp"
#include "io/scenario_loader.hpp"
#include "model/simulation.hpp"

namespace caseflow::cli {
namespace {

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

}  // namespace

LoadedScenario load_for_run(const std::string& file, const std::vector<std::string>& sets, int replications, std::optional<std::uint64_t> seed,
                            const std::string& arm_list, unsigned threads, bool allow_large, bool strict) {
  std::vector<io::Override> overrides;
  for (const auto& s : sets) overrides.push_back(io::parse_override(s));
  io::ScenarioDocument document = io::read_scenario_document(file);
  std::vector<io::Diagnostic> warnings;
  LoadedScenario loaded{io::build_scenario(document, overrides, &warnings), {}, document.sha256(), {}};
  if (strict) io::throw_warnings_as_errors(warnings);
  for (const auto& w : warnings) std::cerr << w.format() << '\n';
  model::Scenario& scenario = loaded.scenario;
  // The state-graph checks `validate` runs: unreachable states and zero-time cycles stop the
  // run; traps are warnings.
  std::vector<io::Diagnostic> graph_errors;
  for (const graph::Finding& f : graph::check_scenario(scenario)) {
    if (!f.is_error() && !strict) {
      std::cerr << f.format() << '\n';
      continue;
    }
    graph_errors.push_back(io::error_at(f.origin, file, f.is_error() ? f.message : f.message + " (an error under --strict)"));
  }
  if (!graph_errors.empty()) throw io::InputError(graph_errors);
  if (replications > 0) scenario.replications = replications;
  if (seed) scenario.seed = *seed;
  const std::string problem = model::check_arm_compatibility(scenario);
  if (!problem.empty()) throw io::InputError({io::Diagnostic{io::Diagnostic::Severity::error, file, 0, 0, "", problem}});
  loaded.arms.push_back(0);
  if (arm_list.empty()) {
    for (std::size_t a = 1; a < scenario.arms.size(); ++a) loaded.arms.push_back(a);
  } else {
    std::vector<std::string> names;
    for (std::size_t a = 1; a < scenario.arms.size(); ++a) names.push_back(scenario.arms[a].name);
    std::vector<io::Diagnostic> errors;
    std::vector<bool> chosen(scenario.arms.size(), false);
    std::vector<std::string> seen;
    for (const auto& wanted : split_commas(arm_list)) {
      if (std::find(seen.begin(), seen.end(), wanted) != seen.end()) {
        errors.push_back(io::Diagnostic{io::Diagnostic::Severity::error, "--arms", 1, 1, "interventions",
                                        "'" + wanted + "' is named twice (name each intervention once)"});
        continue;
      }
      seen.push_back(wanted);
      if (wanted == "baseline") continue;
      bool found = false;
      for (std::size_t a = 1; a < scenario.arms.size(); ++a) {
        if (scenario.arms[a].name == wanted) {
          found = true;
          chosen[a] = true;
        }
      }
      if (!found) {
        const std::string near = io::closest_match(wanted, names);
        errors.push_back(io::Diagnostic{io::Diagnostic::Severity::error, "--arms", 1, 1, "interventions",
                                        "no intervention named '" + wanted + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?")});
      }
    }
    // The scenario's order, whatever the order on the command line: identical files for any order.
    for (std::size_t a = 1; a < scenario.arms.size(); ++a) {
      if (chosen[a]) loaded.arms.push_back(a);
    }
    if (!errors.empty()) throw io::InputError(errors);
  }
  check_resources(document, overrides, model::estimate_run_memory(scenario, loaded.arms, engine::resolve_thread_count(threads)),
                  model::estimate_work(scenario, loaded.arms, scenario.replications), allow_large);
  loaded.differences = io::scenario_differences(document, overrides, scenario, loaded.arms);
  return loaded;
}

economics::Table arms_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms) {
  economics::Table t;
  t.name = "arms";
  t.columns = economics::Table::columns_of({"arm", "description", "start", "end", "label"}, 0);
  const engine::Calendar calendar = scenario.calendar();
  for (std::size_t a : arms) {
    const model::Arm& arm = scenario.arms[a];
    const std::string start = std::isfinite(arm.start_week) ? calendar.date_of_week(arm.start_week).iso() : "";
    const std::string end = std::isfinite(arm.end_week) ? calendar.date_of_week(arm.end_week).iso() : "";
    const std::string label = a == 0 ? std::string("Uden indsats") : arm.label.empty() ? arm.name : arm.label;
    t.rows.push_back({arm.name, a == 0 ? std::string("no intervention") : arm.description, start, end, label});
  }
  return t;
}

economics::Table assumptions_table(const LoadedScenario& loaded) {
  economics::Table t;
  t.name = "assumptions";
  t.columns = economics::Table::columns_of({"arm", "parameter", "baseline", "value", "label", "source", "assumption"}, 0);
  for (const auto& d : loaded.differences) {
    t.rows.push_back({d.arm, d.path, d.baseline, d.value, d.label, d.source,
                      std::string(d.has_source ? (d.assumption ? "true" : "false") : "")});
  }
  return t;
}

economics::Table labels_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms) {
  economics::Table t;
  t.name = "labels";
  t.columns = economics::Table::columns_of({"kind", "name", "label"}, 0);
  std::vector<std::pair<std::string, std::string>> seen;
  // Scenario order, whatever the order of --arms: the file does not depend on it.
  std::vector<std::size_t> ordered = arms;
  std::sort(ordered.begin(), ordered.end());
  auto add = [&](const char* kind, const std::string& name, const std::string& label) {
    if (std::find(seen.begin(), seen.end(), std::make_pair(std::string(kind), name)) != seen.end()) return;
    seen.emplace_back(kind, name);
    t.rows.push_back({std::string(kind), name, label.empty() ? name : label});
  };
  for (std::size_t a : ordered) add("arm", scenario.arms[a].name, a == 0 ? std::string("Uden indsats") : scenario.arms[a].label);
  for (std::size_t a : ordered) {
    const model::Model& m = scenario.arms[a].model;
    for (const auto& x : m.states) add("state", x.name, x.label);
    for (const auto& x : m.groups) add("group", x.name, x.label);
    for (const auto& x : m.benefits) add("benefit", x.name, x.label);
    for (const auto& x : m.pools) add("pool", x.name, x.label);
    for (const auto& x : m.slots) add("slot", x.name, x.label);
  }
  return t;
}

}  // namespace caseflow::cli
