#include "cli/run_setup.hpp"

#include <cmath>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/resources.hpp"
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

std::string number(double x) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return fmt::format("{:.10g}", x);
}

std::string hazard_text(const model::Hazard& h) {
  switch (h.kind) {
    case model::Hazard::Kind::rate:
      return "rate " + number(h.rate);
    case model::Hazard::Kind::weibull:
      return fmt::format("weibull shape {} scale {}", number(h.shape), number(h.scale));
    case model::Hazard::Kind::piecewise: {
      std::string s = "piecewise";
      for (const auto& [from, rate] : h.steps) s += fmt::format(" [{}, {}]", number(from), number(rate));
      return s;
    }
  }
  return "";
}

/// Refuses, before anything is simulated, a run that would need more memory than is available.
void check_memory(const io::ScenarioDocument& document, const std::vector<io::Override>& overrides, const LoadedScenario& loaded,
                  unsigned threads) {
  const MemoryEstimate estimate = estimate_run_memory(loaded.scenario, loaded.arms, threads);
  const std::optional<double> available = available_memory_bytes();
  if (!available) return;  // not Linux: nothing to compare with
  const std::string problem = memory_problem(estimate, *available);
  if (problem.empty()) return;
  for (const auto& o : overrides) {
    // The value came from the command line: point there, not at the file's (replaced) value.
    if (o.path == estimate.main_driver) throw io::InputError({io::Diagnostic{io::Diagnostic::Severity::error, o.origin, 1, 1, o.path, problem}});
  }
  const auto [line, column] = io::find_source_position(document, estimate.main_driver);
  throw io::InputError({io::Diagnostic{io::Diagnostic::Severity::error, document.file(), line, column, estimate.main_driver, problem}});
}

}  // namespace

LoadedScenario load_for_run(const std::string& file, const std::vector<std::string>& sets, int replications, long long seed,
                            const std::string& arm_list, unsigned threads, bool strict) {
  std::vector<io::Override> overrides;
  for (const auto& s : sets) overrides.push_back(io::parse_override(s));
  io::ScenarioDocument document = io::read_scenario_document(file);
  std::vector<io::Diagnostic> warnings;
  LoadedScenario loaded{io::build_scenario(document, overrides, &warnings), {}, document.sha256()};
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
  if (seed >= 0) scenario.seed = static_cast<std::uint64_t>(seed);
  const std::string problem = model::check_arm_compatibility(scenario);
  if (!problem.empty()) throw io::InputError({io::Diagnostic{io::Diagnostic::Severity::error, file, 0, 0, "", problem}});
  loaded.arms.push_back(0);
  if (arm_list.empty()) {
    for (std::size_t a = 1; a < scenario.arms.size(); ++a) loaded.arms.push_back(a);
  } else {
    std::vector<std::string> names;
    for (std::size_t a = 1; a < scenario.arms.size(); ++a) names.push_back(scenario.arms[a].name);
    std::vector<io::Diagnostic> errors;
    for (const auto& wanted : split_commas(arm_list)) {
      if (wanted == "baseline") continue;
      bool found = false;
      for (std::size_t a = 1; a < scenario.arms.size(); ++a) {
        if (scenario.arms[a].name == wanted) {
          found = true;
          loaded.arms.push_back(a);
        }
      }
      if (!found) {
        const std::string near = io::closest_match(wanted, names);
        errors.push_back(io::Diagnostic{io::Diagnostic::Severity::error, "--arms", 1, 1, "interventions",
                                        "no intervention named '" + wanted + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?")});
      }
    }
    if (!errors.empty()) throw io::InputError(errors);
  }
  check_memory(document, overrides, loaded, engine::resolve_thread_count(threads));
  return loaded;
}

economics::Table arms_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms) {
  economics::Table t;
  t.name = "arms";
  t.columns = economics::Table::columns_of({"arm", "description", "start", "end"}, 0);
  const engine::Calendar calendar = scenario.calendar();
  for (std::size_t a : arms) {
    const model::Arm& arm = scenario.arms[a];
    const std::string start = std::isfinite(arm.start_week) ? calendar.date_of_week(arm.start_week).iso() : "";
    const std::string end = std::isfinite(arm.end_week) ? calendar.date_of_week(arm.end_week).iso() : "";
    t.rows.push_back({arm.name, a == 0 ? std::string("no intervention") : arm.description, start, end});
  }
  return t;
}

economics::Table assumptions_table(const LoadedScenario& loaded) {
  economics::Table t;
  t.name = "assumptions";
  t.columns = economics::Table::columns_of({"arm", "parameter", "baseline", "value"}, 0);
  const model::Scenario& s = loaded.scenario;
  const model::Model& base = s.baseline();
  for (std::size_t i = 1; i < loaded.arms.size(); ++i) {
    const model::Arm& arm = s.arms[loaded.arms[i]];
    const model::Model& m = arm.model;
    auto add = [&](const std::string& parameter, const std::string& before, const std::string& after) {
      if (before != after) t.rows.push_back({arm.name, parameter, before, after});
    };
    auto lines = [&](const char* what, const std::vector<model::CostItem>& items) {
      for (const auto& c : items) {
        using K = model::CostItem::Kind;
        const char* kind = c.kind == K::per_year               ? "per_year"
                           : c.kind == K::once                 ? "once"
                           : c.kind == K::per_participant_week ? "per_participant_week"
                           : c.kind == K::per_participant      ? "per_participant"
                           : c.kind == K::per_place_year       ? "per_place_year"
                                                               : "per_budget_year";
        const std::string key = std::string(what) + "." + c.label + "." + kind;
        if (c.kind == K::per_budget_year) {
          for (const auto& [year, amount] : c.by_year) add(key + "." + std::to_string(year), "", number(amount));
        } else {
          add(key, "", number(c.amount));
        }
      }
    };
    lines("costs", arm.costs);
    lines("financing", arm.financing);
    for (const auto& e : arm.effects) {
      const std::string what = e.kind == model::Effect::Kind::hazard
                                   ? "effect: " + m.states[e.from].name + " -> " + m.states[e.to].name + " hazard multiplier"
                                   : "effect: meeting " + m.meetings[e.meeting].name + " outcome " + m.states[e.outcome].name + " multiplier";
      std::string target;
      if (e.target.min_spell_weeks > 0) target += " spell >= " + number(e.target.min_spell_weeks) + " wk";
      if (std::isfinite(e.target.max_spell_weeks)) target += " spell < " + number(e.target.max_spell_weeks) + " wk";
      add(what + target, "1", number(e.multiplier));
    }
    for (std::size_t p = 0; p < m.pools.size(); ++p) {
      const bool existed = p < base.pools.size();
      const std::string key = "pools." + m.pools[p].name;
      add(key + ".fte", existed ? number(base.pools[p].fte_schedule.front().second) : "", number(m.pools[p].fte_schedule.front().second));
      add(key + ".meetings_per_fte_week", existed ? number(base.pools[p].meetings_per_fte_week) : "", number(m.pools[p].meetings_per_fte_week));
      add(key + ".caseload_per_fte", existed ? number(base.pools[p].caseload_per_fte) : "", number(m.pools[p].caseload_per_fte));
    }
    for (std::size_t k = 0; k < m.slots.size(); ++k) {
      add("slots." + m.slots[k].name + ".capacity", k < base.slots.size() ? number(base.slots[k].capacity) : "", number(m.slots[k].capacity));
    }
    for (const auto& tr : m.transitions) {
      for (std::size_t g = 0; g < m.groups.size(); ++g) {
        std::string before;
        for (const auto& b : base.transitions) {
          if (b.from == tr.from && b.to == tr.to) before = hazard_text(b.hazard_for(static_cast<int>(g)));
        }
        add("transitions." + m.states[tr.from].name + "." + m.states[tr.to].name + " (" + m.groups[g].name + ")", before,
            hazard_text(tr.hazard_for(static_cast<int>(g))));
      }
    }
    for (std::size_t k = 0; k < m.meetings.size(); ++k) {
      const auto& track = m.meetings[k];
      const bool existed = k < base.meetings.size();
      const std::string key = "meetings." + track.name;
      add(key + ".interval_weeks", existed ? number(base.meetings[k].interval_min) + ".." + number(base.meetings[k].interval_max) : "",
          number(track.interval_min) + ".." + number(track.interval_max));
      for (const auto& o : track.outcomes) {
        std::string before;
        if (existed) {
          for (const auto& b : base.meetings[k].outcomes) {
            if (b.from == o.from && b.to == o.to) before = number(b.probability);
          }
        }
        add(key + ".outcomes." + m.states[o.from].name + "." + m.states[o.to].name, before, number(o.probability));
      }
    }
    for (std::size_t st = base.states.size(); st < m.states.size(); ++st) add("states." + m.states[st].name, "", "added");
    for (std::size_t k = 0; k < m.inflow.size(); ++k) {
      add(fmt::format("inflow[{}].per_year", k), k < base.inflow.size() ? number(base.inflow[k].per_year) : "", number(m.inflow[k].per_year));
    }
  }
  return t;
}

}  // namespace caseflow::cli
