/// Runs that would exhaust memory are refused before they start, with an estimate and the
/// scenario value to change; runs that fit are not.
#include <catch2/catch.hpp>

#include <regex>

#include "process.hpp"

using namespace caseflow::testing;
namespace fs = std::filesystem;

namespace {
const fs::path kScenario = fs::path(CASEFLOW_TEST_DATA) / "golden" / "scenario.yaml";
}

TEST_CASE("A run that needs more memory than is available is refused up front, naming the value that drives it", "[robustness]") {
  TempDir tmp("memory");
  const fs::path out_parent = tmp.path() / "out";
  fs::create_directories(out_parent);
  // 2 million initial citizens need a few hundred MB per replication running at once; pretend
  // the machine has 100 MB available.
  const Outcome o = run_caseflow({"run", kScenario.string(), "--out", (out_parent / "x").string(), "--quiet", "--threads", "1", "--set",
                                  "initial[0].count=2000000"},
                                 tmp.path() / "log", {"CASEFLOW_MEMORY_AVAILABLE=100000000"});
  INFO("stderr: " << o.err);
  CHECK(o.exit_status == 2);
  CHECK(o.seconds < 30.0);  // refused before simulating
  CHECK(list_names(out_parent).empty());
  // The count came from --set, so the message points there; the estimate is in the text.
  static const std::regex message("--set:1:1: error: initial\\[0\\].count: this run needs about ([0-9.]+) (MB|GB) of memory; this machine has 100 MB available \\(");
  std::smatch m;
  REQUIRE(std::regex_search(o.err, m, message));
  const double estimate = std::stod(m[1]) * (m[2] == "GB" ? 1000.0 : 1.0);
  // Calibrated at about 260 bytes per citizen with one meeting track (tests/README.md).
  CHECK(estimate > 300.0);
  CHECK(estimate < 1500.0);
}

TEST_CASE("Each extra thread that runs a replication at once is counted in the memory estimate", "[robustness]") {
  TempDir tmp("memory-threads");
  const std::vector<std::string> env{"CASEFLOW_MEMORY_AVAILABLE=1000000000"};  // 1 GB
  auto run = [&](const std::string& threads) {
    return run_caseflow({"run", kScenario.string(), "--out", (tmp.path() / ("x" + threads)).string(), "--quiet", "--threads", threads,
                         "--replications", "8", "--set", "initial[0].count=1500000"},
                        tmp.path() / ("log" + threads), env);
  };
  const Outcome eight = run("8");
  INFO("stderr: " << eight.err);
  CHECK(eight.exit_status == 2);
  CHECK_THAT(eight.err, Catch::Matchers::Contains("use fewer threads: --threads"));
  CHECK(!fs::exists(tmp.path() / "x8"));
}

TEST_CASE("A normal run on this machine is not refused by the memory check", "[robustness]") {
  TempDir tmp("memory-ok");
  const Outcome o = run_caseflow({"run", kScenario.string(), "--out", (tmp.path() / "x").string(), "--quiet", "--replications", "1"}, tmp.path() / "log");
  INFO("stderr: " << o.err);
  CHECK(o.exit_status == 0);
  CHECK(fs::exists(tmp.path() / "x" / "manifest.json"));
}
