/// Bounded inputs and bounded work (issue 15, items 7, 9 and 10): what would overflow, never
/// finish or exhaust memory is refused before anything runs, located, with nothing written.
#include <catch2/catch.hpp>

#include <regex>

#include "process.hpp"

using namespace caseflow::testing;
namespace fs = std::filesystem;

namespace {

const fs::path kScenario = fs::path(CASEFLOW_TEST_DATA) / "golden" / "scenario.yaml";

/// The golden scenario with `from` replaced by `to` (once), written to `dir/name`.
fs::path edited_scenario(const fs::path& dir, const std::string& name, const std::string& from, const std::string& to) {
  std::string text = read_text(kScenario);
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("edited_scenario: '" + from + "' not in the golden scenario");
  text.replace(at, from.size(), to);
  const fs::path path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

TEST_CASE("Money inputs that would overflow to inf are refused at load, located, nothing written", "[robustness]") {
  TempDir tmp("money");
  const fs::path out_parent = tmp.path() / "out";
  fs::create_directories(out_parent);
  const fs::path cost = edited_scenario(tmp.path(), "cost.yaml", "per_year: 400000", "per_year: 1e308");
  const Outcome o = run_caseflow({"run", cost.string(), "--out", (out_parent / "x").string(), "--quiet", "--replications", "2"},
                                 tmp.path() / "log1");
  INFO("stderr: " << o.err);
  CHECK(o.exit_status == 2);
  CHECK_THAT(o.err, Catch::Matchers::Contains(cost.string() + ":54:") &&
                        Catch::Matchers::Contains("interventions.mentor.costs[0].per_year: expected a number in [0, 1e+12], got 1e308"));
  CHECK(list_names(out_parent).empty());

  const Outcome r = run_caseflow({"run", kScenario.string(), "--out", (out_parent / "x").string(), "--quiet", "--replications", "2",
                                  "--set", "benefits.dagpenge.weekly_rate=1e306"},
                                 tmp.path() / "log2");
  INFO("stderr: " << r.err);
  CHECK(r.exit_status == 2);
  CHECK_THAT(r.err, Catch::Matchers::Contains("--set:1:31: error: benefits.dagpenge.weekly_rate: expected a number in [0, 1e+12]"));
  CHECK(list_names(out_parent).empty());
}

TEST_CASE("The largest money inputs allowed give finite figures in every results file", "[robustness]") {
  TempDir tmp("money-max");
  const fs::path out = tmp.path() / "x";
  const Outcome o = run_caseflow({"run", kScenario.string(), "--out", out.string(), "--quiet", "--replications", "2", "--set",
                                  "benefits.dagpenge.weekly_rate=1e12", "--set", "interventions.mentor.costs[0].per_year=1e12"},
                                 tmp.path() / "log");
  INFO("stderr: " << o.err);
  REQUIRE(o.exit_status == 0);
  for (const auto& e : fs::directory_iterator(out)) {
    if (e.path().extension() != ".csv") continue;
    const std::string text = read_text(e.path());
    INFO(e.path().filename().string());
    CHECK_FALSE(std::regex_search(text, std::regex("(^|,)-?(inf|nan)(,|\n)", std::regex::icase)));
  }
}

namespace {

/// A small scenario whose `transitions`/`states`/`meetings` text is given (one citizen group, a
/// job state, five citizens in state a).
fs::path runaway_scenario(const fs::path& dir, const std::string& name, const std::string& states, const std::string& rest) {
  const fs::path path = dir / (name + ".yaml");
  std::ofstream(path, std::ios::binary) << "scenario: {name: " << name << ", start: 2025-01-01, years: 1, replications: 1, seed: 1}\n"
                                        << "groups: {g: {benefit: none}}\n"
                                        << "states:\n  a: {}\n  job: {self_supporting: true}\n"
                                        << states << rest << "initial:\n  - {group: g, state: a, count: 5}\n";
  return path;
}

}  // namespace

TEST_CASE("Runaway models are refused before running, located, in Danish, unless --allow-large", "[robustness]") {
  TempDir tmp("runaway");
  const fs::path out_parent = tmp.path() / "out";
  fs::create_directories(out_parent);
  struct Case {
    fs::path file;
    std::string located;
  };
  const std::vector<Case> cases{
      // Hazards of 1e9 a week on a two-state cycle.
      {runaway_scenario(tmp.path(), "hazards", "  b: {}\n", "transitions:\n  a: {b: {rate: 1e9}, job: {rate: 0.01}}\n  b: {a: {rate: 1e9}}\n"),
       ":8:7: error: transitions.a.b: en borger i "},
      // Two programmes of 1e-6 weeks in a cycle.
      {runaway_scenario(tmp.path(), "programmes",
                        "  p1: {duration: {fixed: 1e-6}, exits: {p2: 1.0}}\n  p2: {duration: {fixed: 1e-6}, exits: {p1: 0.999, job: 0.001}}\n",
                        "transitions:\n  a: {p1: {rate: 0.1}}\n"),
       ".duration: en borger i p"},
      // Meetings every 1e-6 weeks.
      {runaway_scenario(tmp.path(), "meetings", "",
                        "transitions:\n  a: {job: {rate: 0.01}}\nmeetings:\n  m: {states: [a], interval_weeks: 1e-6, outcomes: {a: {job: 0.001}}}\n"),
       ": error: meetings.m.interval_weeks: en borger i a kan skifte tilstand eller have samtale omkring 1e+06 gange om ugen"},
  };
  for (const auto& c : cases) {
    const Outcome o = run_caseflow({"run", c.file.string(), "--out", (out_parent / "x").string(), "--quiet"}, tmp.path() / "log");
    INFO(c.file.filename().string() << " stderr: " << o.err);
    CHECK(o.exit_status == 2);
    CHECK(o.seconds < 10.0);
    CHECK_THAT(o.err, Catch::Matchers::Contains(c.file.string()) && Catch::Matchers::Contains(c.located) &&
                          Catch::Matchers::Contains("(grænsen er 1000)") && Catch::Matchers::Contains("--allow-large"));
    CHECK(list_names(out_parent).empty());
  }
}

TEST_CASE("With --allow-large a citizen changing state endlessly in near-zero time stops the run: exit 1 with its states",
          "[robustness]") {
  TempDir tmp("runaway-guard");
  const fs::path file =
      runaway_scenario(tmp.path(), "hazards", "  b: {}\n", "transitions:\n  a: {b: {rate: 1e9}, job: {rate: 0.01}}\n  b: {a: {rate: 1e9}}\n");
  const fs::path out_parent = tmp.path() / "out";
  fs::create_directories(out_parent);
  const Outcome o = run_caseflow({"run", file.string(), "--out", (out_parent / "x").string(), "--quiet", "--allow-large", "--threads", "1"},
                                 tmp.path() / "log");
  INFO("stderr: " << o.err);
  CHECK(o.exit_status == 1);
  CHECK(o.seconds < 30.0);
  CHECK_THAT(o.err, Catch::Matchers::Contains("modelfejl: borger ") && Catch::Matchers::Contains("mere end 1000 gange på 0.01 uge") &&
                        Catch::Matchers::Contains("i tilstandene ") && Catch::Matchers::Contains("a") && Catch::Matchers::Contains("b"));
  CHECK(std::regex_search(o.err, std::regex("i tilstandene (a, b|b, a):")));
  CHECK(list_names(out_parent).empty());
}

TEST_CASE("A run whose work is estimated above 10^12 events is refused at scenario.replications", "[robustness]") {
  TempDir tmp("work-total");
  const fs::path out_parent = tmp.path() / "out";
  fs::create_directories(out_parent);
  const Outcome o = run_caseflow({"run", kScenario.string(), "--out", (out_parent / "x").string(), "--quiet", "--replications", "10000000"},
                                 tmp.path() / "log", {"CASEFLOW_MEMORY_AVAILABLE=1e15"});
  INFO("stderr: " << o.err);
  CHECK(o.exit_status == 2);
  CHECK(o.seconds < 10.0);
  CHECK_THAT(o.err, Catch::Matchers::Contains(kScenario.string() + ":5:") &&
                        Catch::Matchers::Contains("scenario.replications: kørslen anslås til op mod") &&
                        Catch::Matchers::Contains("(grænsen er 1e+12"));
  CHECK(list_names(out_parent).empty());
}

TEST_CASE("Progress lines on stderr: with --progress when stderr is not a terminal, none without it, stdout untouched",
          "[robustness]") {
  TempDir tmp("progress");
  const std::vector<std::string> env{"CASEFLOW_PROGRESS_SECONDS=0.05"};
  const Outcome with = run_caseflow({"run", kScenario.string(), "--out", (tmp.path() / "a").string(), "--replications", "120", "--threads",
                                     "1", "--progress"},
                                    tmp.path() / "log1", env);
  INFO("stderr: " << with.err);
  REQUIRE(with.exit_status == 0);
  CHECK(std::regex_search(with.err, std::regex("caseflow: [0-9]+/120 replikationer færdige, (ca\\. [0-9]+:[0-9]{2} tilbage|tid tilbage ukendt endnu)")));
  // The budget table's heading says "replikationer" too; the progress line's words must not
  // reach stdout.
  CHECK_THAT(with.out, !Catch::Matchers::Contains("replikationer færdige"));
  const Outcome without = run_caseflow({"run", kScenario.string(), "--out", (tmp.path() / "b").string(), "--replications", "120",
                                        "--threads", "1"},
                                       tmp.path() / "log2", env);
  REQUIRE(without.exit_status == 0);
  CHECK(without.err.empty());
  CHECK(read_text(tmp.path() / "a" / "budget.csv") == read_text(tmp.path() / "b" / "budget.csv"));
}

TEST_CASE("The memory check reads cgroup v1 and v2 limits, not only MemAvailable", "[robustness]") {
  TempDir tmp("cgroup");
  const fs::path out_parent = tmp.path() / "out";
  fs::create_directories(out_parent);
  // v1: a 100 MB limit on the memory controller's group.
  fs::create_directories(tmp.path() / "v1" / "memory" / "job");
  std::ofstream(tmp.path() / "v1" / "memory" / "job" / "memory.limit_in_bytes") << "100000000\n";
  std::ofstream(tmp.path() / "v1" / "memory" / "job" / "memory.usage_in_bytes") << "0\n";
  std::ofstream(tmp.path() / "self-v1") << "5:cpu,cpuacct:/job\n4:memory:/job\n0::/\n";
  // v2: no limit on the process's own group, 200 MB on its parent, of which 50 MB are used.
  fs::create_directories(tmp.path() / "v2" / "slice" / "job");
  std::ofstream(tmp.path() / "v2" / "slice" / "memory.max") << "200000000\n";
  std::ofstream(tmp.path() / "v2" / "slice" / "memory.current") << "50000000\n";
  std::ofstream(tmp.path() / "v2" / "slice" / "job" / "memory.max") << "max\n";
  std::ofstream(tmp.path() / "self-v2") << "0::/slice/job\n";
  struct Case {
    std::string root, self, expected;
  };
  for (const Case& c : {Case{"v1", "self-v1", "this process has 100 MB available under its cgroup v1 memory.limit_in_bytes"},
                        Case{"v2", "self-v2", "this process has 150 MB available under its cgroup v2 memory.max"}}) {
    const Outcome o = run_caseflow({"run", kScenario.string(), "--out", (out_parent / "x").string(), "--quiet", "--threads", "1", "--set",
                                    "initial[0].count=2000000"},
                                   tmp.path() / "log",
                                   {"CASEFLOW_CGROUP_ROOT=" + (tmp.path() / c.root).string(),
                                    "CASEFLOW_PROC_SELF_CGROUP=" + (tmp.path() / c.self).string()});
    INFO(c.root << " stderr: " << o.err);
    CHECK(o.exit_status == 2);
    CHECK(o.seconds < 30.0);
    CHECK_THAT(o.err, Catch::Matchers::Contains("--set:1:1: error: initial[0].count: this run needs about") &&
                          Catch::Matchers::Contains(c.expected));
    CHECK(list_names(out_parent).empty());
  }
}

TEST_CASE("calibrate checks memory before fitting, like run", "[robustness]") {
  TempDir tmp("calibrate-memory");
  const fs::path targets = tmp.path() / "t.csv";
  std::ofstream(targets) << "kind,year_or_week,state_or_from,to,value\nstock,26,a,,1000\n";
  const Outcome o = run_caseflow({"calibrate", (fs::path(CASEFLOW_TEST_DATA) / "calibrate" / "two_rates.yaml").string(), "--targets",
                                  targets.string(), "--free", "transitions.a.job.rate", "--out", (tmp.path() / "fit").string(),
                                  "--threads", "1", "--replications", "2", "--set", "initial[0].count=2000000"},
                                 tmp.path() / "log", {"CASEFLOW_MEMORY_AVAILABLE=100000000"});
  INFO("stderr: " << o.err);
  CHECK(o.exit_status == 2);
  CHECK(o.seconds < 30.0);
  CHECK_THAT(o.err, Catch::Matchers::Contains("--set:1:1: error: initial[0].count: this run needs about") &&
                        Catch::Matchers::Contains("this machine has 100 MB available"));
  CHECK(!fs::exists(tmp.path() / "fit"));
}
