/// `caseflow sweep EXPERIMENT`: a batch of runs over parameter values (grid, oneway, psa),
/// parallel over (point, replication), resumable from sweep.sqlite, shared among MPI ranks
/// when started under mpirun. Wiring only: the work is in sim/sweep/.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/progress.hpp"
#include "cli/resource_check.hpp"
#include "cli/output_place.hpp"
#include "cli/version.hpp"
#include "engine/system_memory.hpp"
#include "economics/run_summary.hpp"
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
  bool progress = false;
  bool allow_large = false;
  std::string csv_dialect = "standard";
  std::string lang = "da";
  bool strict = false;
};

/// Refuses a sweep whose heaviest point would not fit in memory with `threads` tasks at once,
/// or (unless --allow-large) whose work is above the bounds: the same estimates as `run`.
void check_sweep_resources(const sweep::Plan& plan, unsigned threads, bool allow_large) {
  const io::ExperimentFile& ex = plan.experiment;
  auto describe = [&](std::size_t i) {
    std::string text;
    for (std::size_t k = 0; k < ex.parameters.size(); ++k) {
      text += fmt::format("{}{} = {}", k ? ", " : "", ex.parameters[k].path, plan.points[i].values[k]);
    }
    return fmt::format("at point {} ({}): ", i, text);
  };
  auto swept = [&](const std::string& path) -> const io::ExperimentParameter* {
    for (const auto& p : ex.parameters) {
      if (p.path == path) return &p;
    }
    return nullptr;
  };
  // A sweep's tasks are (point, replication) pairs: `threads` replications run at once, and
  // only each point's money is kept.
  const std::size_t heavy = plan.heaviest_memory_point;
  const model::Scenario heaviest = plan.scenario(heavy);
  const model::MemoryEstimate memory = model::estimate_memory(heaviest, plan.arms, threads, 0.0);
  const std::size_t fast = plan.fastest_point;
  model::WorkEstimate work = model::estimate_work(plan.scenario(fast), plan.arms, plan.replications);
  work.events = plan.total_events;
  // A value the experiment sweeps is pointed at in the experiment file; others in the scenario.
  if (const auto available = engine::available_memory()) {
    const std::string problem = model::memory_problem(memory, available->bytes, available->source);
    if (!problem.empty()) {
      if (const auto* p = swept(memory.main_driver)) {
        throw io::InputError({io::experiment_error(ex, p->mark, "parameters." + p->path, describe(heavy) + problem)});
      }
      check_resources(plan.document, {}, memory, work, true, describe(heavy));
    }
  }
  if (allow_large) return;
  const std::string problem = model::work_problem(work);
  if (problem.empty()) return;
  if (work.events_per_citizen_week > model::kMaxEventsPerCitizenWeek) {
    if (const auto* p = swept(work.driver.path)) {
      throw io::InputError({io::experiment_error(ex, p->mark, "parameters." + p->path, describe(fast) + problem)});
    }
    check_resources(plan.document, {}, memory, work, false, describe(fast));
  }
  const io::ExperimentMark at = ex.kind == io::ExperimentFile::Kind::psa && ex.draws_mark.line > 0 ? ex.draws_mark : ex.scenario_mark;
  throw io::InputError({io::experiment_error(ex, at, ex.kind == io::ExperimentFile::Kind::psa ? "draws" : "experiment",
                                             fmt::format("{} points: {}", plan.points.size(), problem))});
}

/// The progress line: redrawn in place on a terminal, one line each time otherwise.
bool progress_on_terminal = true;
void print_progress(const sweep::Progress& p) {
  // Off a terminal (a log), one line every few seconds and the last one, not one per point.
  static double last_printed = -1e300;
  if (!progress_on_terminal && p.points_done < p.points_total && p.elapsed_seconds - last_printed < progress_interval_seconds()) return;
  last_printed = p.elapsed_seconds;
  const double rate = p.elapsed_seconds > 0 ? static_cast<double>(p.runs_done) / p.elapsed_seconds : 0.0;
  const int now = p.points_done - p.points_at_start;
  const double per_point = now > 0 ? p.elapsed_seconds / now : 0.0;
  const double left = per_point * (p.points_total - p.points_done);
  std::fprintf(stderr, "%ssweep: %d/%d points, %.1f runs/s, %s left%s", progress_on_terminal ? "\r" : "", p.points_done,
               p.points_total, rate, now > 0 ? clock_text(left).c_str() : "?", progress_on_terminal ? "   " : "\n");
  std::fflush(stderr);
}

/// The experiment, loaded and checked point by point (--strict: the scenario's warnings are errors).
sweep::Plan checked_plan(const SweepCommandOptions& options, bool show_progress) {
  io::ExperimentFile experiment = io::load_experiment(options.experiment);
  if (options.strict) {  // the scenario as written: its warnings are errors
    std::vector<io::Diagnostic> warnings;
    (void)io::load_scenario(experiment.scenario, {}, &warnings);
    io::throw_warnings_as_errors(warnings);
  }
  std::atomic<int> checked{0};
  // Checking every point's scenario takes about a millisecond each: say so on a big sweep.
  const ProgressReporter progress(show_progress, checked, static_cast<int>(std::min(sweep::point_count(experiment), sweep::kMaxPoints)),
                                  "punkter kontrolleret");
  return sweep::make_plan(std::move(experiment), &checked);
}

/// The line a finished sweep prints.
void print_summary(const SweepCommandOptions& options, const sweep::Plan& plan, const sweep::SweepOutcome& outcome,
                   const std::filesystem::path& out, unsigned threads, const sweep::World& world) {
  const int run_now = outcome.points_committed - outcome.points_at_start;
  const double rate = outcome.wall_seconds > 0 ? run_now / outcome.wall_seconds : 0.0;
  if (options.lang == "en") {
    std::cout << fmt::format("Sweep {} ({}): {} points × {} replications{}; results in {}/ ({:.1f} s, {:.2f} points/s, {} "
                             "thread{} × {} rank{})\n",
                             plan.experiment.name, io::kind_name(plan.experiment.kind), outcome.points_total,
                             plan.replications,
                             outcome.points_at_start > 0 ? fmt::format(" ({} resumed from sweep.sqlite)", outcome.points_at_start) : "",
                             out.string(), outcome.wall_seconds, rate, threads, threads == 1 ? "" : "s", world.size(),
                             world.size() == 1 ? "" : "s");
  } else {
    std::cout << fmt::format("Sweep {} ({}): {} punkter × {} replikationer{}; resultater i {}/ ({} s, {} punkter/s, {} "
                             "tråd{} × {} proces{})\n",
                             plan.experiment.name, io::kind_name(plan.experiment.kind), outcome.points_total,
                             plan.replications,
                             outcome.points_at_start > 0 ? fmt::format(" ({} genoptaget fra sweep.sqlite)", outcome.points_at_start) : "",
                             out.string(), economics::format_number(outcome.wall_seconds, 1),
                             economics::format_number(rate, 2), threads, threads == 1 ? "" : "e", world.size(),
                             world.size() == 1 ? "" : "ser");
  }
}

int sweep_command(const SweepCommandOptions& options, const sweep::World& world) {
  const bool root = world.is_root();
  try {
    const bool show_progress = root && progress_wanted(options.progress, options.quiet);
    sweep::Plan plan = checked_plan(options, show_progress);
    plan.caseflow_version = kVersion;
    plan.caseflow_commit = kGitCommit;
    const unsigned threads = engine::resolve_thread_count(options.threads);
    check_sweep_resources(plan, threads, options.allow_large);
    sweep::SweepOptions run;
    run.out = options.out.empty() ? "results/" + plan.experiment.name : options.out;
    run.threads = threads;
    run.resume = options.resume;
    // CASEFLOW_SHARE_BASELINES=0 simulates every point's own baseline, as before sharing: for
    // the tests and the benchmark that require sharing to change no byte (tests/README.md).
    if (const char* share = std::getenv("CASEFLOW_SHARE_BASELINES"); share != nullptr && std::string(share) == "0") {
      run.share_baselines = false;
    }
    // CASEFLOW_FORK=0 simulates every arm from the first day (model/fork.cpp), likewise.
    if (const char* fork = std::getenv("CASEFLOW_FORK"); fork != nullptr && std::string(fork) == "0") run.fork_arms = false;
    run.cancel = &install_interrupt_handler();
    run.csv_dialect = io::parse_csv_dialect(options.csv_dialect).value_or(io::CsvDialect::standard);
    run.manifest_head = manifest_head(files::OutputKind::sweep);
    // The root checks and locks --out before any point is run. A fresh sweep into a folder
    // that holds complete earlier results works beside it (.NAME.sweep-new) and swaps at the
    // end, so the earlier results survive until the new ones are complete; --resume finishes
    // such a folder if there is one.
    std::optional<OutputPlace> place;
    std::filesystem::path beside;
    run.prepare = [&]() -> std::filesystem::path {
      place.emplace(prepare_output(run.out.string(), files::OutputKind::sweep));
      const std::filesystem::path parent = place->dir.has_parent_path() ? place->dir.parent_path() : std::filesystem::path(".");
      const std::filesystem::path side = parent / ("." + place->dir.filename().string() + ".sweep-new");
      std::error_code ec;
      if (options.resume) {
        if (std::filesystem::exists(side / "sweep.sqlite", ec)) beside = side;
      } else {
        std::filesystem::remove_all(side, ec);  // an unfinished earlier attempt: replaced by this one
        if (std::filesystem::exists(place->dir / "manifest.json", ec)) {
          std::filesystem::create_directory(side);
          beside = side;
        }
      }
      return beside.empty() ? place->dir : beside;
    };
    const bool terminal = show_progress;
    progress_on_terminal = isatty(STDERR_FILENO) == 1;
    if (terminal) run.progress = print_progress;

    const sweep::SweepOutcome outcome = sweep::run_sweep(plan, run, world);
    if (terminal) std::fputc('\n', stderr);
    if (!root) return outcome.cancelled ? kInterruptedStatus : 0;
    if (!outcome.cancelled && !beside.empty()) files::swap_into_place(beside, place->dir);
    if (place) run.out = place->dir;
    if (outcome.cancelled) {
      std::cerr << fmt::format(
          "caseflow: interrupted; {} of {} points are saved in {}; rerun with --resume to finish:\n  caseflow sweep {} "
          "--out {} --resume\n",
          outcome.points_committed, outcome.points_total, (outcome.folder / "sweep.sqlite").string(), options.experiment,
          run.out.string());
      return kInterruptedStatus;
    }
    if (!options.quiet) print_summary(options, plan, outcome, run.out, threads, world);
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
  cmd->footer("The experiment file format (every key, joint parameters, what tornado.csv and psa.csv hold) is in "
              "docs/experiment-keys.md.");
  cmd->add_option("experiment", options->experiment, "Experiment file (YAML)")->required();
  cmd->add_option("--out", options->out, "Output folder (default results/<experiment name>)");
  cmd->add_option("--threads", options->threads, "Threads per process (default: all cores); results do not depend on it");
  cmd->add_flag("--resume", options->resume, "Finish an interrupted sweep from DIR/sweep.sqlite");
  cmd->add_flag("--quiet", options->quiet, "Print nothing but errors");
  cmd->add_flag("--progress", options->progress, "Print progress on stderr even when it is not a terminal");
  add_allow_large_flag(*cmd, options->allow_large);
  add_csv_dialect_option(*cmd, options->csv_dialect);
  add_lang_option(*cmd, options->lang, "the terminal output");
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
