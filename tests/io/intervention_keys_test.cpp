// The keys of issue 19 items 1, 2, 7 and 8 in the loader: costs per budget year, per participant
// and per place, financing lines, dated benefit rates, uprating, a price level, and the guard on
// Danish number habits; every bad input located at FILE:LINE:COL.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "io/scenario_loader.hpp"
#include "io_test_support.hpp"

using Catch::Matchers::Contains;
using caseflow::io::test::errors_of;
using caseflow::io::test::write_scratch;
namespace io = caseflow::io;
namespace model = caseflow::model;

namespace {

/// A small valid scenario; `benefit` and `intervention` are spliced in as written.
std::string scenario(const std::string& benefit, const std::string& intervention, const std::string& report = "") {
  return "scenario: {name: t, start: 2020-01-01, years: 4}\n"
         "benefits:\n"
         "  kh: " + benefit + "\n"
         "refund: {schedules: {flat: [[0, 0.5]]}}\n"
         "groups: {kh: {benefit: kh}}\n"
         "states:\n"
         "  ledig: {benefit: group}\n"
         "  job: {self_supporting: true, absorbing: true}\n"
         "transitions: {ledig: {job: {rate: 0.01}}}\n"
         "slots: {kursus: {capacity: 12}}\n"
         "initial: [{group: kh, state: ledig, count: 1}]\n"
         "interventions:\n"
         "  p:\n" + intervention + report;
}

const std::string kRate = "{weekly_rate: 2630, refund: flat}";

}  // namespace

TEST_CASE("Cost and financing lines of every form are typed", "[io]") {
  const auto path = write_scratch("lines_ok.yaml", scenario(kRate,
      "    costs:\n"
      "      - {label: a, per_budget_year: {2020: 1562000, 2021: 1796000}}\n"
      "      - {label: b, per_participant: 5000}\n"
      "      - {label: c, per_place_year: 48000, slot: kursus}\n"
      "      - {label: d, per_place_year: 48000, places: 7.5}\n"
      "    financing:\n"
      "      - {label: STAR, per_year: 400000}\n"));
  const model::Scenario sc = io::load_scenario(path);
  const model::Arm& arm = sc.arms[1];
  REQUIRE(arm.costs.size() == 4);
  CHECK(arm.costs[0].kind == model::CostItem::Kind::per_budget_year);
  CHECK(arm.costs[0].by_year == std::vector<std::pair<int, double>>{{2020, 1562000.0}, {2021, 1796000.0}});
  CHECK(arm.costs[1].kind == model::CostItem::Kind::per_participant);
  CHECK(arm.costs[1].amount == 5000.0);
  CHECK(arm.costs[2].kind == model::CostItem::Kind::per_place_year);
  CHECK(arm.costs[2].slot == 0);
  CHECK(arm.costs[3].places == 7.5);
  REQUIRE(arm.financing.size() == 1);
  CHECK(arm.financing[0].kind == model::CostItem::Kind::per_year);
  CHECK(arm.financing[0].amount == 400000.0);
}

TEST_CASE("Year tables out of order or with a key that is not a year are located errors", "[io]") {
  const auto path = write_scratch("years_bad.yaml", scenario(kRate,
      "    costs:\n"
      "      - {label: a, per_budget_year: {2021: 1, 2020: 2, to: 3}}\n"));
  const auto errors = errors_of(path);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] == "years_bad.yaml:15:47: error: interventions.p.costs[0].per_budget_year.2020: year 2020 is not "
                     "after the previous year 2021 (years must be in ascending order)");
  CHECK(errors[1] == "years_bad.yaml:15:56: error: interventions.p.costs[0].per_budget_year.to: expected a year "
                     "1900..2200 as the key, got 'to'");
}

TEST_CASE("A negative cost is an error that points to financing", "[io]") {
  const auto path = write_scratch("negative_cost.yaml", scenario(kRate,
      "    costs:\n"
      "      - {label: tilskud, per_year: -500000}\n"));
  const auto errors = errors_of(path);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "negative_cost.yaml:15:36: error: interventions.p.costs[0].per_year: expected a number in [0, 1e+12], got "
                     "-500000; a grant or other income that pays for the intervention goes under 'financing' as a "
                     "positive amount");
}

TEST_CASE("stated_savings are read as amounts: a Danish thousands point is caught, a reduction's minus sign is an error", "[io]") {
  // Found by a new user: Hørsholm's budget table prints the saving as "Reduktion (-) -200.000".
  const auto path = write_scratch("stated_points.yaml", scenario(kRate,
      "    costs: [{label: a, per_year: 0}]\n"
      "    stated_savings: {2020: 200.000, 2021: 1.200.000, 2022: -200000}\n"));
  std::vector<io::Diagnostic> warnings;
  const auto errors = errors_of(path);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] == "stated_points.yaml:15:43: error: interventions.p.stated_savings.2021: expected an amount in DKK "
                     "without thousands separators, got 1.200.000; write 1200000");
  CHECK(errors[1] == "stated_points.yaml:15:60: error: interventions.p.stated_savings.2022: expected a number in [0, 1e+12], "
                     "got -200000; a stated saving is what the municipality expects to save, written as a positive amount "
                     "(a budget table's reduction of -200.000 is a saving of 200000)");
  const auto clean = write_scratch("stated_point.yaml", scenario(kRate,
      "    costs: [{label: a, per_year: 0}]\n"
      "    stated_savings: {2020: 200.000, 2021: 200000}\n"));
  const model::Scenario sc = io::load_scenario(clean, {}, &warnings);
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0].format(), Contains("stated_point.yaml:15:28: warning: interventions.p.stated_savings.2020: 200.000 has exactly "
                                "three decimals and is read as 200 DKK; if '.' is a Danish thousands separator here, write 200000"));
  CHECK(sc.arms[1].stated_savings == std::vector<std::pair<int, double>>{{2020, 200.0}, {2021, 200000.0}});
}

TEST_CASE("A patch that changes a distribution's kind is told to drop the baseline's kind, and doing so works", "[io]") {
  // Found by a new user: patching {uniform: [2, 8]} with {fixed: 3} keeps 'uniform' after the merge.
  const std::string base =
      "scenario: {name: t, start: 2020-01-01, years: 2}\n"
      "benefits: {kh: {weekly_rate: 2630, refund: flat}}\n"
      "refund: {schedules: {flat: [[0, 0.5]]}}\n"
      "groups: {kh: {benefit: kh}}\n"
      "states:\n"
      "  venter: {benefit: group, duration: {uniform: [2, 8]}, exits: {job: 1}}\n"
      "  job: {self_supporting: true, absorbing: true}\n"
      "initial: [{group: kh, state: venter, count: 1}]\n"
      "interventions:\n"
      "  hurtigere:\n"
      "    costs: [{label: a, per_year: 0}]\n";
  const auto kept = write_scratch("kind_kept.yaml", base + "    patch: {states: {venter: {duration: {fixed: 3}}}}\n");
  const auto errors = errors_of(kept);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0], Contains("interventions.hurtigere.patch.states.venter.duration.fixed: 'uniform' and 'fixed' both given") &&
                            Contains("to replace 'uniform' by 'fixed' there, also write 'uniform: null'"));
  const auto dropped = write_scratch("kind_dropped.yaml", base + "    patch: {states: {venter: {duration: {uniform: null, fixed: 3}}}}\n");
  const model::Scenario sc = io::load_scenario(dropped);
  REQUIRE(sc.arms.size() == 2);
  REQUIRE(sc.arms[1].model.states[0].duration.has_value());
  CHECK(sc.arms[1].model.states[0].duration->kind == caseflow::engine::Distribution::Kind::fixed);
  CHECK(sc.arms[0].model.states[0].duration->kind == caseflow::engine::Distribution::Kind::uniform);
}

TEST_CASE("per_place_year needs exactly one of places and slot; places only go with it", "[io]") {
  const auto path = write_scratch("places_bad.yaml", scenario(kRate,
      "    costs:\n"
      "      - {label: a, per_place_year: 48000}\n"
      "      - {label: b, per_year: 1, places: 3}\n"
      "      - {label: c, per_place_year: 1, slot: kursu}\n"));
  const auto errors = errors_of(path);
  REQUIRE(errors.size() == 3);
  CHECK_THAT(errors[0], Contains("places_bad.yaml:15:9: error: interventions.p.costs[0]: 'per_place_year' needs 'places'"));
  CHECK(errors[1] == "places_bad.yaml:16:41: error: interventions.p.costs[1].places: 'places' only goes with "
                     "'per_place_year' (this line is 'per_year')");
  CHECK(errors[2] == "places_bad.yaml:17:45: error: interventions.p.costs[2].slot: undefined slot 'kursu'; did you mean "
                     "'kursus'?");
}

TEST_CASE("Benefit rates by year and an uprating are typed; both at once is an error", "[io]") {
  const auto ok = write_scratch("rates_ok.yaml", scenario("{weekly_rate_by_year: {2020: 2630, 2022: 2700}, refund: flat}", "    description: x\n"));
  const model::Scenario sc = io::load_scenario(ok);
  const model::Benefit& b = sc.baseline().benefits[0];
  CHECK(b.weekly_rate == 2630.0);  // the first entry when weekly_rate is absent
  CHECK(b.rate_in(2019) == 2630.0);
  CHECK(b.rate_in(2021) == 2630.0);
  CHECK(b.rate_in(2023) == 2700.0);

  const auto both = write_scratch("rates_both.yaml",
      scenario("{weekly_rate_by_year: {2020: 2630}, uprating: {per_year: 0.02, base_year: 2020}, refund: flat}",
               "    description: x\n"));
  const auto errors = errors_of(both);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0], Contains("rates_both.yaml:3:53: error: benefits.kh.uprating: 'weekly_rate_by_year' and "
                                 "'uprating' both given"));

  const auto none = write_scratch("rates_none.yaml", scenario("{refund: flat}", "    description: x\n"));
  CHECK(errors_of(none) == std::vector<std::string>{"rates_none.yaml:3:7: error: benefits.kh: missing required key "
                                                    "'weekly_rate' (or give 'weekly_rate_by_year')"});
}

TEST_CASE("A price-level index must cover its year and every reported budget year", "[io]") {
  const auto path = write_scratch("price_bad.yaml", scenario(kRate, "    description: x\n",
      "report:\n"
      "  price_level: {year: 2019, index: {2020: 100, 2021: 102, 2023: 106}}\n"));
  const auto errors = errors_of(path);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "price_bad.yaml:16:36: error: report.price_level.index: the index has no value for 2019, 2022 (it "
                     "needs the price-level year 2019 and every reported budget year)");
}

TEST_CASE("A money value with three decimals is warned about, naming the key and suggesting the integer", "[io]") {
  const auto path = write_scratch("three_decimals.yaml", scenario(kRate,
      "    costs:\n"
      "      - {label: a, once: 498.333}\n"));
  std::vector<io::Diagnostic> warnings;
  (void)io::load_scenario(path, {}, &warnings);
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0].format(), Contains("three_decimals.yaml:15:26: warning: interventions.p.costs[0].once: 498.333 "
                                            "has exactly three decimals and is read as 498.333 DKK; if '.' is a Danish "
                                            "thousands separator here, write 498333"));

  // The same from --set, located in the override text.
  const auto clean = write_scratch("clean_once.yaml", scenario(kRate,
      "    costs:\n"
      "      - {label: a, once: 498333}\n"));
  warnings.clear();
  (void)io::load_scenario(clean, {io::parse_override("interventions.p.costs[0].once=498.333")}, &warnings);
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0].format(), Contains("--set:1:31: warning: interventions.p.costs[0].once: 498.333 has exactly "
                                            "three decimals"));
  // Two decimals, or four, are ordinary amounts.
  warnings.clear();
  (void)io::load_scenario(clean, {io::parse_override("interventions.p.costs[0].once=498.33")}, &warnings);
  CHECK(warnings.empty());
}

TEST_CASE("Thousands separators in an amount are an error that says what to write", "[io]") {
  const auto path = write_scratch("separators.yaml", scenario(kRate,
      "    costs:\n"
      "      - {label: a, per_year: 1.562.000}\n"
      "      - label: b\n"
      "        per_year: 1,562,000\n"));
  const auto errors = errors_of(path);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] == "separators.yaml:15:30: error: interventions.p.costs[0].per_year: expected an amount in DKK without "
                     "thousands separators, got 1.562.000; write 1562000");
  CHECK_THAT(errors[1], Contains("separators.yaml:17:19: error: interventions.p.costs[1].per_year: expected an amount in DKK "
                                 "without thousands separators, got 1,562,000; write 1562000"));
}

TEST_CASE("Refund changes out of date order and activity-based shares for unknown states are located errors", "[io]") {
  const auto path = write_scratch("refund_bad.yaml",
      "scenario: {name: t, start: 2014-01-01, years: 3}\n"
      "benefits:\n"
      "  kh: {weekly_rate: 2630, refund: gammel, refund_changes: [{date: 2016-01-04, refund: ny}, {date: 2015-01-01, refund: ny}]}\n"
      "refund:\n"
      "  schedules:\n"
      "    gammel: {share: 0.65, by_state: {praktk: 0.5}}\n"
      "    ny: [[0, 0.2], [4, 0.6]]\n"
      "groups: {kh: {benefit: kh}}\n"
      "states:\n"
      "  ledig: {benefit: group}\n"
      "  praktik: {benefit: group}\n"
      "  job: {self_supporting: true, absorbing: true}\n"
      "transitions: {ledig: {job: {rate: 0.01}, praktik: {rate: 0.01}}, praktik: {ledig: {rate: 0.1}}}\n"
      "initial: [{group: kh, state: ledig, count: 1}]\n");
  const auto errors = errors_of(path);
  REQUIRE(errors.size() == 2);
  CHECK_THAT(errors[0], Contains("refund_bad.yaml:3:99: error: benefits.kh.refund_changes[1].date: the date 2015-01-01 is "
                                 "not after the previous change's 2016-01-04 (line 3)"));
  CHECK_THAT(errors[1], Contains("refund_bad.yaml:6:38: error: refund.schedules.gammel.by_state.praktk: undefined state "
                                 "'praktk'; did you mean 'praktik'?"));
}

TEST_CASE("An activity-based refund schedule and dated changes are typed", "[io]") {
  const model::Scenario sc = io::load_scenario(std::string(CASEFLOW_TEST_DATA) + "/economics/dated_refund.yaml");
  const model::Model& m = sc.baseline();
  REQUIRE(m.refund.schedules.size() == 2);
  CHECK(m.refund.schedules[0].by_state == std::vector<double>{0.65, 0.50, 0.65});
  CHECK(m.refund.schedules[0].steps == std::vector<std::pair<double, double>>{{0.0, 0.65}});
  REQUIRE(m.benefits[0].refund_changes.size() == 1);
  // 2015-01-01 .. 2016-01-04 is 368 days.
  CHECK(m.benefits[0].refund_changes[0].first == Approx(368.0 / 7.0));
  CHECK(m.benefits[0].refund_changes[0].second == 1);
  CHECK(m.benefits[0].schedule_at(52.0) == 0);
  CHECK(m.benefits[0].schedule_at(53.0) == 1);
}

TEST_CASE("A year table can be changed or extended with --set", "[io]") {
  const auto path = write_scratch("years_set.yaml", scenario(kRate,
      "    costs:\n"
      "      - {label: a, per_budget_year: {2021: 1796000, 2022: 1706000}}\n"));
  const model::Scenario sc = io::load_scenario(path, {io::parse_override("interventions.p.costs[0].per_budget_year.2021=1800000"),
                                                      io::parse_override("interventions.p.costs[0].per_budget_year.2020=1562000")});
  CHECK(sc.arms[1].costs[0].by_year ==
        std::vector<std::pair<int, double>>{{2020, 1562000.0}, {2021, 1800000.0}, {2022, 1706000.0}});
}

TEST_CASE("A budget-year amount outside the horizon is warned about and not booked", "[io]") {
  const auto path = write_scratch("years_outside.yaml", scenario(kRate,
      "    costs:\n"
      "      - {label: a, per_budget_year: {2019: 1000000, 2020: 1562000}}\n"
      "    financing:\n"
      "      - {label: f, once: 100.000}\n"));
  std::vector<io::Diagnostic> warnings;
  (void)io::load_scenario(path, {}, &warnings);
  REQUIRE(warnings.size() == 2);
  const std::string both = warnings[0].format() + "\n" + warnings[1].format();
  CHECK_THAT(both, Contains("years_outside.yaml:15:38: warning: interventions.p.costs[0].per_budget_year.2019: year 2019 "
                            "is outside the reported budget years 2020-2023; its amount is not booked"));
  // 100.000 is read as 100 kroner: the message says so.
  CHECK_THAT(both, Contains("years_outside.yaml:17:26: warning: interventions.p.financing[0].once: 100.000 has exactly "
                            "three decimals and is read as 100 DKK; if '.' is a Danish thousands separator here, write 100000"));
}

TEST_CASE("A patch of the initial stock in an intervention that starts later is warned about", "[io]") {
  // Citizens of the initial stock are placed on the first simulated day (the warm-up's first
  // day with warmup_years), under the rules in force then; an arm with a later start never
  // sees its own `initial`.
  const std::string patch =
      "    patch:\n"
      "      initial: [{group: kh, state: ledig, count: 5}]\n";
  std::string text = scenario(kRate, "    start: 2020-01-01\n" + patch);
  text.replace(text.find("years: 4}"), 9, "years: 4, warmup_years: 2}");
  const auto path = write_scratch("initial_warmup.yaml", text);
  std::vector<io::Diagnostic> warnings;
  (void)io::load_scenario(path, {}, &warnings);
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0].format(), Contains("initial_warmup.yaml:16:"));
  CHECK_THAT(warnings[0].format(), Contains("warning: interventions.p.patch.initial: has no effect: the initial stock is placed "
                                            "on the first simulated day (2018-01-01, the start of the warm-up), and this "
                                            "intervention starts on 2020-01-01"));
  // Without a start the arm's rules hold from the first day, and its initial stock is used.
  warnings.clear();
  (void)io::load_scenario(write_scratch("initial_no_start.yaml", scenario(kRate, patch)), {}, &warnings);
  CHECK(warnings.empty());
}

// Issue 19 items 3 and 4: effects after the end, effects that follow the citizen, one-off tracks
// and a cap on participants.
TEST_CASE("after_end, received targets, one-off tracks and a cap are typed", "[io]") {
  const auto path = write_scratch("windows_ok.yaml", scenario(kRate,
      "    end: 2021-01-01\n"
      "    after_end: {continue_weeks: 26, fade_weeks: 52}\n"
      "    max_participants: 40\n"
      "    patch:\n"
      "      meetings: {cv: {states: [ledig], interval_weeks: 1, max_per_citizen: 2}}\n"
      "    effects:\n"
      "      - {target: {received: cv, within_weeks: 13}, transition: {from: ledig, to: job}, multiplier: 1.4}\n"
      "      - {target: {received: ledig, within_weeks: 0}, transition: {from: ledig, to: job}, multiplier: 1.1}\n"));
  const model::Scenario sc = io::load_scenario(path);
  const model::Arm& arm = sc.arms[1];
  CHECK(arm.continue_weeks == 26.0);
  CHECK(arm.fade_weeks == 52.0);
  CHECK(arm.practice_end_week() == Approx(366.0 / 7.0 + 26.0));
  CHECK(arm.max_participants == 40);
  CHECK(arm.model.meetings[0].max_per_citizen == 2);
  CHECK(arm.effects[0].target.received_track == 0);
  CHECK(arm.effects[0].target.received_within_weeks == 13.0);
  CHECK(arm.effects[1].target.received_state == 0);
  CHECK(sc.arms[0].model.meetings.empty());
  // `--set` paths (and so sweeps) reach every new key.
  const model::Scenario set = io::load_scenario(path, {{"interventions.p.after_end.fade_weeks", "13"},
                                                      {"interventions.p.max_participants", "7"},
                                                      {"interventions.p.patch.meetings.cv.max_per_citizen", "1"},
                                                      {"interventions.p.effects[0].target.within_weeks", "4"}});
  CHECK(set.arms[1].fade_weeks == 13.0);
  CHECK(set.arms[1].max_participants == 7);
  CHECK(set.arms[1].model.meetings[0].max_per_citizen == 1);
  CHECK(set.arms[1].effects[0].target.received_within_weeks == 4.0);
}

TEST_CASE("Bad after_end, received, max_per_citizen and max_participants values are located errors", "[io]") {
  const auto path = write_scratch("windows_bad.yaml", scenario(kRate,
      "    after_end: {fade_weeks: -1, continue: 3}\n"
      "    max_participants: 10\n"
      "    patch:\n"
      "      meetings: {m: {states: [ledig], interval_weeks: 1, max_per_citizen: 0, eligible: {received: ledig}}}\n"
      "    effects:\n"
      "      - {target: {received: ledgi, within_weeks: 4}, transition: {from: ledig, to: job}, multiplier: 2}\n"
      "      - {target: {received: ledig}, transition: {from: ledig, to: job}, multiplier: 2}\n"));
  const auto errors = errors_of(path);
  for (const auto& e : errors) INFO(e);
  REQUIRE(errors.size() == 6);
  CHECK(errors[0] == "windows_bad.yaml:14:29: error: interventions.p.after_end.fade_weeks: expected a number in [0, 10000], got -1");
  CHECK(errors[1] == "windows_bad.yaml:14:33: error: interventions.p.after_end.continue: unknown key 'continue'; did you mean "
                     "'continue_weeks'?");
  CHECK(errors[2] == "windows_bad.yaml:17:75: error: interventions.p.patch.meetings.m.max_per_citizen: expected an integer in "
                     "1..1000000, got 0");
  CHECK(errors[3] == "windows_bad.yaml:17:99: error: interventions.p.patch.meetings.m.eligible.received: 'received' and "
                     "'within_weeks' select an effect's target, not who a meeting track is for (expected them under an "
                     "effect's 'target')");
  CHECK(errors[4] == "windows_bad.yaml:19:29: error: interventions.p.effects[0].target.received: unknown meeting track or "
                     "state 'ledgi'; did you mean 'ledig'?");
  CHECK(errors[5] == "windows_bad.yaml:20:18: error: interventions.p.effects[1].target: missing required key 'within_weeks' "
                     "('received' names a meeting track or state, 'within_weeks' how long the effect lasts after it)");
}

TEST_CASE("A cap on participants needs a track or state of the intervention's own", "[io]") {
  const auto path = write_scratch("cap_bad.yaml", scenario(kRate,
      "    max_participants: 10\n"
      "    effects: [{transition: {from: ledig, to: job}, multiplier: 2}]\n"));
  const auto errors = errors_of(path);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0], Contains("cap_bad.yaml:14:23: error: interventions.p.max_participants: a cap on participants needs a "
                                 "meeting track or state the patch adds"));
}
