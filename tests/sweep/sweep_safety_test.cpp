// A sweep never destroys complete earlier results before its own are complete, and two sweeps
// into one folder exclude each other (issue 15, items 1 and 4).
#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include "sweep_support.hpp"
#include "sweep/store.hpp"

using namespace caseflow::testing;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

/// Polls `database` until `points` points are committed (or 60 s pass); the count seen.
int wait_for_committed(const fs::path& database, int points) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int seen = -1;
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    if (fs::exists(database, ec)) seen = caseflow::sweep::committed_point_count(database);
    if (seen >= points) return seen;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return seen;
}

}  // namespace

TEST_CASE("A new sweep into a folder with complete results keeps them until its own are complete", "[sweep][safety]") {
  const fs::path dir = scratch("swap");
  const fs::path out = dir / "out";
  const std::string experiment = sweep_data("resume.yaml");
  const Outcome first = run_caseflow({"sweep", experiment, "--out", out.string(), "--threads", "2", "--quiet"}, dir);
  INFO(first.err);
  REQUIRE(first.status() == 0);
  const std::string manifest = read_text(out / "manifest.json");
  const std::string csv = read_text(out / "sweep.csv");
  REQUIRE(!csv.empty());

  // A second, fresh sweep into the same folder, interrupted part-way: it works beside the
  // folder (.out.sweep-new), so the complete results are still there, untouched.
  Child second({"sweep", experiment, "--out", out.string(), "--threads", "1"}, dir);
  REQUIRE(wait_for_committed(dir / ".out.sweep-new" / "sweep.sqlite", 2) >= 2);
  second.send(SIGINT);
  const Outcome interrupted = second.wait();
  CHECK(interrupted.status() == 130);
  CHECK_THAT(interrupted.err, Contains(".out.sweep-new/sweep.sqlite") && Contains("--resume"));
  CHECK(read_text(out / "manifest.json") == manifest);
  CHECK(read_text(out / "sweep.csv") == csv);
  CHECK(caseflow::sweep::committed_point_count(out / "sweep.sqlite") == 30);

  // --resume finishes the new sweep and only then swaps it in; same experiment, same bytes.
  const Outcome resumed = run_caseflow({"sweep", experiment, "--out", out.string(), "--resume", "--quiet"}, dir);
  INFO(resumed.err);
  REQUIRE(resumed.status() == 0);
  CHECK(read_text(out / "sweep.csv") == csv);
  CHECK(!fs::exists(dir / ".out.sweep-new"));
  CHECK(!fs::exists(dir / ".out.lock"));
  fs::remove_all(dir);
}

TEST_CASE("A second sweep into a folder in use exits 2 naming the first one's PID", "[sweep][safety]") {
  const fs::path dir = scratch("lock");
  const fs::path out = dir / "out";
  const std::string experiment = sweep_data("resume.yaml");
  fs::create_directories(dir / "first");
  Child first({"sweep", experiment, "--out", out.string(), "--threads", "1"}, dir / "first");
  REQUIRE(wait_for_committed(out / "sweep.sqlite", 1) >= 1);
  fs::create_directories(dir / "second");
  const Outcome second = run_caseflow({"sweep", experiment, "--out", out.string(), "--threads", "1"}, dir / "second");
  CHECK(second.status() == 2);
  CHECK_THAT(second.err, Contains("in use by another caseflow (process " + std::to_string(first.pid()) + ","));
  first.send(SIGINT);
  CHECK(first.wait().status() == 130);
  // The first sweep's points are all its own (the second deleted nothing) and it resumes.
  const Outcome resumed = run_caseflow({"sweep", experiment, "--out", out.string(), "--resume", "--quiet"}, dir);
  INFO(resumed.err);
  CHECK(resumed.status() == 0);
  fs::remove_all(dir);
}

TEST_CASE("A sweep refuses an --out folder that holds something else", "[sweep][safety]") {
  const fs::path dir = scratch("foreign");
  fs::create_directories(dir / "mine");
  write_text(dir / "mine" / "notes.txt", "keep me\n");
  const Outcome r = run_caseflow({"sweep", sweep_data("grid.yaml"), "--out", (dir / "mine").string()}, dir);
  CHECK(r.status() == 2);
  CHECK_THAT(r.err, Contains("--out " + (dir / "mine").string()) && Contains("notes.txt"));
  CHECK(read_text(dir / "mine" / "notes.txt") == "keep me\n");
  fs::remove_all(dir);
}
