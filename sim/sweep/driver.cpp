#include "sweep/driver.hpp"

#include <chrono>
#include <ctime>
#include <exception>
#include <optional>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "engine/thread_pool.hpp"
#include "io/diagnostics.hpp"
#include "io/results_writer.hpp"
#include "sweep/runner.hpp"
#include "sweep/store.hpp"
#include "sweep/tables.hpp"

namespace caseflow::sweep {
namespace {

/// Root's answer to "which points are missing": "ok" and the points, or "error".
std::string encode_missing(const std::vector<int>& missing) {
  std::string text = "ok";
  for (const int p : missing) {
    text += ' ';  // not `" " + …`: GCC 12 warns falsely (-Wrestrict) once this is inlined
    text += std::to_string(p);
  }
  return text;
}

std::vector<int> decode_missing(const std::string& text) {
  std::istringstream in(text);
  std::string status;
  in >> status;
  if (status != "ok") throw io::InputError({});  // the root reports the problem
  std::vector<int> points;
  int p = 0;
  while (in >> p) points.push_back(p);
  return points;
}

/// The points of `0 … total-1` that the store does not hold yet, ascending.
std::vector<int> missing_points(const SweepStore& store, int total) {
  std::vector<bool> done(static_cast<std::size_t>(total), false);
  for (const int p : store.finished_points()) {
    if (p >= 0 && p < total) done[static_cast<std::size_t>(p)] = true;
  }
  std::vector<int> missing;
  for (int p = 0; p < total; ++p) {
    if (!done[static_cast<std::size_t>(p)]) missing.push_back(p);
  }
  return missing;
}

/// Root: the database in `work`, fresh (the older sweep's files removed) or resumed.
SweepStore open_store(const Plan& plan, const SweepOptions& options, const std::filesystem::path& work) {
  const std::filesystem::path database = work / "sweep.sqlite";
  if (options.resume) return SweepStore::resume(database, plan);
  std::filesystem::create_directories(work);
  // A fresh sweep must not leave an older sweep's files looking complete.
  for (const char* name : {"sweep.csv", "tornado.csv", "psa.csv", "manifest.json"}) {
    std::error_code ec;
    std::filesystem::remove(work / name, ec);
  }
  return SweepStore::create(database, plan);
}

/// One round: every rank runs its `batch`, the root commits its own points as they finish and
/// the others' after the gather. A failure on any rank fails all; true when any was cancelled.
template <class Commit>
bool run_round(const Plan& plan, const std::vector<int>& batch, const SweepOptions& options, const World& world,
               SharedBaselines& baselines, Commit& committed) {
  std::string outgoing;
  std::string failure;
  bool my_cancel = false;
  try {
    const RunStats stats = run_points(plan, batch, options.threads, options.cancel, baselines, [&](PointResult&& result) {
      if (world.is_root()) {
        committed(result, 0);
      } else {
        serialize(result, outgoing);
      }
    });
    my_cancel = stats.cancelled;
  } catch (const std::exception& e) {
    failure = e.what();
  }
  const std::vector<std::string> incoming = world.gather(outgoing);
  if (world.is_root()) {
    for (std::size_t r = 1; r < incoming.size(); ++r) {
      for (const auto& result : deserialize(incoming[r])) committed(result, static_cast<int>(r));
    }
  }
  if (world.any(!failure.empty())) {
    throw std::runtime_error(failure.empty() ? std::string("another rank of the sweep failed") : failure);
  }
  return world.any(my_cancel);
}

/// Root, once every point is committed: the CSV files from what the database holds, then
/// manifest.json last.
void write_outputs(const Plan& plan, const SweepOptions& options, const World& world, const SweepStore& store,
                   const std::filesystem::path& work, const std::string& started,
                   std::chrono::steady_clock::time_point wall_start, SweepOutcome& outcome) {
  const int total = static_cast<int>(plan.points.size());
  const std::vector<PointResult> results = store.read_all();
  if (static_cast<int>(results.size()) != total) {
    throw std::runtime_error(fmt::format("{} holds {} of {} points after the sweep", (work / "sweep.sqlite").string(), results.size(), total));
  }
  std::vector<economics::Table> tables = {sweep_table(plan, results)};
  if (plan.experiment.kind == io::ExperimentFile::Kind::oneway) tables.push_back(tornado_table(plan, results));
  if (plan.experiment.kind == io::ExperimentFile::Kind::psa) tables.push_back(psa_table(plan, results));
  for (const auto& t : tables) {
    io::write_file_atomically(work / (t.name + ".csv"), io::format_csv(t, options.csv_dialect));
    outcome.files.push_back(t.name + ".csv");
  }

  std::vector<std::string> parameters;
  for (const auto& p : plan.experiment.parameters) parameters.push_back(p.path);
  std::vector<std::string> arms(plan.arm_names.begin() + 1, plan.arm_names.end());
  std::vector<std::pair<std::string, std::string>> manifest = options.manifest_head;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  for (auto entry : std::vector<std::pair<std::string, std::string>>{
           {"experiment_name", io::json_string(plan.experiment.name)},
           {"experiment_file", io::json_string(plan.experiment.file)},
           {"experiment_sha256", io::json_string(plan.experiment.sha256)},
           {"scenario_file", io::json_string(plan.experiment.scenario.string())},
           {"scenario_sha256", io::json_string(plan.scenario_sha256)},
           {"kind", io::json_string(io::kind_name(plan.experiment.kind))},
           {"seed", std::to_string(plan.seed)},
           {"replications", std::to_string(plan.replications)},
           {"points", std::to_string(total)},
           {"parameters", io::json_string_list(parameters)},
           {"arms", io::json_string_list(arms)},
           {"files", io::json_string_list(outcome.files)},
           // Below: how this session ran, which differs between runs with the same results.
           {"threads", std::to_string(options.threads)},
           {"ranks", std::to_string(world.size())},
           {"points_run_now", std::to_string(total - outcome.points_at_start)},
           {"started", io::json_string(started)},
           {"finished", io::json_string(io::utc_timestamp())},
           {"wall_seconds", fmt::format("{:.3f}", wall)}}) {
    manifest.push_back(std::move(entry));
  }
  io::write_file_atomically(work / "manifest.json", io::manifest_json(manifest));
  outcome.files.emplace_back("manifest.json");
  outcome.wall_seconds = wall;
}

}  // namespace

std::vector<std::string> output_files(const Plan& plan) {
  std::vector<std::string> files = {"sweep.csv"};
  if (plan.experiment.kind == io::ExperimentFile::Kind::oneway) files.emplace_back("tornado.csv");
  if (plan.experiment.kind == io::ExperimentFile::Kind::psa) files.emplace_back("psa.csv");
  files.emplace_back("manifest.json");
  return files;
}

SweepOutcome run_sweep(const Plan& plan, const SweepOptions& options, const World& world) {
  const auto wall_start = std::chrono::steady_clock::now();
  const std::string started = io::utc_timestamp();
  std::filesystem::path work = options.out;
  const int total = static_cast<int>(plan.points.size());
  SweepOutcome outcome;
  outcome.points_total = total;

  // The root opens the database and decides what is missing; the others learn it by broadcast.
  std::optional<SweepStore> store;
  std::string answer = "error";
  std::exception_ptr refused;
  if (world.is_root()) {
    try {
      if (options.prepare) work = options.prepare();
      outcome.folder = work;
      store.emplace(open_store(plan, options, work));
      const std::vector<int> missing = missing_points(*store, total);
      answer = encode_missing(missing);
      outcome.points_at_start = total - static_cast<int>(missing.size());
    } catch (...) {
      refused = std::current_exception();
    }
  }
  answer = world.broadcast(answer);
  if (refused) std::rethrow_exception(refused);
  const std::vector<int> missing = decode_missing(answer);
  outcome.points_at_start = total - static_cast<int>(missing.size());

  std::vector<int> mine;
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (static_cast<int>(i % static_cast<std::size_t>(world.size())) == world.rank()) mine.push_back(missing[i]);
  }
  // Points that share a baseline run one after another, so that each replication's baseline
  // is simulated once for them and kept only while they need it (shared_baselines.hpp).
  mine = grouped_by_baseline(plan, mine);
  SharedBaselines baselines(plan, mine, options.share_baselines && sharing_fits(plan, mine), options.fork_arms);
  // One round on a single process; on several ranks, rounds of a few points each so that the
  // root commits the others' points as the sweep goes rather than only at the end.
  const std::size_t per_round =
      world.size() == 1 ? std::max<std::size_t>(1, mine.size()) : std::max<std::size_t>(2, 2 * static_cast<std::size_t>(options.threads));
  const std::size_t most = (missing.size() + static_cast<std::size_t>(world.size()) - 1) / static_cast<std::size_t>(world.size());
  const std::size_t rounds = (most + per_round - 1) / per_round;

  Progress progress;
  progress.points_total = total;
  progress.points_at_start = outcome.points_at_start;
  progress.points_done = outcome.points_at_start;
  auto committed = [&](const PointResult& result, int rank) {
    store->commit(plan, result, rank);
    ++progress.points_done;
    progress.runs_done += plan.replications;
    progress.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    if (options.progress) options.progress(progress);
  };

  bool cancelled = false;
  for (std::size_t round = 0; round < rounds && !cancelled; ++round) {
    const std::size_t from = std::min(mine.size(), round * per_round);
    const std::size_t to = std::min(mine.size(), from + per_round);
    const std::vector<int> batch(mine.begin() + static_cast<std::ptrdiff_t>(from), mine.begin() + static_cast<std::ptrdiff_t>(to));
    cancelled = run_round(plan, batch, options, world, baselines, committed);
  }

  outcome.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  outcome.cancelled = cancelled;
  outcome.points_committed = world.is_root() ? progress.points_done : 0;
  if (cancelled || !world.is_root()) return outcome;

  write_outputs(plan, options, world, *store, work, started, wall_start, outcome);
  return outcome;
}

}  // namespace caseflow::sweep
