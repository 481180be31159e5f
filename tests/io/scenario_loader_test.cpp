// Scenario files -> model::Scenario: values, ids, arms, and the exact text of every kind of
// input error (file:line:column, key path, what was expected, what was found).

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "io/scenario_loader.hpp"
#include "io/sha256.hpp"
#include "io_test_support.hpp"

using Catch::Matchers::Contains;
using caseflow::io::test::data;
using caseflow::io::test::errors_of;
using caseflow::io::test::write_scratch;
namespace io = caseflow::io;
namespace model = caseflow::model;
using Lines = std::vector<std::string>;

TEST_CASE("A minimal scenario types into the expected ids and values", "[io]") {
  const model::Scenario sc = io::load_scenario(data("minimal.yaml"));
  CHECK(sc.name == "lille-kommune");
  CHECK(sc.start == caseflow::engine::Date{2025, 1, 1});
  CHECK(sc.years == 2);
  CHECK(sc.warmup_years == 0);
  CHECK(sc.replications == 1);
  CHECK(sc.seed == 7u);
  CHECK(sc.report.prudence_factor == 1.0);
  CHECK(sc.report.discount_rate == 0.0);

  const model::Model& m = sc.baseline();
  REQUIRE(m.benefits.size() == 1);
  CHECK(m.benefits[0].name == "kontanthjælp");
  CHECK(m.benefits[0].weekly_rate == 2630.0);
  CHECK(m.benefits[0].refund_schedule == 0);
  REQUIRE(m.refund.schedules.size() == 1);
  CHECK(m.refund.schedules[0].steps == std::vector<std::pair<double, double>>{{0.0, 0.2}, {4.0, 0.6}});
  CHECK(m.refund.self_support_weeks == 52.0);
  CHECK(m.refund.window_weeks == 156.0);
  REQUIRE(m.groups.size() == 1);
  CHECK(m.groups[0].benefit == 0);

  REQUIRE(m.states.size() == 3);
  CHECK(m.states[0].name == "jobparat");
  CHECK(m.states[0].benefit_rule == model::State::BenefitRule::group);
  CHECK_FALSE(m.states[0].is_programme());
  const model::State& praktik = m.states[1];
  REQUIRE(praktik.is_programme());
  CHECK(praktik.duration->kind == caseflow::engine::Distribution::Kind::fixed);
  CHECK(praktik.duration->a == 13.0);
  REQUIRE(praktik.exits.size() == 2);
  CHECK(praktik.exits[0].to == 2);
  CHECK_FALSE(praktik.exits[0].to_return);
  CHECK(praktik.exits[0].probability == 0.25);
  CHECK(praktik.exits[1].to_return);
  CHECK(praktik.exits[1].probability == 0.75);
  CHECK(praktik.slot == 0);
  CHECK(m.states[2].self_supporting);
  CHECK(m.states[2].benefit_rule == model::State::BenefitRule::none);

  REQUIRE(m.transitions.size() == 2);
  CHECK(m.transitions[0].from == 0);
  CHECK(m.transitions[0].to == 2);
  CHECK(m.transitions[0].hazard.kind == model::Hazard::Kind::rate);
  CHECK(m.transitions[0].hazard.rate == 0.03);
  CHECK(m.transitions[0].hazard.clock == model::Hazard::Clock::state);
  CHECK(m.transitions[1].from == 2);
  CHECK(m.transitions[1].to == 0);
  CHECK(m.transitions[1].hazard.kind == model::Hazard::Kind::weibull);
  CHECK(m.transitions[1].hazard.shape == 0.8);
  CHECK(m.transitions[1].hazard.scale == 200.0);
  CHECK(m.transitions[1].hazard.clock == model::Hazard::Clock::spell);

  REQUIRE(m.meetings.size() == 1);
  const model::MeetingTrack& track = m.meetings[0];
  CHECK(track.name == "opfølgning");
  CHECK(track.states == std::vector<model::StateId>{0});
  CHECK(track.interval_min == 2.0);
  CHECK(track.interval_max == 13.0);
  CHECK(track.pool == 0);
  REQUIRE(track.outcomes.size() == 1);
  CHECK(track.outcomes[0].from == 0);
  CHECK(track.outcomes[0].to == 1);
  CHECK(track.outcomes[0].probability == 0.1);

  REQUIRE(m.pools.size() == 1);
  CHECK(m.pools[0].fte_schedule == std::vector<std::pair<double, double>>{{-model::kInfinity, 4.0}});
  CHECK(m.pools[0].meetings_per_fte_week == 20.0);
  CHECK(m.pools[0].caseload_per_fte == 0.0);
  REQUIRE(m.slots.size() == 1);
  CHECK(m.slots[0].capacity == 40);
  REQUIRE(m.inflow.size() == 1);
  CHECK(m.inflow[0].group == 0);
  CHECK(m.inflow[0].state == 0);
  CHECK(m.inflow[0].per_year == 500.0);
  CHECK(m.initial.empty());
}

TEST_CASE("Arms are the baseline then each intervention, with dates in weeks, costs and effects", "[io]") {
  const model::Scenario sc = io::load_scenario(data("minimal.yaml"));
  REQUIRE(sc.arms.size() == 2);
  CHECK(sc.arms[0].name == "baseline");
  CHECK(sc.arms[0].costs.empty());
  CHECK(sc.arms[0].effects.empty());
  const model::Arm& arm = sc.arms[1];
  CHECK(arm.name == "flere-konsulenter");
  CHECK(arm.start_week == Approx(26.0).margin(1e-12));  // 2025-07-02 is 182 days after 2025-01-01
  CHECK(arm.end_week == model::kInfinity);
  REQUIRE(arm.costs.size() == 1);
  CHECK(arm.costs[0].label == "to konsulenter");
  CHECK(arm.costs[0].kind == model::CostItem::Kind::per_year);
  CHECK(arm.costs[0].amount == 1000000.0);
  REQUIRE(arm.effects.size() == 1);
  const model::Effect& fx = arm.effects[0];
  CHECK(fx.kind == model::Effect::Kind::hazard);
  CHECK(fx.from == 0);
  CHECK(fx.to == 2);
  CHECK(fx.multiplier == 1.5);
  CHECK(fx.target.states == std::vector<model::StateId>{0});
  CHECK(fx.target.groups.empty());
  CHECK(fx.origin.line == 62);
  CHECK(fx.origin.path == "interventions.flere-konsulenter.effects[0]");
}

TEST_CASE("A patch merges maps key by key and replaces lists, leaving the baseline alone", "[io]") {
  const model::Scenario sc = io::load_scenario(data("minimal.yaml"));
  const model::Model& base = sc.arms[0].model;
  const model::Model& arm = sc.arms[1].model;
  // pools.konsulenter: {fte: 6} merged into {fte: 4, meetings_per_fte_week: 20}.
  CHECK(arm.pools[0].fte_schedule.front().second == 6.0);
  CHECK(arm.pools[0].meetings_per_fte_week == 20.0);
  CHECK(base.pools[0].fte_schedule.front().second == 4.0);
  // meetings.opfølgning.states is a list: replaced, not appended to.
  CHECK(arm.meetings[0].states == std::vector<model::StateId>{0, 1});
  CHECK(base.meetings[0].states == std::vector<model::StateId>{0});
  // Keys the patch does not name are kept.
  CHECK(arm.meetings[0].interval_min == 2.0);
  CHECK(arm.meetings[0].interval_max == 13.0);
  CHECK(arm.meetings[0].pool == 0);
  // outcomes is a map: jobparat.praktik's probability is replaced inside it.
  REQUIRE(arm.meetings[0].outcomes.size() == 1);
  CHECK(arm.meetings[0].outcomes[0].probability == 0.2);
  CHECK(base.meetings[0].outcomes[0].probability == 0.1);
  CHECK(arm.states.size() == base.states.size());
  CHECK(arm.transitions.size() == base.transitions.size());
}

TEST_CASE("Origins record where states, transitions, tracks, pools and arms were written", "[io]") {
  const model::Scenario sc = io::load_scenario(data("minimal.yaml"));
  const model::Model& m = sc.baseline();
  CHECK(m.states[1].origin.file == data("minimal.yaml"));
  CHECK(m.states[1].origin.line == 20);
  CHECK(m.states[1].origin.column == 3);
  CHECK(m.states[1].origin.path == "states.praktik");
  CHECK(m.transitions[0].origin.line == 29);
  CHECK(m.transitions[0].origin.column == 5);
  CHECK(m.transitions[0].origin.path == "transitions.jobparat.job");
  CHECK(m.meetings[0].origin.path == "meetings.opfølgning");
  CHECK(m.pools[0].origin.line == 41);
  CHECK(m.slots[0].origin.line == 44);
  CHECK(sc.arms[1].origin.line == 50);
  CHECK(sc.arms[1].origin.path == "interventions.flere-konsulenter");
  // A map the patch merges into keeps the position where the baseline wrote it; a value the
  // patch replaces points into the patch.
  CHECK(sc.arms[1].model.pools[0].origin.line == 41);
  CHECK(sc.arms[1].model.meetings[0].origin.line == 34);
}

TEST_CASE("The example scenario in SPEC.md loads without errors", "[io]") {
  std::vector<io::Diagnostic> warnings;
  const model::Scenario sc = io::load_scenario(data("spec_example.yaml"), {}, &warnings);
  CHECK(warnings.empty());
  CHECK(sc.name == "mellemstor-kommune");
  CHECK(sc.warmup_years == 3);
  CHECK(sc.replications == 100);
  CHECK(sc.seed == 20251122u);
  const model::Model& m = sc.baseline();
  CHECK(m.states.size() == 5);
  CHECK(m.transitions.size() == 4);
  CHECK(m.benefits.size() == 3);
  REQUIRE(m.initial.size() == 1);
  CHECK(m.initial[0].count == 400);
  CHECK(m.initial[0].elapsed_weeks.kind == caseflow::engine::Distribution::Kind::exponential);
  CHECK(m.initial[0].elapsed_weeks.a == 80.0);
  REQUIRE(m.transitions[2].hazard.kind == model::Hazard::Kind::piecewise);
  CHECK(m.transitions[2].hazard.steps == std::vector<std::pair<double, double>>{{0.0, 0.015}, {52.0, 0.008}});
  REQUIRE(sc.arms.size() == 2);
  const model::Model& arm = sc.arms[1].model;
  REQUIRE(arm.pools.size() == 2);
  CHECK(arm.pools[1].name == "jobformidlere");
  CHECK(arm.pools[1].caseload_per_fte == 35.0);
  REQUIRE(arm.meetings.size() == 2);
  CHECK(arm.meetings[1].eligible.min_spell_weeks == 52.0);
  CHECK(arm.meetings[1].eligible.groups == std::vector<int>{1, 0});
  CHECK(sc.arms[1].start_week == 0.0);
  CHECK(sc.report.prudence_factor == 1.0);
}

TEST_CASE("An unknown key is reported at the key with a suggestion", "[io]") {
  CHECK(errors_of(data("unknown_key.yaml")) ==
        Lines{"unknown_key.yaml:7:5: error: pools.konsulenter.caseload_per_ft: unknown key 'caseload_per_ft'; did you "
              "mean 'caseload_per_fte'?"});
}

TEST_CASE("A duplicate key is reported at the second occurrence with the line of the first", "[io]") {
  CHECK(errors_of(data("duplicate_key.yaml")) ==
        Lines{"duplicate_key.yaml:6:3: error: states: duplicate key 'praktik' (first at line 5)"});
}

TEST_CASE("A value of the wrong type is reported with what was expected and what was found", "[io]") {
  CHECK(errors_of(data("wrong_type.yaml")) ==
        Lines{"wrong_type.yaml:7:17: error: transitions.jobparat.job.rate: expected a number >= 0, got \"fast\"",
              "wrong_type.yaml:8:8: error: slots: expected a map, got a list"});
}

TEST_CASE("A negative number where a non-negative one is required is reported", "[io]") {
  CHECK(errors_of(data("negative_number.yaml")) ==
        Lines{"negative_number.yaml:3:31: error: benefits.kontanthjælp.weekly_rate: expected a number in [0, 1e+12], got -2630"});
}

TEST_CASE("NaN is rejected as not a finite number", "[io]") {
  CHECK(errors_of(data("nan.yaml")) ==
        Lines{"nan.yaml:7:17: error: transitions.jobparat.job.rate: expected a finite number, got .nan"});
}

TEST_CASE("Programme exits that do not sum to 1 are reported with their sum", "[io]") {
  CHECK(errors_of(data("exits_sum.yaml")) ==
        Lines{"exits_sum.yaml:6:12: error: states.praktik.exits: probabilities sum to 0.9 (expected 1)"});
}

TEST_CASE("A reference to an undefined state is reported with a suggestion", "[io]") {
  CHECK(errors_of(data("undefined_reference.yaml")) ==
        Lines{"undefined_reference.yaml:7:5: error: transitions.jobparat.jbo: undefined state 'jbo'; did you mean "
              "'job'?"});
}

TEST_CASE("An impossible date is reported at the value", "[io]") {
  CHECK(errors_of(data("bad_date.yaml")) ==
        Lines{"bad_date.yaml:3:10: error: scenario.start: expected a date YYYY-MM-DD, got \"2025-02-30\""});
}

TEST_CASE("A missing required key is reported at its parent map", "[io]") {
  CHECK(errors_of(data("missing_key.yaml")) ==
        Lines{"missing_key.yaml:2:3: error: scenario: missing required key 'start'"});
}

TEST_CASE("A YAML syntax error is reported with its position", "[io]") {
  CHECK(errors_of(data("syntax_error.yaml")) ==
        Lines{"syntax_error.yaml:4:1: error: syntax error: end of sequence flow not found"});
}

TEST_CASE("Tab indentation is reported at the tab", "[io]") {
  CHECK(errors_of(data("tab_indent.yaml")) ==
        Lines{"tab_indent.yaml:3:1: error: tab character in indentation (YAML indents with spaces only)"});
}

TEST_CASE("An empty file is reported as holding no scenario", "[io]") {
  CHECK(errors_of(data("empty.yaml")) ==
        Lines{"empty.yaml:1:1: error: the file holds no scenario (it is empty or only comments; expected a map with "
              "'scenario', 'states', …)"});
  CHECK(errors_of(write_scratch("comments.yaml", "# nothing here\n\n")) ==
        Lines{"comments.yaml:1:1: error: the file holds no scenario (it is empty or only comments; expected a map "
              "with 'scenario', 'states', …)"});
}

TEST_CASE("An error inside an intervention's patch points into the patch", "[io]") {
  CHECK(errors_of(data("patch_error.yaml")) ==
        Lines{"patch_error.yaml:11:31: error: interventions.jobformidlere.patch.pools.konsulenter.caseload_per_ft: "
              "unknown key 'caseload_per_ft'; did you mean 'caseload_per_fte'?",
              "patch_error.yaml:14:23: error: interventions.jobformidlere.patch.transitions.jobparat.job.rate: "
              "expected a number >= 0, got -1"});
}

TEST_CASE("Every error in a file is reported, sorted by position", "[io]") {
  CHECK(errors_of(data("several_errors.yaml")) ==
        Lines{"several_errors.yaml:4:10: error: scenario.years: expected an integer in 1..200, got 0",
              "several_errors.yaml:6:23: error: states.jobparat.benefit: undefined benefit 'grup'; did you mean "
              "'group'?",
              "several_errors.yaml:7:26: error: states.job.self_supporting: expected true or false, got \"yes please\"",
              "several_errors.yaml:10:23: error: transitions.jobparat.job.weibull: 'rate' and 'weibull' both given; "
              "a transition has exactly one hazard (a patch is merged into the baseline's value: to replace 'rate' by "
              "'weibull' there, also write 'rate: null')",
              "several_errors.yaml:11:27: error: report.prudence_factor: expected a number in [0, 1], got 1.5"});
}

TEST_CASE("A missing file is reported without a position", "[io]") {
  CHECK(errors_of(data("no_such_file.yaml")) ==
        Lines{"no_such_file.yaml: error: cannot read the scenario file: no such file"});
}

TEST_CASE("Binary garbage is refused as not UTF-8 text", "[io]") {
  const std::string bytes{"scenario:\n  name: \x89PNG\r\n\x1a\n\0\0\0", 28};
  CHECK(errors_of(write_scratch("garbage.yaml", bytes)) ==
        Lines{"garbage.yaml:2:9: error: the file is not UTF-8 text (invalid byte 0x89); save it as UTF-8"});
  CHECK(errors_of(write_scratch("nul.yaml", std::string("a: 1\n\0b: 2\n", 11))) ==
        Lines{"nul.yaml:2:1: error: control character 0x00 in the text (is this a binary file?)"});
}

TEST_CASE("Nesting deeper than 64 levels is refused without crashing", "[io]") {
  const std::string deep = "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  CHECK(errors_of(write_scratch("deep.yaml", deep)) == Lines{"deep.yaml:1:67: error: a: nested deeper than 64 levels"});
  std::string block;
  for (int i = 0; i < 70; ++i) block += std::string(static_cast<std::size_t>(2 * i), ' ') + "k" + std::to_string(i) + ":\n";
  const Lines lines = errors_of(write_scratch("deep_block.yaml", block));
  REQUIRE(lines.size() == 1);
  CHECK_THAT(lines[0], Contains("nested deeper than 64 levels"));
}

TEST_CASE("A file larger than 64 MiB is refused before it is read", "[io]") {
  const auto path = write_scratch("huge.yaml", "");
  std::filesystem::resize_file(path, 65ull * 1024 * 1024);  // sparse: costs no disk
  CHECK(errors_of(path) == Lines{"huge.yaml: error: the file is 65.0 MiB; scenario files are limited to 64 MiB"});
  std::filesystem::remove(path);
}

TEST_CASE("An intervention may not be called baseline", "[io]") {
  const auto path = write_scratch("reserved.yaml",
                                  "scenario: {name: x, start: 2025-01-01, years: 1}\n"
                                  "states: {a: {}}\n"
                                  "interventions:\n"
                                  "  baseline: {description: oops}\n");
  CHECK(errors_of(path) ==
        Lines{"reserved.yaml:4:3: error: interventions.baseline: 'baseline' is reserved for the arm without "
              "intervention"});
}

TEST_CASE("An effect on a transition the arm does not have is reported", "[io]") {
  const auto path = write_scratch("effect.yaml",
                                  "scenario: {name: x, start: 2025-01-01, years: 1}\n"
                                  "states: {a: {}, b: {}}\n"
                                  "transitions: {a: {b: {rate: 0.1}}}\n"
                                  "interventions:\n"
                                  "  x:\n"
                                  "    effects:\n"
                                  "      - {transition: {from: b, to: a}, multiplier: 2}\n"
                                  "      - {meeting: samtale, outcome: b, multiplier: 2}\n");
  CHECK(errors_of(path) ==
        Lines{"effect.yaml:7:22: error: interventions.x.effects[0].transition: there is no transition b -> a in this "
              "arm's model to scale",
              "effect.yaml:8:19: error: interventions.x.effects[1].meeting: undefined meeting 'samtale' (no meetings "
              "are defined)"});
}

TEST_CASE("A patch that removes a state leaves baseline references to it as errors naming the arm", "[io]") {
  const auto path = write_scratch("remove.yaml",
                                  "scenario: {name: x, start: 2025-01-01, years: 1}\n"
                                  "states: {a: {}, b: {}}\n"
                                  "transitions: {a: {b: {rate: 0.1}}}\n"
                                  "interventions:\n"
                                  "  uden-b:\n"
                                  "    patch: {states: {b: null}, transitions: {a: null}}\n"
                                  "  ødelagt:\n"
                                  "    patch: {states: {b: }}\n");
  CHECK(errors_of(path) ==
        Lines{"remove.yaml:3:19: error: transitions.a.b: undefined state 'b' (defined: a) (in intervention 'ødelagt')"});
}

TEST_CASE("Meeting outcomes must come from the meeting's states and sum to at most 1", "[io]") {
  const auto path = write_scratch("meetings.yaml",
                                  "scenario: {name: x, start: 2025-01-01, years: 1}\n"
                                  "states: {a: {}, b: {}, c: {}}\n"
                                  "meetings:\n"
                                  "  m:\n"
                                  "    states: [a]\n"
                                  "    interval_weeks: {min: 2, max: 4}\n"
                                  "    outcomes: {a: {b: 0.7, c: 0.4}, b: {c: 0.1}}\n");
  CHECK(errors_of(path) ==
        Lines{"meetings.yaml:6:21: error: meetings.m.interval_weeks: without a pool the interval is fixed: give min "
              "== max or a plain number (got min 2, max 4)",
              "meetings.yaml:7:19: error: meetings.m.outcomes.a: probabilities sum to 1.1 (expected at most 1)",
              "meetings.yaml:7:37: error: meetings.m.outcomes.b: 'b' is not one of this meeting's states (a)"});
}

TEST_CASE("Every kind of distribution is typed and invalid parameters are reported", "[io]") {
  using K = caseflow::engine::Distribution::Kind;
  const auto good = write_scratch("distributions.yaml",
                                  "scenario: {name: x, start: 2025-01-01, years: 1}\n"
                                  "states: {a: {}}\n"
                                  "groups: {g: {benefit: none}}\n"
                                  "initial:\n"
                                  "  - {group: g, state: a, count: 1, elapsed_weeks: {fixed: 3}}\n"
                                  "  - {group: g, state: a, count: 1, elapsed_weeks: {exponential: 80}}\n"
                                  "  - {group: g, state: a, count: 1, elapsed_weeks: {uniform: [1, 5]}}\n"
                                  "  - {group: g, state: a, count: 1, elapsed_weeks: {gamma: {mean: 10, sd: 3}}}\n"
                                  "  - {group: g, state: a, count: 1, elapsed_weeks: {lognormal: {mean: 10, sd: 3}}}\n"
                                  "  - {group: g, state: a, count: 1, elapsed_weeks: {beta: {mean: 0.5, sd: 0.1}}}\n"
                                  "  - {group: g, state: a, count: 1, elapsed_weeks: {normal: {mean: 30, sd: 2}}}\n"
                                  "  - {group: g, state: a, count: 1, elapsed_weeks: {triangular: [1, 2, 6]}}\n"
                                  "  - {group: g, state: a, count: 1, elapsed_weeks: {empirical: [[1, 3], [4, 1]]}}\n");
  const model::Scenario sc = io::load_scenario(good);
  const auto& init = sc.baseline().initial;
  REQUIRE(init.size() == 9);
  const K kinds[] = {K::fixed, K::exponential, K::uniform,    K::gamma,    K::lognormal,
                     K::beta,  K::normal,      K::triangular, K::empirical};
  for (std::size_t i = 0; i < 9; ++i) CHECK(init[i].elapsed_weeks.kind == kinds[i]);
  CHECK(init[2].elapsed_weeks.a == 1.0);
  CHECK(init[2].elapsed_weeks.b == 5.0);
  CHECK(init[3].elapsed_weeks.a == 10.0);
  CHECK(init[3].elapsed_weeks.b == 3.0);
  CHECK(init[7].elapsed_weeks.c == 6.0);
  CHECK(init[8].elapsed_weeks.empirical == std::vector<std::pair<double, double>>{{1.0, 3.0}, {4.0, 1.0}});

  const auto bad = write_scratch("bad_distributions.yaml",
                                 "scenario: {name: x, start: 2025-01-01, years: 1}\n"
                                 "states:\n"
                                 "  a: {duration: {fixed: -1}, exits: {b: 1}}\n"
                                 "  b: {duration: {beta: {mean: 0.5, sd: 0.6}}, exits: {a: 1}}\n"
                                 "  c: {duration: {gama: {mean: 3, sd: 1}}, exits: {a: 1}}\n"
                                 "  d: {duration: {uniform: [5, 1]}, exits: {a: 1}}\n"
                                 "  e: {duration: {fixed: 1, exponential: 2}, exits: {a: 1}}\n");
  CHECK(errors_of(bad) ==
        Lines{"bad_distributions.yaml:3:25: error: states.a.duration.fixed: a duration cannot be negative, got minimum -1",
              "bad_distributions.yaml:4:24: error: states.b.duration.beta: invalid beta distribution: sd too large for a "
              "beta with this mean (need sd^2 < mean*(1-mean))",
              "bad_distributions.yaml:5:18: error: states.c.duration.gama: unknown key 'gama'; did you mean 'gamma'?",
              "bad_distributions.yaml:6:27: error: states.d.duration.uniform: invalid uniform distribution: needs [a, b] "
              "with a <= b",
              "bad_distributions.yaml:7:28: error: states.e.duration.exponential: 'fixed' and 'exponential' both given; "
              "a distribution has exactly one kind (a patch is merged into the baseline's value: to replace 'fixed' by "
              "'exponential' there, also write 'fixed: null')"});
}

TEST_CASE("Warnings are returned beside a successful load", "[io]") {
  const auto path = write_scratch("warning.yaml",
                                  "scenario: {name: x, start: 2025-01-01, years: 1}\n"
                                  "states:\n"
                                  "  a: {duration: {normal: {mean: 4, sd: 2}}, exits: {b: 1}}\n"
                                  "  b: {}\n");
  std::vector<io::Diagnostic> warnings;
  const model::Scenario sc = io::load_scenario(path, {}, &warnings);
  CHECK(sc.baseline().states[0].is_programme());
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0].format(), Contains("warning.yaml:3:26: warning: states.a.duration.normal: a normal duration "
                                            "is negative with noticeable probability"));
}

TEST_CASE("Pool staffing changes become a schedule sorted by week", "[io]") {
  const auto path = write_scratch("staffing.yaml",
                                  "scenario: {name: x, start: 2025-01-01, years: 2}\n"
                                  "states: {a: {}}\n"
                                  "pools:\n"
                                  "  p:\n"
                                  "    fte: 10\n"
                                  "    meetings_per_fte_week: 20\n"
                                  "    caseload_per_fte: 35\n"
                                  "    fte_changes: [{date: 2026-01-01, fte: 8}, {date: 2025-01-15, fte: 12}]\n");
  const model::Scenario sc = io::load_scenario(path);
  const auto& schedule = sc.baseline().pools[0].fte_schedule;
  REQUIRE(schedule.size() == 3);
  CHECK(schedule[0] == std::pair<double, double>{-model::kInfinity, 10.0});
  CHECK(schedule[1] == std::pair<double, double>{2.0, 12.0});
  CHECK(schedule[2].first == Approx(365.0 / 7.0).epsilon(1e-12));
  CHECK(schedule[2].second == 8.0);
  CHECK(sc.baseline().pools[0].caseload_per_fte == 35.0);
}

TEST_CASE("The document's SHA-256 is that of the file's bytes", "[io]") {
  const auto doc = io::read_scenario_document(data("minimal.yaml"));
  std::ifstream in(data("minimal.yaml"), std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  CHECK(doc.sha256() == io::sha256_hex(bytes));
  CHECK(doc.sha256().size() == 64);
  CHECK(doc.file() == data("minimal.yaml"));
  // A document is built into a scenario as often as needed (sweeps).
  const model::Scenario a = io::build_scenario(doc);
  const model::Scenario b = io::build_scenario(doc, {io::Override{"scenario.seed", "9"}});
  CHECK(a.seed == 7u);
  CHECK(b.seed == 9u);
}

TEST_CASE("A baseline error is reported once even when a patch changes the names it lists", "[io]") {
  const auto path = write_scratch("once.yaml",
                                  "scenario: {name: x, start: 2025-01-01, years: 1}\n"
                                  "states: {a: {}, b: {}}\n"
                                  "transitions: {a: {q: {rate: 0.1}}}\n"
                                  "interventions:\n"
                                  "  x:\n"
                                  "    patch: {states: {c: {}}}\n");
  CHECK(errors_of(path) == Lines{"once.yaml:3:19: error: transitions.a.q: undefined state 'q' (defined: a, b)"});
}

TEST_CASE("by_group hazards name defined groups and use the hazard keys", "[io]") {
  const std::string dir = std::string(CASEFLOW_TEST_DATA) + "/model/";
  const auto s = caseflow::io::load_scenario(dir + "by_group.yaml");
  REQUIRE(s.baseline().transitions.front().by_group.size() == 2);
  CHECK_FALSE(s.baseline().transitions.front().by_group[0].has_value());
  CHECK(s.baseline().transitions.front().by_group[1]->rate == 0.06);
  CHECK_THROWS_WITH(caseflow::io::load_scenario(dir + "by_group.yaml", {{"transitions.ledig.job.by_group", "{dagpenje: {rate: 0.1}}"}}),
                    Catch::Contains("transitions.ledig.job.by_group.dagpenje") && Catch::Contains("did you mean 'dagpenge'"));
  CHECK_THROWS_WITH(caseflow::io::load_scenario(dir + "by_group.yaml", {{"transitions.ledig.job.by_group", "{dagpenge: {rat: 0.1}}"}}),
                    Catch::Contains("unknown key 'rat'; did you mean 'rate'?"));
}

TEST_CASE("stated_savings is typed per budget year, and a bad year or amount is a located error", "[io]") {
  const std::string file = std::string(CASEFLOW_TEST_DATA) + "/model/two_state_savings.yaml";
  const model::Scenario s = io::load_scenario(file, {{"interventions.indsats.stated_savings", "{2026: 250000, 2025: 100000.5}"}});
  REQUIRE(s.arms.size() == 3);
  CHECK(s.arms[1].stated_savings == std::vector<std::pair<int, double>>{{2025, 100000.5}, {2026, 250000.0}});
  CHECK(s.arms[2].stated_savings.empty());
  const auto errors = errors_of(file, {{"interventions.indsats.stated_savings", "{zwei: 3, 2026: abc}"}});
  REQUIRE(errors.size() == 2);
  CHECK_THAT(errors[0], Catch::Contains("interventions.indsats.stated_savings") && Catch::Contains("expected a budget year (e.g. 2026), got 'zwei'"));
  CHECK_THAT(errors[1], Catch::Contains("interventions.indsats.stated_savings.2026") && Catch::Contains("abc"));
  CHECK_THAT(errors[0], Catch::StartsWith("--set:1:"));
}
