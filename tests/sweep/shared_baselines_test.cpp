// Sharing one baseline run per replication among a sweep's points (sim/sweep/shared_baselines.hpp):
// how often the baseline is simulated, and that no output byte changes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "io/experiment_loader.hpp"
#include "sweep_support.hpp"
#include "sweep/runner.hpp"
#include "sweep/shared_baselines.hpp"

using namespace caseflow;
using namespace caseflow::testing;
namespace fs = std::filesystem;

TEST_CASE("Points that differ only in an intervention's values simulate each replication's baseline once", "[sweep]") {
  // grid.yaml: 3 effect multipliers × 2 baseline job rates = 6 points, 3 replications, so two
  // baselines (one per rate) × 3 replications = 6 baseline runs instead of 18.
  const sweep::Plan plan = sweep::make_plan(io::load_experiment(sweep_data("grid.yaml")));
  REQUIRE(plan.points.size() == 6);
  REQUIRE(plan.replications == 3);
  const std::set<std::uint64_t> distinct(plan.baseline_hashes.begin(), plan.baseline_hashes.end());
  CHECK(distinct.size() == 2);
  // Points 0, 2, 4 have rate 0.015 and 1, 3, 5 rate 0.025 (the last parameter varies fastest).
  CHECK(plan.baseline_hashes[0] == plan.baseline_hashes[4]);
  CHECK(plan.baseline_hashes[1] == plan.baseline_hashes[5]);
  CHECK(plan.baseline_hashes[0] != plan.baseline_hashes[1]);
  const std::vector<int> all = {0, 1, 2, 3, 4, 5};
  CHECK(sweep::grouped_by_baseline(plan, all) == std::vector<int>{0, 2, 4, 1, 3, 5});

  for (const unsigned threads : {1u, 3u}) {
    INFO("threads " << threads);
    sweep::SharedBaselines shared(plan, all, true);
    std::vector<sweep::PointResult> with;
    sweep::run_points(plan, sweep::grouped_by_baseline(plan, all), threads, nullptr, shared,
                      [&](sweep::PointResult&& r) { with.push_back(std::move(r)); });
    CHECK(shared.simulated() == 6);
    CHECK(shared.reused() == 12);

    sweep::SharedBaselines alone(plan, all, false);
    std::vector<sweep::PointResult> without;
    sweep::run_points(plan, all, threads, nullptr, alone, [&](sweep::PointResult&& r) { without.push_back(std::move(r)); });
    CHECK(alone.simulated() == 18);
    CHECK(alone.reused() == 0);

    // The same rows, value for value (exact equality: the same numbers were added in the same order).
    auto by_point = [](std::vector<sweep::PointResult>& v) {
      std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.point < b.point; });
    };
    by_point(with);
    by_point(without);
    REQUIRE(with.size() == without.size());
    for (std::size_t p = 0; p < with.size(); ++p) {
      REQUIRE(with[p].rows.size() == without[p].rows.size());
      for (std::size_t i = 0; i < with[p].rows.size(); ++i) {
        const auto& a = with[p].rows[i];
        const auto& b = without[p].rows[i];
        CHECK(a.savings == b.savings);
        CHECK(a.savings_lo == b.savings_lo);
        CHECK(a.net == b.net);
        CHECK(a.net_hi == b.net_hi);
        CHECK(a.p_net_saving == b.p_net_saving);
      }
    }
  }
}

// Both ways of sharing work at once against neither: shared baselines and arms forked from a
// shared past (model/fork.cpp) against every point simulating everything from the first day.
TEST_CASE("Sharing baselines and forking the arms change no byte of a sweep's files", "[sweep]") {
  REQUIRE_FALSE(caseflow_bin().empty());
  const fs::path dir = scratch("shared-baselines");
  for (const char* experiment : {"grid.yaml", "oneway.yaml", "psa.yaml", "resume.yaml", "fork_psa.yaml"}) {
    INFO(experiment);
    const std::string name = fs::path(experiment).stem().string();
    const Outcome own = run_caseflow({"sweep", sweep_data(experiment), "--out", (dir / (name + "-own")).string(), "--threads", "2"},
                                     dir, {"CASEFLOW_SHARE_BASELINES=0", "CASEFLOW_FORK=0"});
    const Outcome shared = run_caseflow({"sweep", sweep_data(experiment), "--out", (dir / (name + "-shared")).string(), "--threads", "2"}, dir);
    INFO(own.err << shared.err);
    REQUIRE(own.status() == 0);
    REQUIRE(shared.status() == 0);
    for (const char* file : {"sweep.csv", "tornado.csv", "psa.csv"}) {
      INFO(file);
      const fs::path a = dir / (name + "-own") / file;
      CHECK(fs::exists(a) == fs::exists(dir / (name + "-shared") / file));
      if (fs::exists(a)) CHECK(read_text(a) == read_text(dir / (name + "-shared") / file));
    }
    CHECK(manifest_without_session(dir / (name + "-own") / "manifest.json") ==
          manifest_without_session(dir / (name + "-shared") / "manifest.json"));
  }
}
