// End-to-end properties of `caseflow sweep`, through the real binary (CASEFLOW_BIN).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <fstream>
#include <cstdlib>
#include <map>
#include <sstream>
#include <thread>

#include "csv.hpp"
#include "sweep_support.hpp"
#include "sweep/store.hpp"

using namespace caseflow::testing;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

void require_binary() { REQUIRE_NOTHROW(caseflow_bin()); }

/// Polls sweep.sqlite until at least `points` points are committed or the child has run 60 s.
int wait_for_points(const fs::path& database, int points) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int seen = -1;
  while (std::chrono::steady_clock::now() < deadline) {
    if (fs::exists(database)) seen = caseflow::sweep::committed_point_count(database);
    if (seen >= points) return seen;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return seen;
}

}  // namespace

TEST_CASE("Sweep files are byte-identical for 1 and 2 threads", "[sweep]") {
  require_binary();
  const fs::path dir = scratch("threads");
  const Outcome one = run_caseflow({"sweep", sweep_data("grid.yaml"), "--out", (dir / "t1").string(), "--threads", "1"}, dir);
  const Outcome two = run_caseflow({"sweep", sweep_data("grid.yaml"), "--out", (dir / "t2").string(), "--threads", "2"}, dir);
  INFO(one.err << two.err);
  REQUIRE(one.status() == 0);
  REQUIRE(two.status() == 0);
  const std::string csv = read_text(dir / "t1" / "sweep.csv");
  CHECK(csv == read_text(dir / "t2" / "sweep.csv"));
  // 6 grid points × 1 arm × (2 years + total), and a header.
  CHECK(csv_data_rows(dir / "t1" / "sweep.csv").size() == 18);
  CHECK(manifest_without_session(dir / "t1" / "manifest.json") == manifest_without_session(dir / "t2" / "manifest.json"));
  CHECK(caseflow::sweep::committed_point_count(dir / "t1" / "sweep.sqlite") == 6);
}

TEST_CASE("Tornado rows pair each parameter's low and high runs with the base run over the whole horizon", "[sweep]") {
  require_binary();
  const fs::path dir = scratch("tornado");
  const Outcome r = run_caseflow({"sweep", sweep_data("oneway.yaml"), "--out", (dir / "out").string(), "--threads", "2"}, dir);
  INFO(r.err);
  REQUIRE(r.status() == 0);
  // sweep.csv: point, 3 parameters, arm, year, savings, savings_lo, savings_hi, net, …
  std::map<std::pair<int, std::string>, double> total_net;
  for (const auto& row : csv_data_rows(dir / "out" / "sweep.csv")) {
    REQUIRE(row.size() == 13);
    if (row[5] == "total") total_net[{std::stoi(row[0]), row[4]}] = std::stod(row[9]);
  }
  REQUIRE(total_net.size() == 14);  // 7 points × 2 arms
  const auto tornado = csv_data_rows(dir / "out" / "tornado.csv");
  // 3 parameters for indsats; 2 for andet (indsats' multiplier cannot move the other arm).
  REQUIRE(tornado.size() == 5);
  const std::vector<std::string> paths = {"interventions.indsats.effects[0].multiplier", "transitions.ledig.job.rate",
                                          "benefits.ydelse.weekly_rate"};
  std::string previous_arm;
  double previous_swing = 0.0;
  for (const auto& row : tornado) {
    const std::string& arm = row[6];
    const auto k = static_cast<int>(std::find(paths.begin(), paths.end(), row[0]) - paths.begin());
    REQUIRE(k < 3);
    if (arm == "andet") CHECK(k != 0);
    // 1.000 kr.
    CHECK(1000.0 * std::stod(row[3]) == Approx(total_net.at({1 + 2 * k, arm})).margin(1.0));
    CHECK(1000.0 * std::stod(row[4]) == Approx(total_net.at({2 + 2 * k, arm})).margin(1.0));
    CHECK(1000.0 * std::stod(row[5]) == Approx(total_net.at({0, arm})).margin(1.0));
    CHECK(std::stod(row[7]) == Approx(std::fabs(std::stod(row[4]) - std::stod(row[3]))).margin(0.002));
    // Sorted by swing, widest first, within each arm.
    if (arm == previous_arm) CHECK(std::stod(row[7]) <= previous_swing);
    previous_arm = arm;
    previous_swing = std::stod(row[7]);
  }
  CHECK(tornado[0][6] == "indsats");
  CHECK(tornado[3][6] == "andet");
  // A bigger effect saves more: net falls from low to high multiplier for indsats.
  for (const auto& row : tornado) {
    if (row[6] == "indsats" && row[0] == paths[0]) {
      CHECK(std::stod(row[4]) < std::stod(row[5]));
      CHECK(std::stod(row[5]) < std::stod(row[3]));
    }
  }
}

TEST_CASE("A joint parameter sets every one of its paths to the same value", "[sweep]") {
  require_binary();
  const fs::path dir = scratch("joint");
  fs::create_directories(dir);
  fs::copy_file(sweep_data("two_state.yaml"), dir / "two_state.yaml", fs::copy_options::overwrite_existing);
  std::ofstream(dir / "joint.yaml") << "experiment:\n  name: joint\n  scenario: two_state.yaml\n  kind: grid\n  replications: 2\n"
                                       "parameters:\n  samme_effekt:\n    paths:\n      - interventions.indsats.effects[0].multiplier\n"
                                       "      - interventions.andet.effects[0].multiplier\n    values: [1.0, 1.5]\n";
  const Outcome r = run_caseflow({"sweep", (dir / "joint.yaml").string(), "--out", (dir / "out").string()}, dir);
  INFO(r.err);
  REQUIRE(r.status() == 0);
  const auto rows = csv_data_rows(dir / "out" / "sweep.csv");
  REQUIRE(!rows.empty());
  // A multiplier of 1.0 in both effects: both arms are the baseline (savings exactly 0).
  for (const auto& row : rows) {
    if (row[1] == "1.0") CHECK(std::stod(row[4]) == 0.0);
  }
}

TEST_CASE("psa.csv summarises the draws' mean net per arm and year", "[sweep]") {
  require_binary();
  const fs::path dir = scratch("psa");
  const Outcome r = run_caseflow({"sweep", sweep_data("psa.yaml"), "--out", (dir / "out").string()}, dir);
  INFO(r.err);
  REQUIRE(r.status() == 0);
  std::map<std::string, std::vector<double>> nets;  // year -> per-draw net
  for (const auto& row : csv_data_rows(dir / "out" / "sweep.csv")) nets[row[5]].push_back(std::stod(row[9]));
  const auto psa = csv_data_rows(dir / "out" / "psa.csv");
  REQUIRE(psa.size() == 3);
  for (const auto& row : psa) {
    const auto& v = nets.at(row[1]);
    REQUIRE(v.size() == 12);
    double mean = 0.0, below = 0.0;
    for (const double x : v) mean += x / 12.0, below += x < 0 ? 1.0 : 0.0;
    CHECK(std::stod(row[2]) == Approx(mean).margin(0.01));
    CHECK(std::stod(row[3]) <= std::stod(row[4]));
    CHECK(std::stod(row[4]) <= std::stod(row[5]));
    CHECK(std::stod(row[6]) == Approx(below / 12.0).margin(1e-4));
  }
}

TEST_CASE("A sweep killed after some points and resumed writes the same files as an unbroken sweep", "[sweep]") {
  require_binary();
  const fs::path dir = scratch("resume");
  const std::string experiment = sweep_data("resume.yaml");
  const Outcome unbroken = run_caseflow({"sweep", experiment, "--out", (dir / "whole").string(), "--threads", "1"}, dir);
  INFO(unbroken.err);
  REQUIRE(unbroken.status() == 0);

  const fs::path broken = dir / "broken";
  Child child({"sweep", experiment, "--out", broken.string(), "--threads", "1"}, dir);
  const int seen = wait_for_points(broken / "sweep.sqlite", 3);
  child.send(SIGKILL);
  REQUIRE(child.wait().status() == 128 + SIGKILL);
  const int kept = caseflow::sweep::committed_point_count(broken / "sweep.sqlite");
  INFO("points committed when killed: " << kept);
  REQUIRE(seen >= 3);
  REQUIRE(kept >= 3);
  REQUIRE(kept < 30);  // killed part-way
  CHECK_FALSE(fs::exists(broken / "sweep.csv"));
  CHECK_FALSE(fs::exists(broken / "manifest.json"));

  const Outcome resumed = run_caseflow({"sweep", experiment, "--out", broken.string(), "--threads", "2", "--resume"}, dir);
  INFO(resumed.err);
  REQUIRE(resumed.status() == 0);
  CHECK_THAT(resumed.out, Contains(std::to_string(kept) + " genoptaget fra sweep.sqlite"));
  for (const char* file : {"sweep.csv", "psa.csv"}) {
    INFO(file);
    CHECK(read_text(broken / file) == read_text(dir / "whole" / file));
  }
  CHECK(manifest_without_session(broken / "manifest.json") == manifest_without_session(dir / "whole" / "manifest.json"));
}

TEST_CASE("Ctrl-C stops a sweep with status 130, keeps finished points and says to rerun with --resume", "[sweep]") {
  require_binary();
  const fs::path dir = scratch("interrupt");
  const fs::path out = dir / "out";
  Child child({"sweep", sweep_data("resume.yaml"), "--out", out.string(), "--threads", "1"}, dir);
  REQUIRE(wait_for_points(out / "sweep.sqlite", 2) >= 2);
  child.send(SIGINT);
  const Outcome ended = child.wait();
  REQUIRE(ended.status() == 130);
  const std::string err = ended.err;
  CHECK_THAT(err, Contains("interrupted") && Contains("--resume"));
  CHECK(caseflow::sweep::committed_point_count(out / "sweep.sqlite") >= 2);
  CHECK_FALSE(fs::exists(out / "sweep.csv"));
  const Outcome resumed = run_caseflow({"sweep", sweep_data("resume.yaml"), "--out", out.string(), "--resume"}, dir);
  INFO(resumed.err);
  CHECK(resumed.status() == 0);
  CHECK(caseflow::sweep::committed_point_count(out / "sweep.sqlite") == 30);
}

TEST_CASE("Resuming with a changed experiment file is refused with a clear message", "[sweep]") {
  require_binary();
  const fs::path dir = scratch("changed");
  fs::copy_file(sweep_data("two_state.yaml"), dir / "two_state.yaml");
  fs::copy_file(sweep_data("grid.yaml"), dir / "grid.yaml");
  REQUIRE(run_caseflow({"sweep", (dir / "grid.yaml").string(), "--out", (dir / "out").string()}, dir).status() == 0);
  write_text(dir / "grid.yaml", read_text(dir / "grid.yaml") + "# changed\n");
  const Outcome r = run_caseflow({"sweep", (dir / "grid.yaml").string(), "--out", (dir / "out").string(), "--resume"}, dir);
  CHECK(r.status() == 2);
  CHECK_THAT(r.err, Contains("sweep.sqlite: error:") && Contains("the experiment file") && Contains("has changed"));
  const Outcome missing = run_caseflow({"sweep", (dir / "grid.yaml").string(), "--out", (dir / "none").string(), "--resume"}, dir);
  CHECK(missing.status() == 2);
  CHECK_THAT(missing.err, Contains("nothing to resume"));
}

TEST_CASE("Two MPI ranks write the same files as one process", "[sweep]") {
  require_binary();
  if (!on_path("mpirun")) {
    WARN("mpirun is not on PATH: the MPI sweep test cannot run here");
    return;
  }
  ::setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
  ::setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
  // In sanitizer builds: OpenMPI's own allocations outlive MPI_Finalize by design; they are not
  // caseflow's leaks and would turn the ranks' exit status into a failure.
  ::setenv("ASAN_OPTIONS", "detect_leaks=0", 0);
  const fs::path dir = scratch("mpi");
  const Outcome one = run_caseflow({"sweep", sweep_data("psa.yaml"), "--out", (dir / "one").string(), "--threads", "1"}, dir);
  REQUIRE(one.status() == 0);
  const Outcome two = run_program({"mpirun", "-np", "2", "--oversubscribe", caseflow_bin(), "sweep", sweep_data("psa.yaml"), "--out",
                          (dir / "two").string(), "--threads", "1"},
                         dir);
  INFO(two.out << two.err);
  REQUIRE(two.status() == 0);
  CHECK_THAT(two.out, Contains("2 processer"));
  for (const char* file : {"sweep.csv", "psa.csv"}) {
    INFO(file);
    CHECK(read_text(dir / "two" / file) == read_text(dir / "one" / file));
  }
  CHECK(manifest_without_session(dir / "two" / "manifest.json") == manifest_without_session(dir / "one" / "manifest.json"));
}

TEST_CASE("A bad experiment file exits 2 with FILE:LINE:COL messages and writes nothing", "[sweep]") {
  require_binary();
  const fs::path dir = scratch("bad");
  fs::copy_file(sweep_data("two_state.yaml"), dir / "two_state.yaml");
  write_text(dir / "bad.yaml",
             "experiment:\n"
             "  name: bad\n"
             "  scenario: two_state.yaml\n"
             "  kind: grid\n"
             "  arms: [indsat]\n"
             "parameters:\n"
             "  transitions.ledig.jobb.rate: [0.01, 0.02]\n"
             "  interventions.indsats.effects[0].multiplier: [1.2, fast]\n");
  const Outcome r = run_caseflow({"sweep", (dir / "bad.yaml").string(), "--out", (dir / "out").string()}, dir);
  CHECK(r.status() == 2);
  CHECK_THAT(r.err, Contains("bad.yaml:5:10: error: experiment.arms: the scenario has no intervention 'indsat'; did you mean "
                             "'indsats'?"));
  CHECK_THAT(r.err, Contains("bad.yaml:7:3: error: parameters.transitions.ledig.jobb.rate:") && Contains("did you mean 'job'?"));
  CHECK_FALSE(fs::exists(dir / "out"));

  // With the path fixed, a value the scenario rejects is placed at that value.
  write_text(dir / "bad.yaml", read_text(dir / "bad.yaml").replace(read_text(dir / "bad.yaml").find("jobb"), 4, "job").replace(
                                   read_text(dir / "bad.yaml").find("indsat]"), 7, "indsats]"));
  const Outcome value = run_caseflow({"sweep", (dir / "bad.yaml").string(), "--out", (dir / "out").string()}, dir);
  CHECK(value.status() == 2);
  CHECK_THAT(value.err, Contains("bad.yaml:8:54: error: parameters.interventions.indsats.effects[0].multiplier: at point 1") &&
                            Contains("expected a number"));
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("Under an MPI launcher but without the MPI plugin sweep says so and writes nothing", "[sweep]") {
  // The MPI libraries live in a plugin that only a launched run loads (sweep/mpi_world.hpp).
  require_binary();
  const fs::path dir = scratch("noplugin");
  ::setenv("OMPI_COMM_WORLD_SIZE", "2", 1);
  ::setenv("CASEFLOW_MPI_PLUGIN", (dir / "missing_caseflow_mpi.so").c_str(), 1);
  const Outcome r = run_caseflow({"sweep", sweep_data("psa.yaml"), "--out", (dir / "out").string(), "--threads", "1"}, dir);
  ::unsetenv("OMPI_COMM_WORLD_SIZE");
  ::unsetenv("CASEFLOW_MPI_PLUGIN");
  INFO(r.out << r.err);
  CHECK(r.status() != 0);
  CHECK_THAT(r.err, Contains("MPI plugin") && Contains("missing_caseflow_mpi.so") && Contains("without mpirun"));
  CHECK_FALSE(fs::exists(dir / "out"));
}
