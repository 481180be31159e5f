/// `caseflow analytic SCENARIO --out DIR [--arm NAME] [--phases K]`: expected occupancy per
/// reported week from the Markov (matrix) form, for scenarios that have one.
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "analytic/occupancy.hpp"
#include "cli/commands.hpp"
#include "cli/output_place.hpp"
#include "graph/checks.hpp"
#include "io/results_writer.hpp"
#include "io/scenario_loader.hpp"

namespace caseflow::cli {
namespace {

struct AnalyticOptions {
  std::string scenario = "config/default.yaml";
  std::string out;
  std::string arm;
  int phases = 0;
  std::vector<std::string> sets;
  bool quiet = false;
};

/// The arms `--arm` names (all when empty), in the scenario's order; an unknown name is an error.
std::vector<std::size_t> chosen_arms(const model::Scenario& scenario, const AnalyticOptions& options) {
  std::vector<std::size_t> arms;
  std::string known;
  for (std::size_t a = 0; a < scenario.arms.size(); ++a) {
    if (options.arm.empty() || scenario.arms[a].name == options.arm) arms.push_back(a);
    known += (known.empty() ? "" : ", ") + scenario.arms[a].name;
  }
  if (arms.empty()) {
    throw io::InputError({io::Diagnostic{io::Diagnostic::Severity::error, options.scenario, 0, 0, "--arm",
                                         fmt::format("unknown arm '{}' (expected one of: {})", options.arm, known)}});
  }
  return arms;
}

/// Every reason any chosen arm has no Markov form, each once, to be reported together.
std::vector<io::Diagnostic> markov_refusals(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                                            const analytic::Options& analytic_options) {
  std::vector<io::Diagnostic> refusals;
  for (const auto a : arms) {
    for (const auto& p : analytic::markov_problems(scenario, a, analytic_options)) {
      auto d = io::error_at(p.origin, scenario.file, p.message);
      const auto same = [&d](const io::Diagnostic& r) { return r.key_path == d.key_path && r.message == d.message; };
      if (std::any_of(refusals.begin(), refusals.end(), same)) continue;
      // A problem only an intervention's patch brings (say, another capacity) names its arm.
      if (a > 0) {
        const auto baseline = analytic::markov_problems(scenario, 0, analytic_options);
        const bool shared = std::any_of(baseline.begin(), baseline.end(), [&p](const analytic::Problem& b) {
          return b.origin.path == p.origin.path && b.message == p.message;
        });
        if (!shared) d.message += " (in arm '" + scenario.arms[a].name + "')";
      }
      if (!std::any_of(refusals.begin(), refusals.end(), same)) refusals.push_back(std::move(d));
    }
  }
  return refusals;
}

int analytic_command(const AnalyticOptions& options) {
  std::vector<io::Override> overrides;
  for (const auto& s : options.sets) overrides.push_back(io::parse_override(s));
  const auto document = io::read_scenario_document(options.scenario);
  std::vector<io::Diagnostic> warnings;
  const auto scenario = io::build_scenario(document, overrides, &warnings);
  for (const auto& w : warnings) std::cerr << w.format() << '\n';

  const auto findings = graph::check_scenario(scenario);
  for (const auto& f : findings) {
    if (!f.is_error()) std::cerr << f.format() << '\n';
  }
  if (graph::has_errors(findings)) {
    std::vector<io::Diagnostic> errors;
    for (const auto& f : findings) {
      if (f.is_error()) errors.push_back(io::error_at(f.origin, scenario.file, f.message));
    }
    throw io::InputError(errors);
  }

  const std::vector<std::size_t> arms = chosen_arms(scenario, options);
  const analytic::Options analytic_options{options.phases};
  const std::vector<io::Diagnostic> refusals = markov_refusals(scenario, arms, analytic_options);
  if (!refusals.empty()) {
    std::cerr << "caseflow analytic: the scenario has no " << (options.phases > 0 ? "phase-expanded " : "exact ")
              << "Markov form:\n";
    throw io::InputError(refusals);
  }

  // Beside, not inside, the run's folder: `run` replaces its whole folder. Checked and locked
  // before the computation.
  const OutputPlace place =
      prepare_output(options.out.empty() ? "results/" + scenario.name + "-analytic" : options.out, files::OutputKind::analytic);
  const std::string out = place.dir.string();
  io::ResultsFolder folder(place.dir);

  std::vector<analytic::ArmOccupancy> results;
  for (const auto a : arms) results.push_back(analytic::expected_occupancy(scenario, a, analytic_options));

  std::ostringstream occupancy;
  analytic::write_occupancy_csv(occupancy, scenario, results);
  std::ostringstream budget;
  analytic::write_budget_csv(budget, results);
  folder.write_file("occupancy.csv", occupancy.str());
  folder.write_file("budget.csv", budget.str());
  bool approximate = false;
  std::string arm_list = "[";
  for (std::size_t i = 0; i < results.size(); ++i) {
    arm_list += (i ? ", " : "") + io::json_string(results[i].arm);
    approximate = approximate || results[i].approximate;
  }
  arm_list += "]";
  std::vector<std::pair<std::string, std::string>> manifest = manifest_head(files::OutputKind::analytic);
  manifest.insert(manifest.end(), {{"scenario_file", io::json_string(options.scenario)},
                 {"scenario_sha256", io::json_string(document.sha256())},
                 {"arms", arm_list},
                 {"method", io::json_string(approximate ? "phase expansion (approximate)" : "exact")},
                 {"phases", std::to_string(options.phases)}});
  folder.commit(manifest);

  if (!options.quiet) {
    for (const auto& r : results) {
      std::cout << fmt::format("{}: {} Markov states, {}\n", r.arm, r.micro_states,
                               r.approximate ? fmt::format("approximate ({} phases)", options.phases) : "exact");
      for (const auto& note : r.notes) std::cout << "  note: " << note << '\n';
      if (!r.municipal_available) std::cout << "  note: " << r.municipal_note << '\n';
    }
    std::cout << fmt::format(
        "Expected occupancy written to {}/occupancy.csv (budget.csv: benefit person-years and "
        "cost per budget year)\n",
        out);
  }
  return 0;
}

}  // namespace

void add_analytic_command(CLI::App& app, int& status) {
  auto options = std::make_shared<AnalyticOptions>();
  CLI::App* cmd = app.add_subcommand("analytic", "Expected occupancy per week from the Markov (matrix) form of the scenario");
  cmd->footer(
      "Expected occupancy per week from the Markov (matrix) form: exact for constant-rate hazards and exponential "
      "programme durations; with --phases K, fixed durations, fixed meeting intervals (meetings without a pool) and "
      "piecewise hazards are approximated by K exponential phases. Refuses, naming the key, what has no Markov "
      "form: pools, slots, Weibull hazards, the spell clock. Writes occupancy.csv (arm,week,date,state,mean) and "
      "budget.csv (arm,year,fte_on_benefit,benefit_gross,benefit_municipal; the municipal share only under a "
      "one-step refund schedule).");
  cmd->add_option("scenario", options->scenario, "Scenario file (default config/default.yaml)");
  cmd->add_option("--out", options->out, "Output folder (default results/<scenario name>-analytic)");
  cmd->add_option("--arm", options->arm, "Only this arm (default: every arm)");
  cmd->add_option("--phases", options->phases, "Approximate non-memoryless parts by K exponential phases")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--set", options->sets, "PATH=VALUE: override a scenario value (repeatable)");
  cmd->add_flag("--quiet", options->quiet, "Print nothing but errors");
  cmd->callback([options, &status] { status = guarded([&] { return analytic_command(*options); }); });
}

}  // namespace caseflow::cli
