/// `caseflow sweep EXPERIMENT`: a batch of runs over parameter values (grid, oneway, psa),
/// parallel over (point, replication), resumable from sweep.sqlite, shared among MPI ranks
/// when started under mpirun. Wiring only: the work is in sim/sweep/.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/version.hpp"
#include "engine/thread_pool.hpp"
#include "io/diagnostics.hpp"
#include "io/experiment_loader.hpp"
#include "io/scenario_loader.hpp"
#include "io/results_writer.hpp"
#include "sweep/driver.hpp"
#include "sweep/mpi_world.hpp"
#include "sweep/plan.hpp"

namespace caseflow::cli {
namespace {

struct SweepCommandOptions {
  std::string experiment;
  std::string out;
  unsigned threads = 0;
  bool resume = false;
  bool quiet = false;
  bool strict = false;
};

std::string clock_text(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

/// The progress line, redrawn in place; only on a terminal.
void print_progress(const sweep::Progress& p) {
  const double rate = p.elapsed_seconds > 0 ? static_cast<double>(p.runs_done) / p.elapsed_seconds : 0.0;
  const int now = p.points_done - p.points_at_start;
  const double per_point = now > 0 ? p.elapsed_seconds / now : 0.0;
  const double left = per_point * (p.points_total - p.points_done);
  std::fprintf(stderr, "\rsweep: %d/%d points, %.1f runs/s, %s left   ", p.points_done, p.points_total, rate,
               now > 0 ? clock_text(left).c_str() : "?");
  std::fflush(stderr);
}

int sweep_command(const SweepCommandOptions& options, const sweep::World& world) {
  const bool root = world.is_root();
  try {
    io::ExperimentFile experiment = io::load_experiment(options.experiment);
    if (options.strict) {  // the scenario as written: its warnings are errors
      std::vector<io::Diagnostic> warnings;
      (void)io::load_scenario(experiment.scenario, {}, &warnings);
      io::throw_warnings_as_errors(warnings);
    }
    sweep::Plan plan = sweep::make_plan(std::move(experiment));
    const unsigned threads = engine::resolve_thread_count(options.threads);
    sweep::SweepOptions run;
    run.out = options.out.empty() ? "results/" + plan.experiment.name : options.out;
    run.threads = threads;
    run.resume = options.resume;
    run.cancel = &install_interrupt_handler();
    run.manifest_head = {{"caseflow_version", io::json_string(kVersion)}, {"git_commit", io::json_string(kGitCommit)}};
    const bool terminal = root && !options.quiet && isatty(STDERR_FILENO) == 1;
    if (terminal) run.progress = print_progress;

    const sweep::SweepOutcome outcome = sweep::run_sweep(plan, run, world);
    if (terminal) std::fputc('\n', stderr);
    if (!root) return outcome.cancelled ? kInterruptedStatus : 0;
    const int run_now = outcome.points_committed - outcome.points_at_start;
    if (outcome.cancelled) {
      std::cerr << fmt::format(
          "caseflow: interrupted; {} of {} points are saved in {}; rerun with --resume to finish:\n  caseflow sweep {} "
          "--out {} --resume\n",
          outcome.points_committed, outcome.points_total, (run.out / "sweep.sqlite").string(), options.experiment,
          run.out.string());
      return kInterruptedStatus;
    }
    if (!options.quiet) {
      const double rate = outcome.wall_seconds > 0 ? run_now / outcome.wall_seconds : 0.0;
      std::cout << fmt::format("Sweep {} ({}): {} points × {} replications{}; results in {}/ ({:.1f} s, {:.2f} points/s, {} "
                               "thread{} × {} rank{})\n",
                               plan.experiment.name, io::kind_name(plan.experiment.kind), outcome.points_total,
                               plan.replications,
                               outcome.points_at_start > 0 ? fmt::format(" ({} resumed from sweep.sqlite)", outcome.points_at_start) : "",
                               run.out.string(), outcome.wall_seconds, rate, threads, threads == 1 ? "" : "s", world.size(),
                               world.size() == 1 ? "" : "s");
    }
    return 0;
  } catch (const io::InputError&) {
    if (root) throw;
    return 2;  // every rank finds the same problem; the root reports it
  } catch (const std::exception&) {
    if (root) throw;
    return 1;
  }
}

}  // namespace

void add_sweep_command(CLI::App& app, int& status) {
  auto options = std::make_shared<SweepCommandOptions>();
  CLI::App* cmd = app.add_subcommand("sweep", "Run a batch over parameter values: grid, oneway (tornado) or psa (Monte Carlo "
                                              "over parameter distributions); parallel, resumable, MPI-aware");
  cmd->add_option("experiment", options->experiment, "Experiment file (YAML)")->required();
  cmd->add_option("--out", options->out, "Output folder (default results/<experiment name>)");
  cmd->add_option("--threads", options->threads, "Threads per process (default: all cores); results do not depend on it");
  cmd->add_flag("--resume", options->resume, "Finish an interrupted sweep from DIR/sweep.sqlite");
  cmd->add_flag("--quiet", options->quiet, "Print nothing but errors");
  cmd->add_flag("--strict", options->strict, "Treat the scenario's warnings as errors (exit status 2, nothing written)");
  cmd->callback([options, &status] {
    status = guarded([&] {
      // MPI is initialized (when launched by mpirun) before any thread starts and finalized after
      // the last one ends.
      const sweep::World world;
      return sweep_command(*options, world);
    });
  });
}

}  // namespace caseflow::cli
