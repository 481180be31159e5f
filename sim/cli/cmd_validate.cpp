/// `caseflow validate SCENARIO…`: load each file and run the state-graph checks, without
/// simulating. Prints `ok: NAME (N tilstande, M overgange, K arme)` per good file (`--lang en`: English).
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "graph/checks.hpp"
#include "graph/state_graph.hpp"
#include "io/scenario_loader.hpp"

namespace caseflow::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> scenarios;
  std::vector<std::string> sets;
  std::string lang = "da";
  bool strict = false;
};

/// One file: every problem on stderr; true if it had no error.
bool validate_file(const std::string& file, const std::vector<io::Override>& overrides, bool english, bool strict) {
  std::vector<io::Diagnostic> warnings;
  model::Scenario scenario;
  try {
    scenario = io::load_scenario(file, overrides, &warnings);
  } catch (const io::InputError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.format() << '\n';
    return false;
  }
  const auto findings = graph::check_scenario(scenario);
  if (strict) {  // every warning is an error
    for (const auto& f : findings) {
      if (!f.is_error()) warnings.push_back(io::error_at(f.origin, file, f.message));
    }
    try {
      io::throw_warnings_as_errors(warnings);
    } catch (const io::InputError& e) {
      for (const auto& d : e.diagnostics()) std::cerr << d.format() << '\n';
      for (const auto& f : findings) {
        if (f.is_error()) std::cerr << f.format() << '\n';
      }
      return false;
    }
  }
  for (const auto& w : warnings) std::cerr << w.format() << '\n';
  for (const auto& f : findings) std::cerr << f.format() << '\n';
  if (graph::has_errors(findings)) return false;
  const auto& baseline = scenario.baseline();
  const std::size_t states = baseline.states.size(), transitions = graph::count_transitions(baseline), arms = scenario.arms.size();
  if (english) {
    std::cout << fmt::format("ok: {} ({} state{}, {} transition{}, {} arm{})\n", scenario.name, states, states == 1 ? "" : "s",
                             transitions, transitions == 1 ? "" : "s", arms, arms == 1 ? "" : "s");
  } else {
    std::cout << fmt::format("ok: {} ({} {}, {} {}, {} {})\n", scenario.name, states, states == 1 ? "tilstand" : "tilstande",
                             transitions, transitions == 1 ? "overgang" : "overgange", arms, arms == 1 ? "arm" : "arme");
  }
  return true;
}

int validate_command(const ValidateOptions& options) {
  std::vector<io::Override> overrides;
  for (const auto& s : options.sets) overrides.push_back(io::parse_override(s));
  bool all_ok = true;
  for (const auto& file : options.scenarios) all_ok = validate_file(file, overrides, options.lang == "en", options.strict) && all_ok;
  return all_ok ? 0 : 2;
}

}  // namespace

void add_validate_command(CLI::App& app, int& status) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check scenario files without running (loader errors and state-graph checks)");
  cmd->footer(
      "Check scenario files without running: every loader error, then the state graph (states no inflow or initial "
      "stock can reach, states with no way to self-support, cycles of zero-duration programmes). Prints "
      "`ok: NAME (N tilstande, M overgange, K arme)` per good file (`--lang en`: `N states, M transitions, K arms`), where N counts the baseline's states, M its "
      "hazards + programme exit routes (a `return` counts once) + meeting outcomes, and K the arms including the "
      "baseline. Exit status 2 if any file has an error.");
  cmd->add_option("scenarios", options->scenarios, "Scenario files")->required();
  cmd->add_option("--set", options->sets, "PATH=VALUE: override a scenario value before checking (repeatable)");
  add_lang_option(*cmd, options->lang, "the output");
  cmd->add_flag("--strict", options->strict, "Treat warnings as errors (exit status 2)");
  cmd->callback([options, &status] { status = guarded([&] { return validate_command(*options); }); });
}

}  // namespace caseflow::cli
