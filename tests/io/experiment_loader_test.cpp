#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "io/experiment_loader.hpp"

using namespace caseflow;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

/// An experiment (and its scenario) in tests/data/sweep/, where the sweep tests find them too.
std::string sweep_data(const std::string& name) { return std::string(CASEFLOW_TEST_DATA) + "/sweep/" + name; }

/// A fresh, empty folder for one test.
fs::path scratch(const std::string& name) {
  const auto dir = fs::temp_directory_path() / ("caseflow-io-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

/// Writes `text` as an experiment beside a copy of the test scenario and loads it.
io::ExperimentFile load_text(const std::string& name, const std::string& text) {
  const fs::path dir = scratch("loader-" + name);
  fs::copy_file(sweep_data("two_state.yaml"), dir / "two_state.yaml");
  std::ofstream(dir / (name + ".yaml"), std::ios::binary) << text;
  return io::load_experiment(dir / (name + ".yaml"));
}

}  // namespace

TEST_CASE("An experiment file is typed with its scenario resolved beside it", "[io][sweep]") {
  const io::ExperimentFile ex = io::load_experiment(sweep_data("psa.yaml"));
  CHECK(ex.name == "sweep-psa");
  CHECK(ex.kind == io::ExperimentFile::Kind::psa);
  CHECK(ex.scenario.filename() == "two_state.yaml");
  CHECK(fs::exists(ex.scenario));
  CHECK(ex.replications == 2);
  CHECK(ex.seed == 9);
  REQUIRE(ex.parameters.size() == 3);
  CHECK(ex.parameters[1].distribution.kind == engine::Distribution::Kind::gamma);
  CHECK(ex.parameters[1].distribution.a == Approx(0.02));
  CHECK(ex.parameters[1].distribution.b == Approx(0.004));
  CHECK(ex.sha256.size() == 64);
}

TEST_CASE("A parameter path the scenario does not have is an error at the parameter's line", "[io][sweep]") {
  const std::string text =
      "experiment: {name: x, scenario: two_state.yaml, kind: grid}\n"
      "parameters:\n"
      "  transitions.ledig.job.rate: [0.01]\n"
      "  transitions.ledig.jb.rate: [0.01]\n";
  REQUIRE_THROWS_WITH(load_text("badpath", text),
                      Contains("badpath.yaml:4:3: error: parameters.transitions.ledig.jb.rate:") &&
                          Contains("no key 'jb' in 'transitions.ledig'; did you mean 'job'?"));
}

TEST_CASE("Unknown experiment keys and kinds are reported together with suggestions", "[io][sweep]") {
  const std::string text =
      "experiment:\n"
      "  name: x\n"
      "  scenario: two_state.yaml\n"
      "  kind: onway\n"
      "  seeed: 3\n"
      "parameters:\n"
      "  transitions.ledig.job.rate: [0.01]\n";
  REQUIRE_THROWS_WITH(load_text("badkeys", text),
                      Contains("badkeys.yaml:4:9: error: experiment.kind: expected grid, oneway or psa, got \"onway\"; did "
                               "you mean 'oneway'?") &&
                          Contains("badkeys.yaml:5:3: error: experiment.seeed: unknown key 'seeed'; did you mean 'seed'?"));
}

TEST_CASE("A PSA parameter must be a valid distribution", "[io][sweep]") {
  const std::string text =
      "experiment: {name: x, scenario: two_state.yaml, kind: psa, draws: 5}\n"
      "parameters:\n"
      "  transitions.ledig.job.rate: {uniform: [0.01]}\n"
      "  interventions.indsats.effects[0].multiplier: {gama: {mean: 1.3, sd: 0.1}}\n";
  REQUIRE_THROWS_WITH(load_text("baddist", text),
                      Contains("baddist.yaml:3:41: error: parameters.transitions.ledig.job.rate.uniform: expected [a, b], got "
                               "a list of 1") &&
                          Contains("baddist.yaml:4:49: error: parameters.interventions.indsats.effects[0].multiplier.gama: "
                                   "unknown key 'gama'; did you mean 'gamma'?"));
}
