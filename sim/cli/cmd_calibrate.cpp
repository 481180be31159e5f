/// `caseflow calibrate SCENARIO --targets CSV --free PATH…`: fits the free values so that the
/// baseline (or `--arm`) reproduces observed figures; writes fitted.yaml, fit.csv and
/// parameters.csv to the results folder, all or nothing.
#include <chrono>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "calibrate/calibration.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/resource_check.hpp"
#include "cli/seed_option.hpp"
#include "cli/output_place.hpp"
#include "engine/thread_pool.hpp"
#include "io/results_writer.hpp"
#include "io/scenario_loader.hpp"
#include "model/simulation.hpp"

namespace caseflow::cli {
namespace {

struct CalibrateOptions {
  std::string scenario;
  std::string targets;
  std::vector<std::string> free;
  std::vector<std::string> sets;
  std::string arm = "baseline";
  std::string out;
  int replications = 0;
  std::string seed;  ///< as given; "" = the scenario's
  unsigned threads = 0;
  int max_iterations = 30;
  bool quiet = false;
  bool allow_large = false;
  bool strict = false;
};

/// Every --free argument, checked before anything is simulated, all problems reported together.
std::vector<calibrate::FreeParameter> free_parameters(const CalibrateOptions& options) {
  std::vector<calibrate::FreeParameter> free;
  std::vector<io::Diagnostic> problems;
  for (const auto& text : options.free) {
    try {
      free.push_back(calibrate::parse_free(text));
    } catch (const io::InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw io::InputError(problems);
  return free;
}

/// manifest.json of the calibration folder, written last: the folder is then complete.
void commit_calibration(io::ResultsFolder& folder, const CalibrateOptions& options, const calibrate::CalibrationResult& result,
                        unsigned threads, double wall) {
  std::vector<std::pair<std::string, std::string>> manifest = manifest_head(files::OutputKind::calibration);
  manifest.insert(manifest.end(), {{"scenario_file", io::json_string(options.scenario)},
                 {"targets_file", io::json_string(options.targets)},
                 {"arm", io::json_string(options.arm)},
                 {"free", io::json_string_list(options.free)},
                 {"overrides", io::json_string_list(options.sets)},
                 {"seed", std::to_string(result.seed)},
                 {"replications", std::to_string(result.replications)},
                 {"threads", std::to_string(threads)},
                 {"iterations", std::to_string(result.solver.iterations)},
                 {"points_simulated", std::to_string(result.solver.evaluations)},
                 {"converged", result.usable() ? "true" : "false"},
                 {"solver_converged", result.solver.converged ? "true" : "false"},
                 {"at_bound", io::json_string_list(result.at_bound)},
                 {"problems", io::json_string_list(result.problems)},
                 {"stop_reason", io::json_string(result.solver.stop_reason)},
                 {"objective_start", fmt::format("{:.10g}", result.solver.objective_start)},
                 {"objective", fmt::format("{:.10g}", result.solver.objective)},
                 {"wall_seconds", fmt::format("{:.3f}", wall)}});
  folder.commit(manifest);
}

int calibrate_command(const CalibrateOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  const std::vector<calibrate::FreeParameter> free = free_parameters(options);

  calibrate::CalibrationSettings settings;
  for (const auto& s : options.sets) settings.sets.push_back(io::parse_override(s));
  settings.arm = options.arm;
  settings.replications = options.replications;
  settings.seed = seed_value(options.seed);
  settings.threads = engine::resolve_thread_count(options.threads);
  settings.solver.max_iterations = options.max_iterations;
  settings.cancel = &install_interrupt_handler();
  settings.before_running = [&](const model::Scenario& start, const std::vector<std::size_t>& arms) {
    // The same estimates as `run`, for one point; the fit simulates up to max_iterations
    // Jacobians of (free values + 1) points.
    model::WorkEstimate work = model::estimate_work(start, arms, start.replications);
    work.events *= static_cast<double>(options.max_iterations) * static_cast<double>(free.size() + 2);
    check_resources(io::read_scenario_document(options.scenario), settings.sets,
                    model::estimate_run_memory(start, arms, settings.threads), work, options.allow_large);
  };

  if (options.strict) {  // the scenario with the --set values: its warnings are errors
    std::vector<io::Diagnostic> warnings;
    (void)io::load_scenario(options.scenario, settings.sets, &warnings);
    io::throw_warnings_as_errors(warnings);
  }

  // The output folder is checked and locked before any fitting; its default name needs the
  // scenario's name (bad input is reported here, as calibrate() would).
  std::string out_text = options.out;
  if (out_text.empty()) {
    std::vector<io::Diagnostic> ignored;  // calibrate() reports the warnings
    out_text = "results/" + io::build_scenario(io::read_scenario_document(options.scenario), settings.sets, &ignored).name + "-calibration";
  }
  const OutputPlace place = prepare_output(out_text, files::OutputKind::calibration);
  io::ResultsFolder folder(place.dir);

  calibrate::CalibrationResult result;
  try {
    result = calibrate::calibrate(options.scenario, options.targets, free, settings);
  } catch (const model::Cancelled&) {
    std::cerr << "caseflow: interrupted; no results written\n";
    return kInterruptedStatus;
  }
  if (settings.cancel->load()) {
    std::cerr << "caseflow: interrupted; no results written\n";
    return kInterruptedStatus;
  }

  const std::string out = place.dir.string();
  folder.write_file("fitted.yaml", result.fitted_text);
  folder.write_table(result.fit);
  folder.write_table(result.parameter_table);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  commit_calibration(folder, options, result, settings.threads, wall);
  if (!options.quiet) {
    std::cout << calibrate::format_summary(result);
    std::cout << fmt::format("\nResults written to {}/ (fitted.yaml, fit.csv, parameters.csv; {:.1f} s, {} threads)\n", out, wall,
                             settings.threads);
  }
  if (!result.usable()) {
    // The report is written (it shows what the fit reached and why it cannot be used), but
    // the command fails, so that a script does not take the fitted scenario for a good one.
    for (const auto& problem : result.problems) std::cerr << "caseflow: error: " << problem << '\n';
    std::cerr << fmt::format("caseflow: the fit report in {}/ says so (manifest.json: \"converged\": false)\n", out);
    return 1;
  }
  return 0;
}

}  // namespace

void add_calibrate_command(CLI::App& app, int& status) {
  auto options = std::make_shared<CalibrateOptions>();
  CLI::App* cmd = app.add_subcommand("calibrate", "Fit scenario values so that the baseline reproduces observed stocks, flows and exit shares");
  cmd->add_option("scenario", options->scenario, "Scenario file")->required();
  cmd->add_option("--targets", options->targets,
                  "CSV of observed figures: kind,year_or_week,state_or_from,to,value[,sd][,weight] "
                  "(kind: stock at a week, flow in a year, exit_share within N weeks)")
      ->required();
  cmd->add_option("--free", options->free,
                  "PATH[,PATH…][=LOW:HIGH]: a number in the scenario to fit, e.g. transitions.jobparat.job.rate "
                  "(repeatable; comma-separated paths share one value; default bounds [0,1] for probabilities, else [0, 10×start])")
      ->required()
      ->allow_extra_args(false);  // one path per --free, so a following positional is not taken for one
  cmd->add_option("--arm", options->arm, "Fit this arm's figures instead of the baseline's");
  cmd->add_option("--set", options->sets, "PATH=VALUE: override a scenario value before fitting (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--out", options->out, "Results folder (default results/<scenario name>-calibration)");
  cmd->add_option("--replications", options->replications, "Replications per point (overrides scenario.replications)")
      ->check(CLI::Range(2, 10000000));
  add_seed_option(*cmd, options->seed, "Master seed, 0 to 2^64-1, the same at every point (overrides scenario.seed)");
  cmd->add_option("--threads", options->threads, "Threads (default: all cores); results do not depend on it");
  cmd->add_option("--max-iterations", options->max_iterations, "Levenberg-Marquardt iterations at most (default 30)")
      ->check(CLI::Range(1, 1000));
  cmd->add_flag("--quiet", options->quiet, "Print nothing but errors");
  add_allow_large_flag(*cmd, options->allow_large);
  cmd->add_flag("--strict", options->strict, "Treat the scenario's warnings as errors (exit status 2, nothing written)");
  cmd->callback([options, &status] { status = guarded([&] { return calibrate_command(*options); }); });
}

}  // namespace caseflow::cli
