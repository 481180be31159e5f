#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "calibrate/calibration.hpp"
#include "calibrate/evaluator.hpp"
#include "io/scenario_loader.hpp"
#include "process.hpp"

using Catch::Matchers::Contains;
using namespace caseflow;

namespace {

std::string data(const std::string& name) { return std::string(CASEFLOW_TEST_DATA) + "/calibrate/" + name; }

std::filesystem::path scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / "caseflow-calibrate-tests";
  std::filesystem::create_directories(dir);
  return dir / name;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Targets for two_rates.yaml, simulated at the true rates (a->job 0.04, b->job 0.015) with
/// `seed`, written as a CSV with the simulated means as values.
std::filesystem::path simulated_targets(std::uint64_t seed, int replications) {
  const std::string rows =
      "stock,13,a,,0\nstock,26,a,,0\nstock,52,a,,0\nstock,78,a,,0\n"
      "stock,26,b,,0\nstock,52,b,,0\nstock,78,b,,0\n"
      "flow,2025,a,job,0\nflow,2025,b,job,0\nflow,2026,b,job,0\n";
  model::Scenario truth = io::load_scenario(
      data("two_rates.yaml"), {io::Override{"transitions.a.job.rate", "0.04"}, io::Override{"transitions.b.job.rate", "0.015"}});
  truth.seed = seed;
  truth.replications = replications;
  const auto targets = calibrate::parse_targets("kind,year_or_week,state_or_from,to,value\n" + rows, "t.csv", truth, 0);
  const calibrate::Evaluator evaluator(targets, 0, 2, nullptr);
  const auto e = evaluator.evaluate({truth}).front();
  std::string csv = "kind,year_or_week,state_or_from,to,value\n";
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const auto& t = targets[i];
    csv += fmt::format("{},{},{},{},{:.10g}\n", calibrate::kind_name(t.kind), t.year_or_week, t.state_or_from, t.to, e.mean[i]);
  }
  const auto path = scratch(fmt::format("two_rates_targets_{}.csv", seed));
  std::ofstream(path, std::ios::binary) << csv;
  return path;
}

calibrate::CalibrationResult fit_two_rates(const std::filesystem::path& targets, long long seed, int replications) {
  calibrate::CalibrationSettings settings;
  settings.seed = static_cast<std::uint64_t>(seed);
  settings.replications = replications;
  settings.threads = 2;
  return calibrate::calibrate(data("two_rates.yaml"), targets,
                              {calibrate::parse_free("transitions.a.job.rate"), calibrate::parse_free("transitions.b.job.rate")},
                              settings);
}

/// `caseflow ARGS` through the tests' one subprocess helper (tests/support/process.hpp).
testing::Outcome run_cli(const std::vector<std::string>& args) {
  const testing::TempDir logs("calibrate-test");
  return testing::run_caseflow(args, logs.path());
}

}  // namespace

TEST_CASE("Calibration recovers known rates from targets simulated with another seed, within their Monte Carlo error",
          "[calibrate]") {
  // Targets from seed 101, fit with seed 202 (20 replications each): the fitted rate differs
  // from the truth by the targets' noise and the fit's own noise, independent and each of
  // about the reported se, so |fitted - truth| has sd ≈ √2·se; allow 4 of those.
  const auto result = fit_two_rates(simulated_targets(101, 20), 202, 20);
  REQUIRE(result.solver.converged);
  const double truth[] = {0.04, 0.015};
  const double start[] = {0.06, 0.009};
  for (std::size_t k = 0; k < 2; ++k) {
    const auto& p = result.parameters[k];
    INFO(p.free.paths.front() << ": start " << p.start << ", fitted " << p.fitted << " ± " << p.se << ", truth " << truth[k]);
    CHECK(p.start == start[k]);
    REQUIRE(std::isfinite(p.se));
    CHECK(p.se > 0.0);
    CHECK(p.se < 0.05 * truth[k]);  // the test is informative: the error is a few per cent at most
    CHECK(std::fabs(p.fitted - truth[k]) <= 4.0 * std::sqrt(2.0) * p.se);
  }
  CHECK(result.solver.objective < 1e-2 * result.solver.objective_start);
}

TEST_CASE("With the targets' own seed, calibration returns the true rates up to rounding", "[calibrate]") {
  // Common random numbers: at the truth every residual is exactly 0, so the fit must land on it
  // (to the resolution of the simulated means, far below their Monte Carlo error).
  const auto result = fit_two_rates(simulated_targets(303, 20), 303, 20);
  const double truth[] = {0.04, 0.015};
  for (std::size_t k = 0; k < 2; ++k) {
    const auto& p = result.parameters[k];
    INFO(p.free.paths.front() << ": fitted " << p.fitted << " ± " << p.se);
    CHECK(std::fabs(p.fitted - truth[k]) <= 0.25 * p.se);
  }
}

TEST_CASE("An exit share target fits one exponential rate to 1 - exp(-rN)", "[calibrate]") {
  // 30% of a cohort of 16 × 20,000 gone within 26 weeks: r = -ln(0.7)/26. The fitted share has
  // binomial noise sqrt(p(1-p)/n), which moves r by that over dp/dr = N exp(-rN). The reported
  // se is itself estimated from the 16 replications' spread, so it carries a relative error of
  // about 1/sqrt(2 x 15) = 0.18: allow 0.5 (close to 3 of those).
  calibrate::CalibrationSettings settings;
  settings.threads = 2;
  settings.replications = 16;
  const auto result = calibrate::calibrate(data("one_rate.yaml"), data("exit_share.csv"),
                                           {calibrate::parse_free("transitions.a.job.rate")}, settings);
  const double N = 26.0, p = 0.3, n = 16.0 * 20000.0;
  const double r = -std::log(1.0 - p) / N;
  const double se_r = std::sqrt(p * (1.0 - p) / n) / (N * (1.0 - p));
  const auto& fitted = result.parameters.front();
  INFO("fitted " << fitted.fitted << " ± " << fitted.se << ", exact " << r << " ± " << se_r);
  CHECK(std::fabs(fitted.fitted - r) <= 4.0 * se_r);
  CHECK(fitted.se == Approx(se_r).epsilon(0.5));
  CHECK(result.fitted_mean.front() == Approx(0.3).margin(1e-3));
}

TEST_CASE("caseflow calibrate writes a fitted scenario that loads and keeps its comments", "[calibrate]") {
  const auto out = scratch("cli-ok");
  std::filesystem::remove_all(out);
  const auto r = run_cli({"calibrate", data("one_rate.yaml"), "--targets", data("exit_share.csv"), "--free",
                         "transitions.a.job.rate=0.001:0.1", "--threads", "2", "--out", out.string()});
  INFO(r.err);
  REQUIRE(r.status() == 0);
  const std::string fitted = slurp(out / "fitted.yaml");
  CHECK_THAT(fitted, Contains("# Calibration test scenario: everyone starts in `a`"));
  CHECK_THAT(fitted, Contains("# start value; the fit should give -ln(0.7)/26 for 30% within 26 weeks  # calibrated: was 0.03"));
  const std::string fit = slurp(out / "fit.csv");
  CHECK(fit.rfind("kind,year_or_week,state_or_from,to,target,fitted,residual,se", 0) == 0);
  CHECK_THAT(fit, Contains("exit_share,26,a,,0.300000,"));
  const std::string parameters = slurp(out / "parameters.csv");
  CHECK(parameters.rfind("path,start,fitted,low,high,se\ntransitions.a.job.rate,0.03,", 0) == 0);
  CHECK_THAT(parameters, Contains(",0.001,0.1,"));
  // The fitted file is a valid scenario whose rate is the reported one.
  const auto scenario = io::load_scenario(out / "fitted.yaml");
  const std::string fitted_value = parameters.substr(parameters.find("0.03,") + 5, parameters.find(",0.001") - parameters.find("0.03,") - 5);
  REQUIRE(scenario.baseline().transitions.size() == 1);
  CHECK(scenario.baseline().transitions.front().hazard.rate == Approx(std::stod(fitted_value)).epsilon(1e-12));
  CHECK(std::stod(fitted_value) == Approx(-std::log(0.7) / 26.0).epsilon(0.02));
}

TEST_CASE("caseflow calibrate refuses a bad targets file with file:line messages, exit 2, and writes nothing", "[calibrate]") {
  const auto out = scratch("cli-bad");
  std::filesystem::remove_all(out);
  const auto r = run_cli({"calibrate", data("two_rates.yaml"), "--targets", data("bad_targets.csv"), "--free",
                         "transitions.a.job.rate", "--out", out.string()});
  CHECK(r.status() == 2);
  const std::string& messages = r.err;
  CHECK_THAT(messages, Contains("bad_targets.csv:2:1: error: kind: unknown kind 'stok'; did you mean 'stock'?"));
  CHECK_THAT(messages, Contains("bad_targets.csv:3:7: error: year_or_week: week 200 is beyond the horizon"));
  CHECK_THAT(messages, Contains("bad_targets.csv:4:10: error: state_or_from: unknown state 'aa'"));
  CHECK_THAT(messages, Contains("bad_targets.csv:5:6: error: year_or_week: year 2031 is outside the reported years"));
  CHECK_THAT(messages, Contains("bad_targets.csv:6:22: error: value: expected a finite number, found 'abc'"));
  CHECK_THAT(messages, Contains("bad_targets.csv:7:17: error: to:"));
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("caseflow calibrate refuses a free path that is not a number in the file", "[calibrate]") {
  const auto out = scratch("cli-bad-free");
  std::filesystem::remove_all(out);
  const auto r = run_cli({"calibrate", data("one_rate.yaml"), "--targets", data("exit_share.csv"), "--free",
                         "transitions.a.jb.rate", "--free", "transitions.a.job.rate=0.5:0.9", "--out", out.string()});
  CHECK(r.status() == 2);
  const std::string& messages = r.err;
  CHECK_THAT(messages, Contains("--free:1:1: error: transitions.a.jb.rate: no key 'jb' in 'transitions.a'; did you mean 'job'?"));
  CHECK_THAT(messages, Contains("--free:1:1: error: transitions.a.job.rate: the start value 0.03 is outside the bounds [0.5, 0.9]"));
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("A free parameter's bounds must read LOW:HIGH with LOW below HIGH", "[calibrate]") {
  const auto f = calibrate::parse_free("a.b,c.d=0.1:2");
  CHECK(f.paths == std::vector<std::string>{"a.b", "c.d"});
  CHECK(f.bounds_given);
  CHECK(f.low == 0.1);
  CHECK(f.high == 2.0);
  CHECK_THROWS_WITH(calibrate::parse_free("a.b=0.5:0.1"), Contains("--free:1:5: error: a.b: expected LOW < HIGH, found 0.5:0.1"));
  CHECK_THROWS_WITH(calibrate::parse_free("a.b=x"), Contains("--free:1:5: error: a.b: expected bounds LOW:HIGH (two numbers), found 'x'"));
}
