// Labels, sources and the structural difference between an arm and the baseline (issue 16).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "io/scenario_diff.hpp"
#include "io_test_support.hpp"

using namespace caseflow;

namespace {

std::string minimal_text() {
  std::ifstream in(io::test::data("minimal.yaml"));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const io::Difference* row(const std::vector<io::Difference>& rows, const std::string& path) {
  for (const auto& r : rows) {
    if (r.path == path) return &r;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("labels are read on states, groups, benefits, pools, slots and interventions", "[io][labels]") {
  std::string text = minimal_text();
  text.replace(text.find("jobparat: {benefit: group}"), 26, "jobparat: {benefit: group, label: Jobparat ledig}");
  text.replace(text.find("konsulenter: {fte: 4,"), 21, "konsulenter: {label: Virksomhedskonsulenter, fte: 4,");
  text.replace(text.find("  flere-konsulenter:\n"), 21, "  flere-konsulenter:\n    label: Flere konsulenter på øen\n");
  const model::Scenario s = io::build_scenario(io::read_scenario_text(text, "labels.yaml"), {});
  CHECK(s.baseline().states[0].label == "Jobparat ledig");
  CHECK(s.baseline().states[1].label.empty());
  CHECK(s.baseline().pools[0].label == "Virksomhedskonsulenter");
  CHECK(s.arms[1].label == "Flere konsulenter på øen");
}

TEST_CASE("the difference of an arm lists patched values, effects and costs with labels and sources", "[io][sources]") {
  std::string text = minimal_text();
  text += "\nsources:\n"
          "  interventions.flere-konsulenter.effects[0].multiplier: {text: Skøn fra STAR, assumption: true}\n"
          "  pools.konsulenter: Budget 2025\n";
  // A patched benefit and an added inflow entry must show too.
  text.replace(text.find("      pools:\n        konsulenter: {fte: 6}\n"), 43,
               "      pools:\n        konsulenter: {fte: 6}\n      benefits:\n        kontanthjælp: {weekly_rate: 3000}\n");
  const io::ScenarioDocument doc = io::read_scenario_text(text, "diff.yaml");
  const model::Scenario s = io::build_scenario(doc, {});
  const auto rows = io::scenario_differences(doc, {}, s, {0, 1});
  const auto* fte = row(rows, "pools.konsulenter.fte");
  REQUIRE(fte != nullptr);
  CHECK(fte->baseline == "4");
  CHECK(fte->value == "6");
  CHECK(fte->source == "Budget 2025");
  CHECK_FALSE(fte->assumption);
  const auto* rate = row(rows, "benefits.kontanthjælp.weekly_rate");
  REQUIRE(rate != nullptr);
  CHECK(rate->baseline == "2630");
  CHECK(rate->value == "3000");
  CHECK_FALSE(rate->has_source);
  const auto* states = row(rows, "meetings.opfølgning.states");
  REQUIRE(states != nullptr);
  CHECK(states->baseline == "[jobparat]");
  CHECK(states->value == "[jobparat, praktik]");
  const auto* effect = row(rows, "interventions.flere-konsulenter.effects[0].multiplier");
  REQUIRE(effect != nullptr);
  CHECK(effect->baseline == "1");
  CHECK(effect->value == "1.5");
  CHECK(effect->assumption);
  CHECK(effect->label == "Effekt på overgang jobparat → job: multiplikator");
  CHECK(row(rows, "interventions.flere-konsulenter.costs[0].per_year") != nullptr);
  CHECK(row(rows, "interventions.flere-konsulenter.start") != nullptr);
  CHECK(row(rows, "pools.konsulenter.meetings_per_fte_week") == nullptr);  // unchanged
}

TEST_CASE("a removed inflow entry and a changed initial stock are differences", "[io][sources]") {
  const io::Node empty;
  io::DiagnosticSink sink;
  io::ParseOptions options;
  options.file = "a";
  const auto base = io::parse_yaml("inflow: [{group: g, state: s, per_year: 5}]\ninitial: [{group: g, state: s, count: 10}]\n", options, sink);
  const auto arm = io::parse_yaml("inflow: []\ninitial: [{group: g, state: s, count: 12}]\n", options, sink);
  REQUIRE(base);
  REQUIRE(arm);
  const auto rows = io::diff_trees(*base, *arm, "");
  REQUIRE(row(rows, "initial[0].count") != nullptr);
  CHECK(row(rows, "initial[0].count")->value == "12");
  REQUIRE(row(rows, "inflow[0].per_year") != nullptr);
  CHECK(row(rows, "inflow[0].per_year")->value.empty());
}

TEST_CASE("a source for a path that names no value is a located error", "[io][sources]") {
  std::string text = minimal_text() + "\nsources:\n  transitions.jobparat.jb.rate: {text: x}\n";
  try {
    io::build_scenario(io::read_scenario_text(text, "bad_source.yaml"), {});
    FAIL("loaded");
  } catch (const io::InputError& e) {
    REQUIRE(!e.diagnostics().empty());
    const std::string msg = e.diagnostics().front().format();
    CHECK(msg.find("bad_source.yaml:") == 0);
    CHECK(msg.find("'transitions.jobparat.jb.rate' names no value") != std::string::npos);
  }
}

TEST_CASE("the difference lists after_end, a one-off limit and a received effect's weeks with Danish labels", "[io][labels]") {
  std::string text = minimal_text();
  text.replace(text.find("    start: 2025-07-02\n"), 22,
               "    start: 2025-07-02\n    end: 2026-07-01\n    after_end: {fade_weeks: 26}\n");
  text.replace(text.find("          states: [jobparat, praktik]\n"), 38, "          states: [jobparat, praktik]\n          max_per_citizen: 2\n");
  text += "      - {target: {received: praktik, within_weeks: 13}, transition: {from: jobparat, to: job}, multiplier: 1.2}\n";
  const io::ScenarioDocument doc = io::read_scenario_text(text, "windows.yaml");
  const model::Scenario s = io::build_scenario(doc, {});
  const auto rows = io::scenario_differences(doc, {}, s, {0, 1});
  const auto* fade = row(rows, "interventions.flere-konsulenter.after_end.fade_weeks");
  REQUIRE(fade != nullptr);
  CHECK(fade->value == "26");
  CHECK(fade->label == "flere-konsulenter: efter slut › virkningen aftager over (uger)");
  const auto* once = row(rows, "meetings.opfølgning.max_per_citizen");
  REQUIRE(once != nullptr);
  CHECK(once->value == "2");
  CHECK(once->label == "Samtaler opfølgning: højst samtaler pr. borger");
  const auto* within = row(rows, "interventions.flere-konsulenter.effects[1].target.within_weeks");
  REQUIRE(within != nullptr);
  CHECK(within->value == "13");
  CHECK(within->label == "Effekt på overgang jobparat → job: målgruppe › virkning efter modtaget indsats (uger)");
}
