// The simulator against the Markov form: for all-exponential scenarios the simulated mean
// occupancy at every reported week must lie within its statistical tolerance of the analytic
// expectation. Runs the real `caseflow run` and `caseflow analytic` on tests/data/analytic/.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "csv.hpp"
#include "process.hpp"

using namespace caseflow::testing;

namespace {

using Key = std::tuple<std::string, int, std::string>;  // arm, week, state

struct Row {
  double mean = 0.0, lo = 0.0, hi = 0.0;
};

/// occupancy.csv (either layout) keyed by arm, week and state.
std::map<Key, Row> read_occupancy(const std::filesystem::path& file) {
  std::map<Key, Row> rows;
  for (const auto& cells : csv_data_rows(file)) {  // arm,week,date,state,mean[,lo,hi]
    REQUIRE(cells.size() >= 5);
    Row r{std::stod(cells[4]), 0.0, 0.0};
    if (cells.size() >= 7 && !cells[5].empty()) {
      r.lo = std::stod(cells[5]);
      r.hi = std::stod(cells[6]);
    }
    rows[{cells[0], std::stoi(cells[1]), cells[3]}] = r;
  }
  return rows;
}

std::vector<std::string> run_args(const std::string& scenario, int replications, const std::filesystem::path& dir) {
  return {"run", scenario, "--quiet", "--threads", "2", "--replications", std::to_string(replications), "--out", (dir / "sim").string()};
}

struct Comparison {
  std::size_t points = 0;
  double worst_z = 0.0;  ///< largest |sim - analytic| / se
  std::string worst_at;
  double worst_z_empirical = 0.0;  ///< the same with se from the simulated 95% range
};

/// Runs both commands and compares every arm × week × state. The standard error of a mean
/// count over R replications: with independent citizens (no pools or slots) a state's count is
/// Poisson (inflow) plus a sum of Bernoullis (initial stock), so Var <= mean and
/// se = sqrt(mean / R) bounds it (exact for the inflow part).
Comparison compare(const std::string& scenario, int replications) {
  const TempDir scratch("sim-vs-analytic");
  const auto& dir = scratch.path();
  const auto sim = run_caseflow(run_args(scenario, replications, dir), dir / "sim-logs");
  REQUIRE(sim.status() == 0);
  const auto ana = run_caseflow({"analytic", scenario, "--quiet", "--out", (dir / "analytic").string()}, dir / "analytic-logs");
  INFO(ana.err);
  REQUIRE(ana.status() == 0);
  const auto simulated = read_occupancy(dir / "sim" / "occupancy.csv");
  const auto expected = read_occupancy(dir / "analytic" / "occupancy.csv");
  REQUIRE(simulated.size() == expected.size());
  Comparison c;
  const double floor = 0.05;  // absolute: the CSVs' rounding and states that are nearly empty
  for (const auto& [key, e] : expected) {
    const auto it = simulated.find(key);
    REQUIRE(it != simulated.end());
    const double se = std::sqrt(std::max(e.mean, 0.0) / replications);
    const double deviation = std::fabs(it->second.mean - e.mean);
    INFO(std::get<0>(key) << " week " << std::get<1>(key) << " " << std::get<2>(key) << ": simulated " << it->second.mean
                          << ", analytic " << e.mean << ", se " << se);
    CHECK(deviation <= 4.0 * se + floor);
    ++c.points;
    if (se > 0.0 && deviation / se > c.worst_z) {
      c.worst_z = deviation / se;
      c.worst_at = std::get<0>(key) + " week " + std::to_string(std::get<1>(key)) + " " + std::get<2>(key);
    }
    const double se_empirical = (it->second.hi - it->second.lo) / (2.0 * 1.959964) / std::sqrt(replications);
    if (se_empirical > 0.0) c.worst_z_empirical = std::max(c.worst_z_empirical, deviation / se_empirical);
  }
  return c;
}

}  // namespace

namespace {

/// Asserts the comparison and reports the largest standardised deviation seen.
void check_against_analytic(const std::string& scenario) {
  const int replications = 400;
  const auto c = compare(scenario, replications);
  CHECK(c.points > 100);
  WARN(scenario << ": " << c.points << " arm x week x state points, " << replications
                << " replications; largest standardised deviation " << c.worst_z << " (at " << c.worst_at << "), "
                << c.worst_z_empirical << " with se from the simulated 95% range");
  CHECK(c.worst_z < 4.0);
}

}  // namespace

TEST_CASE("Simulated occupancy of two exchanging states matches the analytic expectation", "[analytic][simulation]") {
  check_against_analytic("tests/data/analytic/two_states.yaml");
}

TEST_CASE("Simulated occupancy with a returning exponential programme matches the analytic expectation",
          "[analytic][simulation]") {
  check_against_analytic("tests/data/analytic/programme_return.yaml");
}

TEST_CASE("Simulated occupancy of an intervention arm matches the analytic expectation", "[analytic][simulation]") {
  check_against_analytic("tests/data/analytic/intervention.yaml");
}

TEST_CASE("caseflow analytic refuses a scenario with no Markov form, naming every key, and writes nothing", "[analytic][cli]") {
  const TempDir scratch("analytic-refuse");
  const auto& dir = scratch.path();
  const auto r = run_caseflow({"analytic", "tests/data/analytic/spec_example.yaml", "--out", (dir / "out").string()}, dir / "logs");
  CHECK(r.status() == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "out"));
  using Catch::Matchers::Contains;
  CHECK_THAT(r.err, Contains("spec_example.yaml:28:3: error: states.praktik.slots:"));
  CHECK_THAT(r.err, Contains("error: states.praktik.duration: a fixed duration of 13 weeks is not memoryless"));
  CHECK_THAT(r.err, Contains("error: transitions.aktivitetsparat.jobparat.clock:"));
  CHECK_THAT(r.err, Contains("error: transitions.job.jobparat.weibull: a Weibull hazard with shape 0.8"));
  CHECK_THAT(r.err, Contains("error: meetings.opfoelgning.pool: meeting 'opfoelgning' is held by pool 'jobkonsulenter'"));
  CHECK_THAT(r.err, Contains("error: interventions.jobformidlere.effects[0].target:"));
}

TEST_CASE("caseflow analytic writes occupancy.csv and budget.csv for one chosen arm", "[analytic][cli]") {
  const TempDir scratch("analytic-arm");
  const auto& dir = scratch.path();
  const auto r = run_caseflow({"analytic", "tests/data/analytic/intervention.yaml", "--arm", "mentor", "--out", (dir / "out").string()},
                              dir / "logs");
  REQUIRE(r.status() == 0);
  using Catch::Matchers::Contains;
  using Catch::Matchers::StartsWith;
  CHECK_THAT(r.out, Contains("mentor: 8 Markov states, exact"));
  const auto occupancy = read_text(dir / "out" / "occupancy.csv");
  CHECK_THAT(occupancy, StartsWith("arm,week,date,state,mean\nmentor,0,2025-01-01,jobparat,"));
  CHECK(occupancy.find("baseline,") == std::string::npos);
  const auto budget = read_text(dir / "out" / "budget.csv");
  CHECK_THAT(budget, StartsWith("arm,year,fte_on_benefit,benefit_gross,benefit_municipal\nmentor,2025,"));
  CHECK_THAT(budget, Contains("\nmentor,total,"));
}

TEST_CASE("caseflow analytic --phases approximates a fixed duration and says so", "[analytic][cli]") {
  const TempDir scratch("analytic-phases");
  const auto& dir = scratch.path();
  std::vector<std::string> args{"analytic", "tests/data/analytic/intervention.yaml", "--set", "states.kursus.duration={fixed: 6}",
                                "--out", (dir / "out").string()};
  const auto refused = run_caseflow(args, dir / "refused-logs");
  CHECK(refused.status() == 2);
  using Catch::Matchers::Contains;
  CHECK_THAT(refused.err, Contains("error: states.kursus.duration: a fixed duration of 6 weeks is not memoryless"));
  args.insert(args.end(), {"--phases", "8"});
  const auto r = run_caseflow(args, dir / "logs");
  CHECK(r.status() == 0);
  CHECK_THAT(r.out, Contains("baseline: 11 Markov states, approximate (8 phases)"));
  CHECK_THAT(r.out, Contains("note: approximate: fixed durations"));
  CHECK_THAT(read_text(dir / "out" / "manifest.json"), Contains("\"phases\": 8"));
}
