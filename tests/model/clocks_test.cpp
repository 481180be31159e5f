// Ages and benefit-period clocks (issue 19 items 5 and 6): known answers by hand.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "economics/budget.hpp"
#include "io/scenario_loader.hpp"
#include "model/benefit_clock.hpp"
#include "model/simulation.hpp"

using namespace caseflow;

namespace {

model::Scenario scenario_from(const std::string& text) {
  return io::build_scenario(io::read_scenario_text(text, "clocks.yaml"));
}

// 2025, 2026 and 2027 have 365 days each: a budget year is 365/7 weeks.
constexpr double kYear = 365.0 / 7.0;

const char* const kHeader = R"(
benefits:
  uddannelseshjaelp: {weekly_rate: 1500, refund: standard}
  kontanthjaelp: {weekly_rate: 2630, refund: standard}
  dagpenge: {weekly_rate: 4350, refund: standard}
refund:
  schedules:
    standard: [[0, 0.20], [4, 0.60], [26, 0.70], [52, 0.80]]
  reset: {self_support_weeks: 52, window_weeks: 156}
groups:
  uh: {benefit: uddannelseshjaelp}
  kh: {benefit: kontanthjaelp}
  dp: {benefit: dagpenge}
)";

double weeks_of(const model::ArmResult& r, int benefit) {
  double sum = 0.0;
  for (int y = 0; y < r.years; ++y) {
    for (int k = 0; k < r.steps; ++k) sum += r.weeks_at(y, benefit, k);
  }
  return sum;
}

}  // namespace

TEST_CASE("A citizen aged 29.5 changes from uddannelseshjaelp to kontanthjaelp at exactly week 26, refund clock going on",
          "[model][clocks]") {
  const auto s = scenario_from(std::string("scenario: {name: age, start: 2025-01-01, years: 1, seed: 3}\n") + kHeader + R"(
states:
  ledig: {benefit: group, absorbing: true}
age_rules:
  tredive: {at_years: 30, groups: [uh], group: kh}
initial:
  - {group: uh, state: ledig, count: 10, age_years: {fixed: 29.5}}
)");
  const model::ArmResult r = model::simulate_arm(s, 0, 0, nullptr);
  // Benefits 0 = uddannelseshjælp, 1 = kontanthjælp. Weeks 0-4 at step 0, 4-26 at step 1 on
  // uddannelseshjælp; the refund clock goes on at 26 on kontanthjælp: 26-52 step 2, 52-end step 3.
  CHECK(r.weeks_at(0, 0, 0) == Approx(10 * 4.0));
  CHECK(r.weeks_at(0, 0, 1) == Approx(10 * 22.0));
  CHECK(r.weeks_at(0, 0, 2) == Approx(0.0).margin(1e-9));
  CHECK(r.weeks_at(0, 1, 0) == Approx(0.0).margin(1e-9));
  CHECK(r.weeks_at(0, 1, 1) == Approx(0.0).margin(1e-9));
  CHECK(r.weeks_at(0, 1, 2) == Approx(10 * 26.0));
  CHECK(r.weeks_at(0, 1, 3) == Approx(10 * (kYear - 52.0)));
  // Money by hand: municipal share of each week at its step.
  const auto money = economics::price_arm(s, 0, r);
  const double expected = 10 * (1500 * (4 * 0.2 + 22 * 0.6) + 2630 * (26 * 0.7 + (kYear - 52.0) * 0.8));
  CHECK(money[0].benefit_municipal == Approx(expected).epsilon(1e-12));
}

TEST_CASE("Citizens without an age never move by age and pass no age bound; min_age opens a meeting track at that age",
          "[model][clocks]") {
  const auto s = scenario_from(std::string("scenario: {name: age, start: 2025-01-01, years: 1, seed: 3}\n") + kHeader + R"(
states:
  ledig: {benefit: group}
  job: {self_supporting: true, absorbing: true}
meetings:
  samtale:
    states: [ledig]
    eligible: {min_age: 30}
    interval_weeks: 1
    outcomes: {ledig: {job: 1.0}}
age_rules:
  tredive: {at_years: 30, groups: [uh], group: kh}
initial:
  - {name: med_alder, group: uh, state: ledig, count: 5, age_years: {fixed: 29.5}}
  - {name: uden_alder, group: uh, state: ledig, count: 7}
)");
  const model::ArmResult r = model::simulate_arm(s, 0, 0, nullptr);
  // With an age: uddannelseshjælp until week 26, eligible from 26, first meeting a week later
  // moves them to job: one week of kontanthjælp each. Without: a whole year of uddannelseshjælp.
  CHECK(weeks_of(r, 0) == Approx(5 * 26.0 + 7 * kYear));
  CHECK(weeks_of(r, 1) == Approx(5 * 1.0));
  CHECK(r.exits_to_self_support == 5);
}

TEST_CASE("Folkepension age ends the case: citizens aged 66.75 leave for pension at week 13", "[model][clocks]") {
  const auto s = scenario_from(std::string("scenario: {name: age, start: 2025-01-01, years: 1, seed: 3}\n") + kHeader + R"(
states:
  ledig: {benefit: group}
  pension: {benefit: none, absorbing: true}
age_rules:
  folkepension: {at_years: 67, state: pension}
initial:
  - {group: kh, state: ledig, count: 4, age_years: {fixed: 66.75}}
  - {name: aeldre, group: kh, state: ledig, count: 2, age_years: {fixed: 70}}
)");
  const model::ArmResult r = model::simulate_arm(s, 0, 0, nullptr);
  // The two already over 67 leave at once (week 0); the four at 0.25 years = 13 weeks.
  CHECK(weeks_of(r, 1) == Approx(4 * 13.0));
  const auto flow = [&](int from, int to) { return r.flows[(0 * r.states + from) * r.states + to]; };
  CHECK(flow(0, 1) == 6.0);
}

TEST_CASE("Dagpenge run out at week 104: share 0.7 to kontanthjaelp, the rest off benefits, priced per payer by hand",
          "[model][clocks]") {
  const auto s = scenario_from(std::string("scenario: {name: dp, start: 2025-01-01, years: 3, seed: 11}\n") + kHeader + R"(
states:
  ledig: {benefit: group}
  uden_ydelse: {benefit: none, absorbing: true}
benefit_clocks:
  dagpengeperiode:
    benefit: dagpenge
    limit_weeks: 104
    window_weeks: 156
    outcomes:
      - {share: 0.7, group: kh}
      - {share: 0.3, state: uden_ydelse}
initial:
  - {group: dp, state: ledig, count: 1000}
)");
  const model::ArmResult r = model::simulate_arm(s, 0, 0, nullptr);
  const double n = 1000;
  const double left = r.flows[(1 * r.states + 0) * r.states + 1];  // 2026: ledig -> uden_ydelse
  const double k = n - left;                                         // to kontanthjælp
  // The draw is a share: 0.7 within four standard errors (sqrt(0.21 / 1000) = 0.0145).
  CHECK(std::abs(k / n - 0.7) < 4 * 0.0145);
  CHECK(weeks_of(r, 2) == Approx(n * 104.0));                    // dagpenge: exactly 104 weeks each
  CHECK(weeks_of(r, 1) == Approx(k * (3 * kYear - 104.0)));      // kontanthjælp from week 104
  const auto money = economics::price_arm(s, 0, r);
  // 2025: dagpenge on the ladder; 2026: dagpenge to week 104 at 80 %, then kontanthjælp, the
  // refund clock going on (80 %); 2027: kontanthjælp at 80 %.
  const double dp25 = 4350 * n * (4 * 0.2 + 22 * 0.6 + 26 * 0.7 + (kYear - 52) * 0.8);
  const double dp26 = 4350 * n * (104 - kYear) * 0.8;
  const double kh26 = 2630 * k * (2 * kYear - 104) * 0.8;
  const double kh27 = 2630 * k * kYear * 0.8;
  CHECK(money[0].benefit_municipal == Approx(dp25).epsilon(1e-12));
  CHECK(money[1].benefit_municipal == Approx(dp26 + kh26).epsilon(1e-12));
  CHECK(money[2].benefit_municipal == Approx(kh27).epsilon(1e-12));
  // The state's part (gross less municipal): dagpenge until week 104, then the refund on kontanthjælp only.
  CHECK(money[1].benefit_gross - money[1].benefit_municipal ==
        Approx(4350 * n * (104 - kYear) * 0.2 + 2630 * k * (2 * kYear - 104) * 0.2).epsilon(1e-12));
  CHECK(money[2].benefit_gross == Approx(2630 * k * kYear).epsilon(1e-12));
}

TEST_CASE("A dagpenge spell with a gap: 40 weeks, 20 in work, then the period runs out at week 124", "[model][clocks]") {
  const std::string text = std::string("scenario: {name: dp, start: 2025-01-01, years: 3, seed: 11}\n") + kHeader + R"(
states:
  ledig: {benefit: group, duration: {fixed: 40}, exits: {job: 1}}
  job: {self_supporting: true, duration: {fixed: 20}, exits: {ledig_igen: 1}}
  ledig_igen: {benefit: group, duration: {fixed: 200}, exits: {job: 1}}
  uden_ydelse: {benefit: none, absorbing: true}
benefit_clocks:
  dagpengeperiode:
    benefit: dagpenge
    limit_weeks: 104
    window_weeks: 156
    outcomes: [{state: uden_ydelse}]
initial:
  - {group: dp, state: ledig, count: 3}
)";
  const model::ArmResult r = model::simulate_arm(scenario_from(text), 0, 0, nullptr);
  // 40 + 64 weeks on dagpenge: the 104th week within 156 ends at week 60 + 64 = 124 (in 2027).
  CHECK(weeks_of(r, 2) == Approx(3 * 104.0));
  CHECK(r.flows[(2 * r.states + 2) * r.states + 3] == 3.0);  // 2027: ledig_igen -> uden_ydelse
  // A --set path reaches the clock: a 60-week period runs out at week 60 + 20 = 80 (in 2026).
  const auto shorter = io::build_scenario(io::read_scenario_text(text, "clocks.yaml"), {{"benefit_clocks.dagpengeperiode.limit_weeks", "60"}});
  const model::ArmResult r60 = model::simulate_arm(shorter, 0, 0, nullptr);
  CHECK(weeks_of(r60, 2) == Approx(3 * 60.0));
  CHECK(r60.flows[(1 * r60.states + 2) * r60.states + 3] == 3.0);
}

TEST_CASE("Sygedagpenge run out after 22 weeks within 39: the citizen moves to jobafklaring", "[model][clocks]") {
  const auto s = scenario_from(std::string("scenario: {name: sdp, start: 2025-01-01, years: 1, seed: 5}\n") + R"(
benefits:
  sygedagpenge: {weekly_rate: 4405, refund: standard}
  ressourceforloebsydelse: {weekly_rate: 2630, refund: standard}
refund:
  schedules:
    standard: [[0, 0.20], [4, 0.60], [26, 0.70], [52, 0.80]]
groups:
  sdp: {benefit: sygedagpenge}
states:
  sygemeldt: {benefit: group}
  jobafklaring: {benefit: ressourceforloebsydelse, absorbing: true}
benefit_clocks:
  varighedsbegraensning: {benefit: sygedagpenge, limit_weeks: 22, window_weeks: 39, outcomes: [{state: jobafklaring}]}
initial:
  - {group: sdp, state: sygemeldt, count: 2, elapsed_weeks: {fixed: 10}}
)");
  const model::ArmResult r = model::simulate_arm(s, 0, 0, nullptr);
  // 10 weeks already on sygedagpenge at the start: 12 more, then jobafklaring for the rest of the year.
  CHECK(weeks_of(r, 0) == Approx(2 * 12.0));
  CHECK(weeks_of(r, 1) == Approx(2 * (kYear - 12.0)));
  // The refund clock counts the 10 elapsed weeks too: jobafklaring starts at clock week 22, so
  // 4 weeks at step 1, 26 at step 2 and the rest at step 3.
  CHECK(r.weeks_at(0, 1, 0) == Approx(0.0).margin(1e-9));
  CHECK(r.weeks_at(0, 1, 1) == Approx(2 * 4.0));
  CHECK(r.weeks_at(0, 1, 2) == Approx(2 * 26.0));
}

TEST_CASE("The benefit period's end: continuous, with a gap, and with early weeks dropping out of the window", "[model][clocks]") {
  model::ClockCount count;
  count.open_since = 0.0;
  CHECK(model::clock_runs_out(count, 0.0, 104, 156) == Approx(104.0));
  CHECK(model::clock_runs_out(count, 50.0, 104, 156) == Approx(104.0));
  // [0, 40] on dagpenge, then from 60 on: 40 + 64 = 104 at week 124.
  model::ClockCount gap;
  gap.closed.push_back({0.0, 40.0});
  gap.open_since = 60.0;
  CHECK(model::clock_runs_out(gap, 60.0, 104, 156) == Approx(124.0));
  // [0, 40], then 100 weeks away, from 140 on: between 156 and 196 the old weeks drop out as
  // fast as new ones come (the count stays at 56), so 104 is reached at 196 + 48 = 244.
  model::ClockCount far;
  far.closed.push_back({0.0, 40.0});
  far.open_since = 140.0;
  CHECK(model::clock_runs_out(far, 140.0, 104, 156) == Approx(244.0));
  // Not on the benefit: never; a limit beyond the window: never.
  CHECK(model::clock_runs_out(model::ClockCount{}, 0.0, 104, 156) == std::numeric_limits<double>::infinity());
  CHECK(model::clock_runs_out(count, 0.0, 200, 156) == std::numeric_limits<double>::infinity());
  // Closing forgets spells that can no longer reach into a window.
  model::ClockCount old;
  old.closed.push_back({0.0, 10.0});
  old.open_since = 100.0;
  model::close_clock_spell(old, 170.0, 156);
  REQUIRE(old.closed.size() == 1);
  CHECK(old.closed[0].begin == 100.0);
  CHECK_FALSE(old.is_open());
}

TEST_CASE("Ages drawn for a scenario without age rules or bounds change no other draw", "[model][clocks][crn]") {
  std::ifstream in(std::string(CASEFLOW_TEST_DATA) + "/golden/scenario.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string with_ages = text.str();
  const std::string entry = "{group: kh, state: jobparat, per_year: 150}";
  REQUIRE(with_ages.find(entry) != std::string::npos);
  with_ages.replace(with_ages.find(entry), entry.size(), "{group: kh, state: jobparat, per_year: 150, age_years: {uniform: [18, 60]}}");
  const std::string stock = "{group: dp, state: jobparat, count: 100}";
  REQUIRE(with_ages.find(stock) != std::string::npos);
  with_ages.replace(with_ages.find(stock), stock.size(), "{group: dp, state: jobparat, count: 100, age_years: {normal: {mean: 40, sd: 10}}}");
  const auto plain = scenario_from(text.str());
  const auto aged = scenario_from(with_ages);
  for (std::size_t arm = 0; arm < plain.arms.size(); ++arm) {
    const model::ArmResult a = model::simulate_arm(plain, arm, 1, nullptr);
    const model::ArmResult b = model::simulate_arm(aged, arm, 1, nullptr);
    CHECK(a.fingerprint == b.fingerprint);
    CHECK(a.benefit_weeks == b.benefit_weeks);
  }
}
