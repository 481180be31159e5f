/// `caseflow graph SCENARIO [--arm NAME]`: the state graph as Graphviz DOT on stdout.
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "graph/checks.hpp"
#include "graph/dot.hpp"
#include "io/scenario_loader.hpp"

namespace caseflow::cli {
namespace {

struct GraphOptions {
  std::string scenario = "config/default.yaml";
  std::string arm = "baseline";
  std::vector<std::string> sets;
};

int graph_command(const GraphOptions& options) {
  std::vector<io::Override> overrides;
  for (const auto& s : options.sets) overrides.push_back(io::parse_override(s));
  std::vector<io::Diagnostic> warnings;
  const auto scenario = io::load_scenario(options.scenario, overrides, &warnings);
  for (const auto& w : warnings) std::cerr << w.format() << '\n';
  const model::Arm* chosen = nullptr;
  std::string known;
  for (const auto& a : scenario.arms) {
    if (a.name == options.arm) chosen = &a;
    known += (known.empty() ? "" : ", ") + a.name;
  }
  if (chosen == nullptr) {
    throw io::InputError({io::Diagnostic{io::Diagnostic::Severity::error, options.scenario, 0, 0, "--arm",
                                         fmt::format("unknown arm '{}' (expected one of: {})", options.arm, known)}});
  }
  // The drawing is most useful when something is wrong, so it is printed either way; the
  // findings go to stderr and set the exit status.
  const auto findings = graph::check_scenario(scenario);
  for (const auto& f : findings) std::cerr << f.format() << '\n';
  const std::string name = chosen == &scenario.arms.front() ? scenario.name : scenario.name + " / " + chosen->name;
  std::cout << graph::to_dot(chosen->model, name);
  return graph::has_errors(findings) ? 2 : 0;
}

}  // namespace

void add_graph_command(CLI::App& app, int& status) {
  auto options = std::make_shared<GraphOptions>();
  CLI::App* cmd = app.add_subcommand("graph", "Print the state graph as Graphviz DOT");
  cmd->footer(
      "Print the state graph as Graphviz DOT (render with `dot -Tsvg`): states (programmes as boxes, self-supporting "
      "green, slot-limited bold), hazards with their rates, programme exits with probabilities, meeting outcomes "
      "dashed. Graph-check findings go to stderr.");
  cmd->add_option("scenario", options->scenario, "Scenario file (default config/default.yaml)");
  cmd->add_option("--arm", options->arm, "Draw this arm's model (default baseline)");
  cmd->add_option("--set", options->sets, "PATH=VALUE: override a scenario value (repeatable)");
  cmd->callback([options, &status] { status = guarded([&] { return graph_command(*options); }); });
}

}  // namespace caseflow::cli
