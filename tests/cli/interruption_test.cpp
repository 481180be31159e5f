/// Interrupted runs never leave results that look complete: Ctrl-C exits 130 with nothing
/// written, SIGKILL leaves at most a `.NAME.incomplete-*` temp folder, and an older results
/// folder at --out survives either.
#include <catch2/catch.hpp>

#include <thread>

#include "process.hpp"

using namespace caseflow::testing;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const fs::path kScenario = fs::path(CASEFLOW_TEST_DATA) / "golden" / "scenario.yaml";
const std::string kOldManifest = "{\"output_kind\": \"run\", \"old\": true}\n";

/// The golden scenario with enough replications to take several seconds.
std::vector<std::string> slow_run(const fs::path& out) {
  return {"run", kScenario.string(), "--out", out.string(), "--quiet", "--replications", "3000", "--threads", "2"};
}

/// An older, complete results folder of a run at `dir` (its manifest says so, or caseflow would
/// refuse to replace it).
void make_old_results(const fs::path& dir) {
  fs::create_directories(dir);
  std::ofstream(dir / "manifest.json") << kOldManifest;
  std::ofstream(dir / "budget.csv") << "old\n";
}

bool old_results_intact(const fs::path& dir) {
  return read_text(dir / "manifest.json") == kOldManifest && read_text(dir / "budget.csv") == "old\n" && list_names(dir).size() == 2;
}

/// Starts a slow run, waits `delay`, sends `signal` while it is still running.
Outcome interrupt_run(const fs::path& out, int signal, std::chrono::milliseconds delay, const fs::path& logs) {
  Child child(slow_run(out), logs);
  std::this_thread::sleep_for(delay);
  // Still running? (If it had finished there would be nothing to test.)
  REQUIRE(child.running());
  child.send(signal);
  return child.wait(60s);
}

}  // namespace

TEST_CASE("Ctrl-C during a run exits 130 and leaves neither the results folder nor a temp folder", "[robustness]") {
  TempDir tmp("sigint");
  const fs::path out = tmp.path() / "out" / "x";
  const Outcome o = interrupt_run(out, SIGINT, 500ms, tmp.path() / "log");
  INFO("stderr: " << o.err);
  CHECK(o.signal == 0);
  CHECK(o.exit_status == 130);
  CHECK_THAT(o.err, Catch::Matchers::Contains("interrupted; no results written"));
  CHECK(!fs::exists(out));
  CHECK(list_names(tmp.path() / "out").empty());  // no .x.incomplete-* left beside it
}

TEST_CASE("SIGTERM during a run exits 143 and writes nothing", "[robustness][safety]") {
  TempDir tmp("sigterm");
  const fs::path out = tmp.path() / "out" / "x";
  const Outcome o = interrupt_run(out, SIGTERM, 500ms, tmp.path() / "log");
  INFO("stderr: " << o.err);
  CHECK(o.signal == 0);
  CHECK(o.exit_status == 143);
  CHECK(list_names(tmp.path() / "out").empty());
}

TEST_CASE("Ctrl-C during a run leaves an older results folder at --out intact", "[robustness]") {
  TempDir tmp("sigint-old");
  const fs::path out = tmp.path() / "out" / "x";
  make_old_results(out);
  const Outcome o = interrupt_run(out, SIGINT, 700ms, tmp.path() / "log");
  CHECK(o.exit_status == 130);
  CHECK(old_results_intact(out));
  CHECK(list_names(tmp.path() / "out") == std::vector<std::string>{"x"});
}

TEST_CASE("A run killed with SIGKILL leaves no folder that looks complete and keeps older results", "[robustness]") {
  TempDir tmp("sigkill");
  SECTION("no older results") {
    const fs::path out = tmp.path() / "out" / "x";
    const Outcome o = interrupt_run(out, SIGKILL, 1000ms, tmp.path() / "log");
    CHECK(o.signal == SIGKILL);
    CHECK(!fs::exists(out));
    // A leftover temp folder is acceptable after SIGKILL (no handler can run), but it must be
    // named as incomplete and must not hold a manifest. The lock file beside the folder stays
    // too (the kernel released its lock; the next caseflow reuses it).
    for (const auto& name : list_names(tmp.path() / "out")) {
      INFO(name);
      if (name == ".x.lock") continue;
      CHECK(name.rfind(".x.incomplete-", 0) == 0);
      CHECK(!fs::exists(tmp.path() / "out" / name / "manifest.json"));
    }
  }
  SECTION("older results at --out") {
    const fs::path out = tmp.path() / "out" / "x";
    make_old_results(out);
    const Outcome o = interrupt_run(out, SIGKILL, 1000ms, tmp.path() / "log");
    CHECK(o.signal == SIGKILL);
    CHECK(old_results_intact(out));
  }
}

TEST_CASE("A bad scenario leaves an older results folder at --out intact", "[robustness]") {
  TempDir tmp("bad-old");
  const fs::path out = tmp.path() / "out" / "x";
  make_old_results(out);
  const Outcome o = run_caseflow({"run", (fs::path(CASEFLOW_TEST_DATA) / "bad" / "negative_rate.yaml").string(), "--out", out.string()},
                                 tmp.path() / "log");
  CHECK(o.exit_status == 2);
  CHECK(old_results_intact(out));
  CHECK(list_names(tmp.path() / "out") == std::vector<std::string>{"x"});
}
