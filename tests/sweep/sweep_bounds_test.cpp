// A sweep's size and cost are bounded before it starts (issue 15, items 8 and 10): too many
// points are refused at once (not planned for minutes into gigabytes), the heaviest point's
// memory is checked like `run`'s, and progress is shown while points are checked and run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <regex>

#include "sweep_support.hpp"

using namespace caseflow::testing;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

fs::path experiment(const fs::path& dir, const std::string& name, const std::string& text) {
  if (!fs::exists(dir / "two_state.yaml")) fs::copy_file(sweep_data("two_state.yaml"), dir / "two_state.yaml");
  write_text(dir / name, text);
  return dir / name;
}

}  // namespace

TEST_CASE("A PSA of ten million draws is refused at once at 'draws', nothing written", "[sweep]") {
  const fs::path dir = scratch("bounds-draws");
  std::string text = read_text(sweep_data("psa.yaml"));
  text.replace(text.find("draws: 12"), 9, "draws: 10000000");
  const fs::path file = experiment(dir, "big.yaml", text);
  const auto start = std::chrono::steady_clock::now();
  const Outcome r = run_caseflow({"sweep", file.string(), "--out", (dir / "out").string()}, dir);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(r.err);
  CHECK(r.status() == 2);
  CHECK(seconds < 10.0);
  CHECK_THAT(r.err, Contains(file.string() + ":8:10: error: draws: this experiment has 10000000 points; a sweep may have at most 100000"));
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("A grid whose point count would overflow is refused, not wrapped to a small count", "[sweep]") {
  const fs::path dir = scratch("bounds-grid");
  // 8 parameters of 300 values: 300^8 = 6.6e19 points, more than a 64-bit count holds.
  std::string values = "[";
  for (int i = 0; i < 300; ++i) values += (i ? ", " : "") + std::to_string(0.01 + i * 1e-5);
  values += "]";
  std::string text = "experiment:\n  name: huge\n  scenario: two_state.yaml\n  kind: grid\n  replications: 2\nparameters:\n";
  for (const char* path : {"transitions.ledig.job.rate", "interventions.indsats.effects[0].multiplier", "initial[0].count",
                           "interventions.indsats.costs[0].per_year", "report.prudence_factor", "report.discount_rate",
                           "benefits.ydelse.weekly_rate", "scenario.years"}) {
    text += std::string("  ") + path + ": " + values + "\n";
  }
  const fs::path file = experiment(dir, "huge.yaml", text);
  const Outcome r = run_caseflow({"sweep", file.string(), "--out", (dir / "out").string()}, dir);
  INFO(r.err);
  CHECK(r.status() == 2);
  CHECK_THAT(r.err, Contains("this experiment has more than 10^19 points; a sweep may have at most 100000"));
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("A sweep whose heaviest point would not fit in memory is refused before running, at that parameter", "[sweep]") {
  const fs::path dir = scratch("bounds-memory");
  const fs::path file = experiment(dir, "big.yaml",
                                   "experiment:\n  name: big\n  scenario: two_state.yaml\n  kind: grid\n  replications: 2\n"
                                   "parameters:\n  initial[0].count: [300, 2000000]\n");
  const Outcome r = run_caseflow({"sweep", file.string(), "--out", (dir / "out").string(), "--threads", "1"}, dir / "log",
                                 {"CASEFLOW_MEMORY_AVAILABLE=100000000"});
  const std::string& err = r.err;
  INFO(err);
  CHECK(r.status() == 2);
  CHECK_THAT(err, Contains(file.string() + ":7:3: error: parameters.initial[0].count: at point 1 (initial[0].count = 2000000): "
                                           "this run needs about") &&
                      Contains("this machine has 100 MB available"));
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("sweep --progress prints progress lines to a log (not a terminal), a few, not one per point", "[sweep]") {
  const fs::path dir = scratch("bounds-progress");
  std::string text = read_text(sweep_data("psa.yaml"));
  text.replace(text.find("draws: 12"), 9, "draws: 60");
  const fs::path file = experiment(dir, "psa.yaml", text);
  const Outcome r = run_caseflow({"sweep", file.string(), "--out", (dir / "out").string(), "--threads", "1", "--progress"},
                                 dir / "log", {"CASEFLOW_PROGRESS_SECONDS=0.2"});
  const std::string& err = r.err;
  INFO(err);
  REQUIRE(r.status() == 0);
  CHECK(std::regex_search(err, std::regex("sweep: [0-9]+/60 points, [0-9.]+ runs/s, [0-9?:]+ left\n")));
  CHECK_THAT(err, Contains("sweep: 60/60 points"));
  CHECK_THAT(err, !Contains("\r"));
  const auto lines = static_cast<int>(std::count(err.begin(), err.end(), '\n'));
  CHECK(lines < 60);
  // Without --progress and off a terminal: nothing.
  const Outcome quiet = run_caseflow({"sweep", file.string(), "--out", (dir / "out2").string(), "--threads", "1"}, dir / "log2");
  REQUIRE(quiet.status() == 0);
  CHECK(quiet.err.empty());
}
