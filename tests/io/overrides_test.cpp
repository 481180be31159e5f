// `--set PATH=VALUE`: paths with dots and list indices, values parsed as YAML, and messages
// that point into the override text.

#include <catch2/catch.hpp>

#include "io/scenario_loader.hpp"
#include "io_test_support.hpp"

using caseflow::io::test::data;
using caseflow::io::test::errors_of;
namespace io = caseflow::io;
namespace model = caseflow::model;
using Lines = std::vector<std::string>;

TEST_CASE("parse_override splits at the first '=' and refuses text without one", "[io]") {
  const io::Override o = io::parse_override("transitions.jobparat.job.rate=0.035");
  CHECK(o.path == "transitions.jobparat.job.rate");
  CHECK(o.value == "0.035");
  CHECK(o.origin == "--set");
  const io::Override eq = io::parse_override("interventions.x.description=a=b");
  CHECK(eq.path == "interventions.x.description");
  CHECK(eq.value == "a=b");
  CHECK_THROWS_WITH(io::parse_override("scenario.seed"),
                    "--set:1:1: error: expected PATH=VALUE (e.g. transitions.jobparat.job.rate=0.035), got "
                    "\"scenario.seed\"");
  CHECK_THROWS_AS(io::parse_override("=3"), io::InputError);
}

TEST_CASE("An override replaces values by path, including items of lists", "[io]") {
  const model::Scenario sc = io::load_scenario(
      data("minimal.yaml"), {io::parse_override("transitions.jobparat.job.rate=0.05"),
                             io::parse_override("interventions.flere-konsulenter.effects[0].multiplier=2"),
                             io::parse_override("refund.schedules.standard[1]=[4, 0.7]"),
                             io::parse_override("states.praktik.duration={gamma: {mean: 13, sd: 2}}"),
                             io::parse_override("meetings.opfølgning.outcomes.jobparat.praktik=0.15")});
  CHECK(sc.baseline().transitions[0].hazard.rate == 0.05);
  CHECK(sc.arms[1].model.transitions[0].hazard.rate == 0.05);  // the arm inherits the overridden baseline
  CHECK(sc.arms[1].effects[0].multiplier == 2.0);
  CHECK(sc.baseline().refund.schedules[0].steps[1] == std::pair<double, double>{4.0, 0.7});
  CHECK(sc.baseline().states[1].duration->kind == caseflow::engine::Distribution::Kind::gamma);
  CHECK(sc.baseline().states[1].duration->b == 2.0);
  CHECK(sc.baseline().meetings[0].outcomes[0].probability == 0.15);
  // The patch still wins inside its arm.
  CHECK(sc.arms[1].model.meetings[0].outcomes[0].probability == 0.2);
}

TEST_CASE("An override adds an optional key to an existing map, and later overrides win", "[io]") {
  const model::Scenario sc =
      io::load_scenario(data("minimal.yaml"), {io::Override{"scenario.warmup_years", "3"},
                                               io::Override{"scenario.replications", "10"},
                                               io::Override{"scenario.replications", "20"}});
  CHECK(sc.warmup_years == 3);
  CHECK(sc.replications == 20);

  const auto path = caseflow::io::test::write_scratch("empty_report.yaml",
                                                      "scenario: {name: x, start: 2025-01-01, years: 1}\n"
                                                      "states: {a: {}}\n"
                                                      "report:\n"
                                                      "interventions:\n"
                                                      "  ingenting:\n");
  const model::Scenario filled = io::load_scenario(path, {io::Override{"report.discount_rate", "0.03"}});
  CHECK(filled.report.discount_rate == 0.03);
  REQUIRE(filled.arms.size() == 2);
  CHECK(filled.arms[1].name == "ingenting");
  CHECK(filled.arms[1].model.states.size() == 1);
  CHECK(filled.arms[1].start_week == 0.0);
}

TEST_CASE("An override path that does not exist is reported at the bad segment of the --set text", "[io]") {
  CHECK(errors_of(data("minimal.yaml"), {io::parse_override("transitions.jobparat.jbo.rate=1")}) ==
        Lines{"--set:1:22: error: transitions.jobparat.jbo.rate: no key 'jbo' in 'transitions.jobparat'; did you "
              "mean 'job'?"});
  CHECK(errors_of(data("minimal.yaml"), {io::parse_override("interventions.flere-konsulenter.effects[3].multiplier=2")}) ==
        Lines{"--set:1:40: error: interventions.flere-konsulenter.effects[3].multiplier: index [3] is out of range "
              "('interventions.flere-konsulenter.effects' has 1 item)"});
  CHECK(errors_of(data("minimal.yaml"), {io::parse_override("scenario[0]=1")}) ==
        Lines{"--set:1:9: error: scenario[0]: 'scenario' is a map, not a list, so it has no item [0]"});
  CHECK(errors_of(data("minimal.yaml"), {io::parse_override("scenario..name=x")}) ==
        Lines{"--set:1:10: error: scenario..name: empty key in the path"});
}

TEST_CASE("Override values are checked like file values and point into the --set text", "[io]") {
  CHECK(errors_of(data("minimal.yaml"), {io::parse_override("transitions.jobparat.job.rate=fast")}) ==
        Lines{"--set:1:31: error: transitions.jobparat.job.rate: expected a number >= 0, got \"fast\""});
  CHECK(errors_of(data("minimal.yaml"), {io::parse_override("scenario.replicatons=5")}) ==
        Lines{"--set:1:10: error: scenario.replicatons: unknown key 'replicatons'; did you mean 'replications'?"});
  CHECK(errors_of(data("minimal.yaml"), {io::parse_override("states.praktik.duration={fixed: [1")}) ==
        Lines{"--set:1:35: error: states.praktik.duration: syntax error: end of sequence flow not found"});
}
