/// `caseflow run [SCENARIO]`: every arm with common random numbers, the budget table on the
/// terminal, the results folder on disk.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/progress.hpp"
#include "cli/output_place.hpp"
#include "cli/run_setup.hpp"
#include "cli/seed_option.hpp"
#include "economics/finite_check.hpp"
#include "economics/run_summary.hpp"
#include "economics/trace_table.hpp"
#include "engine/thread_pool.hpp"
#include "io/csv_dialect.hpp"
#include "io/results_writer.hpp"
#include "model/replications.hpp"
#include "io/workbook.hpp"

namespace caseflow::cli {
namespace {

struct RunOptions {
  std::string scenario = "config/default.yaml";
  std::string out;
  int replications = 0;
  std::string seed;  ///< as given; "" = the scenario's
  unsigned threads = 0;
  std::string arms;
  std::vector<std::string> sets;
  bool quiet = false;
  bool progress = false;
  bool allow_large = false;
  std::string csv_dialect = "standard";
  std::string lang = "da";
  bool strict = false;
  bool trace = false;
  std::uint32_t trace_citizens = 0;  ///< per source; 0 = all
};

/// The loader bounds money inputs so that a figure cannot overflow; never write inf or nan.
void require_finite(const economics::RunTables& tables, const model::Scenario& scenario, const std::vector<std::size_t>& arms) {
  for (const auto* table : {&tables.budget, &tables.occupancy, &tables.flows, &tables.queues, &tables.replications, &tables.impact}) {
    const std::string cell = economics::non_finite_cell(*table);
    if (!cell.empty()) {
      throw std::runtime_error(fmt::format("a computed figure is not a finite number ({}); the largest money input is {}; "
                                           "no results written",
                                           cell, economics::largest_money_input(scenario, arms)));
    }
  }
}

/// manifest.json of a run's folder.
std::vector<std::pair<std::string, std::string>> run_manifest(const RunOptions& options, const LoadedScenario& loaded,
                                                              const std::vector<std::vector<economics::ArmRecord>>& records,
                                                              unsigned threads, const std::string& started, double wall, bool trace) {
  const model::Scenario& scenario = loaded.scenario;
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
  std::vector<std::pair<std::string, std::string>> manifest = manifest_head(files::OutputKind::run);
  manifest.insert(manifest.end(), {
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
      {"csv_dialect", io::json_string(options.csv_dialect)},
      {"fingerprints", fingerprints}});
  if (trace) {  // the trace file and how many citizens of each source it holds
    manifest.emplace_back("trace", fmt::format("{{\"file\": \"trace.csv\", \"citizens_per_source\": {}}}",
                                               options.trace_citizens == 0 ? std::string("\"all\"") : std::to_string(options.trace_citizens)));
  }
  return manifest;
}

int run_command(const RunOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  const std::string started = io::utc_timestamp();
  LoadedScenario loaded = load_for_run(options.scenario, options.sets, options.replications, seed_value(options.seed), options.arms, options.threads,
                                       options.allow_large, options.strict);
  const model::Scenario& scenario = loaded.scenario;
  const unsigned threads = engine::resolve_thread_count(options.threads);
  // The output folder is checked, locked and its temporary created before anything is simulated.
  const OutputPlace place = prepare_output(options.out.empty() ? "results/" + scenario.name : options.out, files::OutputKind::run);
  const std::string out = place.dir.string();
  io::ResultsFolder folder(place.dir);

  model::SimulationOptions simulation;
  simulation.cancel = &install_interrupt_handler();
  const bool trace = options.trace || options.trace_citizens > 0;  // --trace-citizens N implies --trace
  simulation.record_spells = trace;
  simulation.spells_per_source = options.trace_citizens;
  // CASEFLOW_FORK=0 simulates every arm from the first day, as before forking: for checking
  // that forking changes no byte (tests/cli/fork_check.py) and for benchmarks; =explain says which
  // arms forked (replication 0).
  if (const char* fork = std::getenv("CASEFLOW_FORK"); fork != nullptr) {
    if (std::string(fork) == "0") simulation.fork_arms = false;
    if (std::string(fork) == "explain") simulation.fork_note = [](const std::string& note) { std::cerr << note << '\n'; };
  }
  std::vector<std::vector<economics::ArmRecord>> records(static_cast<std::size_t>(scenario.replications));
  std::vector<economics::ReplicationTrace> traces(trace ? records.size() : 0);
  std::atomic<int> replications_done{0};
  try {
    // economics::run_and_record, counting finished replications for the progress line.
    const ProgressReporter progress(progress_wanted(options.progress, options.quiet), replications_done, scenario.replications,
                                    "replikationer færdige");
    model::run_replications(
        scenario, loaded.arms, scenario.replications, threads,
        [&](int r, std::vector<model::ArmResult>& results) {
          if (trace) traces[static_cast<std::size_t>(r)] = economics::take_trace(results);
          records[static_cast<std::size_t>(r)] = economics::record_replication(scenario, loaded.arms, results);
          replications_done.fetch_add(1);
        },
        simulation);
  } catch (const model::Cancelled&) {
    std::cerr << "caseflow: interrupted; no results written\n";
    return kInterruptedStatus;
  }
  const economics::RunTables tables = economics::summarise_run(scenario, loaded.arms, records);
  require_finite(tables, scenario, loaded.arms);

  if (simulation.cancel->load()) {
    std::cerr << "caseflow: interrupted; no results written\n";
    return kInterruptedStatus;
  }
  const io::CsvDialect dialect = io::parse_csv_dialect(options.csv_dialect).value_or(io::CsvDialect::standard);
  for (const auto* table : {&tables.budget, &tables.occupancy, &tables.flows, &tables.queues, &tables.replications, &tables.impact,
                              &tables.impact_years}) {
    folder.write_file(table->name + ".csv", io::format_csv(*table, dialect));
  }
  for (const auto& table : {arms_table(scenario, loaded.arms), assumptions_table(loaded), labels_table(scenario, loaded.arms)}) {
    folder.write_file(table.name + ".csv", io::format_csv(table, dialect));
  }
  if (trace) {
    const economics::Table spells = economics::trace_table(scenario, loaded.arms, traces);
    traces.clear();
    folder.write_file("trace.csv", io::format_csv(spells, dialect));
  }
  io::write_budget_workbook(folder.temporary() / "budget.xlsx", scenario, loaded.arms, tables);
  const bool english = options.lang == "en";

  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  folder.commit(run_manifest(options, loaded, records, threads, started, wall, trace));
  // Printed only once the results are in place: a closed pipe (`| head`) cannot lose them.
  if (!options.quiet) {
    std::cout << economics::format_budget_table(scenario, loaded.arms, tables, english);
    std::cout << (english ? fmt::format("\nResults written to {}/ ({} s, {} thread{})\n", out, economics::format_number(wall, 1, true), threads,
                                        threads == 1 ? "" : "s")
                          : fmt::format("\nResultater skrevet til {}/ ({} s, {} tråd{})\n", out, economics::format_number(wall, 1), threads,
                                        threads == 1 ? "" : "e"));
  }
  return 0;
}

}  // namespace

void add_run_command(CLI::App& app, int& status) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run the baseline and every intervention with common random numbers; print the budget table and write the results folder");
  cmd->add_option("scenario", options->scenario, "Scenario file (default config/default.yaml)");
  cmd->add_option("--out", options->out, "Results folder (default results/<scenario name>)");
  cmd->add_option("--replications", options->replications, "Replications (overrides scenario.replications)")->check(CLI::Range(1, 10000000));
  add_seed_option(*cmd, options->seed, "Master seed, 0 to 2^64-1 (overrides scenario.seed)");
  cmd->add_option("--threads", options->threads, "Threads (default: all cores); results do not depend on it");
  cmd->add_option("--arms", options->arms, "Comma-separated interventions to run (the baseline always runs)");
  cmd->add_option("--set", options->sets, "PATH=VALUE: override a scenario value, e.g. transitions.jobparat.job.rate=0.035 (repeatable)");
  cmd->add_flag("--quiet", options->quiet, "Print nothing but errors");
  cmd->add_flag("--progress", options->progress,
                "Print progress on stderr every few seconds even when it is not a terminal (on a terminal it is shown unless --quiet)");
  add_allow_large_flag(*cmd, options->allow_large);
  add_csv_dialect_option(*cmd, options->csv_dialect);
  add_lang_option(*cmd, options->lang, "the terminal output");
  cmd->add_flag("--strict", options->strict, "Treat warnings as errors (exit status 2, nothing written)");
  cmd->add_flag("--trace", options->trace,
                "Also write trace.csv: one row per spell of every citizen (state, group, start and end week, refund clock), "
                "warm-up included, in every replication and arm");
  cmd->add_option("--trace-citizens", options->trace_citizens, "With --trace: only the first N citizens of each initial-stock and inflow entry")
      ->check(CLI::Range(1u, 4000000000u));
  cmd->callback([options, &status] { status = guarded([&] { return run_command(*options); }); });
}

}  // namespace caseflow::cli
