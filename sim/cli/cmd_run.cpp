/// `caseflow run [SCENARIO]`: every arm with common random numbers, the budget table on the
/// terminal, the results folder on disk.
#include <chrono>
#include <ctime>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/run_setup.hpp"
#include "cli/version.hpp"
#include "economics/run_summary.hpp"
#include "engine/thread_pool.hpp"
#include "io/results_writer.hpp"

namespace caseflow::cli {
namespace {

struct RunOptions {
  std::string scenario = "config/default.yaml";
  std::string out;
  int replications = 0;
  long long seed = -1;
  unsigned threads = 0;
  std::string arms;
  std::vector<std::string> sets;
  bool quiet = false;
  bool strict = false;
};

int run_command(const RunOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  const std::string started = io::utc_timestamp();
  LoadedScenario loaded = load_for_run(options.scenario, options.sets, options.replications, options.seed, options.arms, options.threads,
                                       options.strict);
  const model::Scenario& scenario = loaded.scenario;
  const unsigned threads = engine::resolve_thread_count(options.threads);
  const std::string out = options.out.empty() ? "results/" + scenario.name : options.out;

  model::SimulationOptions simulation;
  simulation.cancel = &install_interrupt_handler();
  std::vector<std::vector<economics::ArmRecord>> records;
  try {
    records = economics::run_and_record(scenario, loaded.arms, threads, simulation);
  } catch (const model::Cancelled&) {
    std::cerr << "caseflow: interrupted; no results written\n";
    return kInterruptedStatus;
  }
  const economics::RunTables tables = economics::summarise_run(scenario, loaded.arms, records);

  if (simulation.cancel->load()) {
    std::cerr << "caseflow: interrupted; no results written\n";
    return kInterruptedStatus;
  }
  io::ResultsFolder folder(out);
  for (const auto* table : {&tables.budget, &tables.occupancy, &tables.flows, &tables.queues, &tables.replications, &tables.impact}) {
    folder.write_table(*table);
  }
  folder.write_table(arms_table(scenario, loaded.arms));
  folder.write_table(assumptions_table(loaded));
  if (!options.quiet) std::cout << economics::format_budget_table(scenario, loaded.arms, tables);

  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  std::vector<std::string> arm_names;
  for (std::size_t a : loaded.arms) arm_names.push_back(scenario.arms[a].name);
  const std::string arm_list = io::json_string_list(arm_names);
  // Fingerprints of each replication's event sequence, per arm: an unintended change of
  // behaviour changes them (tests pin a small run's values).
  std::string fingerprints = "{";
  for (std::size_t i = 0; i < loaded.arms.size(); ++i) {
    fingerprints += fmt::format("{}{}: [", i ? ", " : "", io::json_string(scenario.arms[loaded.arms[i]].name));
    for (std::size_t r = 0; r < records.size(); ++r) fingerprints += fmt::format("{}\"{:016x}\"", r ? ", " : "", records[r][i].fingerprint);
    fingerprints += "]";
  }
  fingerprints += "}";
  folder.commit({{"caseflow_version", io::json_string(kVersion)},
                 {"git_commit", io::json_string(kGitCommit)},
                 {"scenario_file", io::json_string(options.scenario)},
                 {"scenario_sha256", io::json_string(loaded.sha256)},
                 {"seed", std::to_string(scenario.seed)},
                 {"replications", std::to_string(scenario.replications)},
                 {"arms", arm_list},
                 {"threads", std::to_string(threads)},
                 {"started", io::json_string(started)},
                 {"finished", io::json_string(io::utc_timestamp())},
                 {"wall_seconds", fmt::format("{:.3f}", wall)},
                 {"scenario_name", io::json_string(scenario.name)},
                 {"overrides", io::json_string_list(options.sets)},
                 {"fingerprints", fingerprints}});
  if (!options.quiet) std::cout << fmt::format("\nResults written to {}/ ({:.1f} s, {} threads)\n", out, wall, threads);
  return 0;
}

}  // namespace

void add_run_command(CLI::App& app, int& status) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run the baseline and every intervention with common random numbers; print the budget table and write the results folder");
  cmd->add_option("scenario", options->scenario, "Scenario file (default config/default.yaml)");
  cmd->add_option("--out", options->out, "Results folder (default results/<scenario name>)");
  cmd->add_option("--replications", options->replications, "Replications (overrides scenario.replications)")->check(CLI::Range(1, 10000000));
  cmd->add_option("--seed", options->seed, "Master seed (overrides scenario.seed)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--threads", options->threads, "Threads (default: all cores); results do not depend on it");
  cmd->add_option("--arms", options->arms, "Comma-separated interventions to run (the baseline always runs)");
  cmd->add_option("--set", options->sets, "PATH=VALUE: override a scenario value, e.g. transitions.jobparat.job.rate=0.035 (repeatable)");
  cmd->add_flag("--quiet", options->quiet, "Print nothing but errors");
  cmd->add_flag("--strict", options->strict, "Treat warnings as errors (exit status 2, nothing written)");
  cmd->callback([options, &status] { status = guarded([&] { return run_command(*options); }); });
}

}  // namespace caseflow::cli
