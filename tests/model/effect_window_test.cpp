// Issue 19 items 3 and 4 against answers computed by hand: effects that go on or fade after an
// intervention's end, effects that follow the citizens who received a service (lock-in and a
// post-programme effect), one-off meeting tracks and a cap on participants.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "economics/run_summary.hpp"
#include "io/scenario_loader.hpp"
#include "model/simulation.hpp"

using namespace caseflow;

namespace {

model::Scenario load_text(const std::string& name, const std::string& yaml) {
  const auto dir = std::filesystem::temp_directory_path() / "caseflow-effect-window-tests";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << yaml;
  return io::load_scenario(path);
}

/// Share of the citizens in `state` at the report of week `week`.
double share_in(const model::ArmResult& r, int week, int state) {
  return static_cast<double>(r.occupancy[static_cast<std::size_t>(week) * r.states + state]) / static_cast<double>(r.citizens);
}

/// 4.5 binomial standard errors of a share p out of n (a false alarm about once in 150,000).
double tolerance(double p, double n) { return 4.5 * std::sqrt(p * (1.0 - p) / n); }

// Two states, exit rate 0.02 a week, 20,000 citizens from week 0 (2025-01-01).
std::string ledig_job(int seed) {
  return "scenario: {name: window, start: 2025-01-01, years: 1, seed: " + std::to_string(seed) + "}\n"
         "groups: {g: {benefit: none}}\n"
         "states:\n"
         "  ledig: {}\n"
         "  job: {self_supporting: true, absorbing: true}\n"
         "transitions: {ledig: {job: {rate: 0.02}}}\n"
         "initial: [{group: g, state: ledig, count: 20000}]\n";
}

// The intervention doubles the rate until its end at week 10 (2025-03-12).
std::string two_state(const std::string& after_end) {
  return ledig_job(5) +
         "interventions:\n"
         "  indsats:\n"
         "    end: 2025-03-12\n"
         "    costs: [{label: projekt, per_year: 520000}]\n" +
         after_end +
         "    effects: [{transition: {from: ledig, to: job}, multiplier: 2}]\n";
}

}  // namespace

TEST_CASE("A fading effect matches the closed form of an exponential exit", "[model][effect_window]") {
  // m = 2 until week 10, then m(u) = 1 + (1 - u/20) for u weeks into a 20-week fade, then 1.
  // The cumulative hazard at week w is 0.02 A(w), with A(w) = 2w (w <= 10),
  // 20 + u + (u - u^2/40) with u = w - 10 (10 < w <= 30), and 50 + (w - 30) after.
  const model::Scenario s = load_text("fade.yaml", two_state("    after_end: {fade_weeks: 20}\n"));
  REQUIRE(s.arms[1].fade_weeks == 20.0);
  const auto base = model::simulate_arm(s, 0, 0, nullptr);
  const auto arm = model::simulate_arm(s, 1, 0, &base);
  const auto integral = [](double w) {
    if (w <= 10.0) return 2.0 * w;
    if (w <= 30.0) {
      const double u = w - 10.0;
      return 20.0 + u + (u - u * u / 40.0);
    }
    return 50.0 + (w - 30.0);
  };
  for (int w : {5, 10, 13, 20, 27, 30, 40}) {
    const double expected = std::exp(-0.02 * integral(w));
    INFO("week " << w << ": simulated " << share_in(arm, w, 0) << ", expected " << expected);
    CHECK(std::fabs(share_in(arm, w, 0) - expected) < tolerance(expected, 20000));
  }
  // Power: without the fade the share at week 30 is e^{-0.02 * 40} = 0.449, not e^{-1} = 0.368.
  const model::Scenario plain = load_text("no_fade.yaml", two_state(""));
  const auto stops = model::simulate_arm(plain, 1, 0, &base);
  CHECK(std::fabs(share_in(stops, 30, 0) - std::exp(-0.8)) < tolerance(std::exp(-0.8), 20000));
  CHECK(share_in(stops, 30, 0) - share_in(arm, 30, 0) > 0.06);
}

TEST_CASE("An effect that continues after the end runs like a later end, but its costs stop at the end", "[model][effect_window]") {
  const model::Scenario cont = load_text("continue.yaml", two_state("    after_end: {continue_weeks: 10}\n"));
  // The same arm ending 10 weeks later (2025-05-21 = week 20).
  std::string later_text = two_state("");
  later_text.replace(later_text.find("2025-03-12"), 10, "2025-05-21");
  const model::Scenario later = load_text("later_end.yaml", later_text);
  const auto base = model::simulate_arm(cont, 0, 0, nullptr);
  const auto a = model::simulate_arm(cont, 1, 0, &base);
  const auto b = model::simulate_arm(later, 1, 0, &base);
  CHECK(a.fingerprint == b.fingerprint);
  CHECK(a.occupancy == b.occupancy);
  CHECK(a.benefit_weeks == b.benefit_weeks);
  // per_year 520,000 DKK prorated by day: 70 of 365 days against 140 of 365.
  const auto records = economics::run_and_record(cont, {0, 1}, 1);
  const auto records_later = economics::run_and_record(later, {0, 1}, 1);
  CHECK(records[0][1].money.intervention_cost[0] == Approx(520000.0 * 70.0 / 365.0));
  CHECK(records_later[0][1].money.intervention_cost[0] == Approx(520000.0 * 140.0 / 365.0));
  // At week 20 the share still unemployed is e^{-0.02 * 2 * 20} in both.
  CHECK(std::fabs(share_in(a, 20, 0) - std::exp(-0.8)) < tolerance(std::exp(-0.8), 20000));
}

TEST_CASE("Lock-in during a programme and a post-programme effect that outlives the intervention", "[model][effect_window]") {
  // 20,000 citizens start a 10-week course; the exit rate to a job is 0.02 a week everywhere.
  // Lock-in: half the rate while on the course. Post-programme: twice the rate for 20 weeks
  // after it, also after the intervention's end at week 12. The share not in a job at week w:
  //   w <= 10: e^{-0.01 w};  after: e^{-0.1} e^{-0.04 min(w-10, 20) - 0.02 max(0, w-30)}.
  const model::Scenario s = load_text("lockin.yaml",
      "scenario: {name: lockin, start: 2025-01-01, years: 1, seed: 9}\n"
      "groups: {g: {benefit: none}}\n"
      "states:\n"
      "  kursus: {duration: {fixed: 10}, exits: {ledig: 1}}\n"
      "  ledig: {}\n"
      "  job: {self_supporting: true, absorbing: true}\n"
      "transitions:\n"
      "  kursus: {job: {rate: 0.02}}\n"
      "  ledig: {job: {rate: 0.02}}\n"
      "initial: [{group: g, state: kursus, count: 20000}]\n"
      "interventions:\n"
      "  indsats:\n"
      "    end: 2025-03-26\n"
      "    effects:\n"
      "      - {target: {states: [kursus]}, transition: {from: kursus, to: job}, multiplier: 0.5}\n"
      "      - {target: {received: kursus, within_weeks: 20}, transition: {from: ledig, to: job}, multiplier: 2}\n");
  REQUIRE(s.arms[1].effects[1].target.received_state == 0);
  const auto base = model::simulate_arm(s, 0, 0, nullptr);
  const auto arm = model::simulate_arm(s, 1, 0, &base);
  const int job = 2;
  for (int w : {5, 10, 12, 20, 30, 40, 50}) {
    const double out = w <= 10 ? std::exp(-0.01 * w)
                               : std::exp(-0.1) * std::exp(-0.04 * std::min(w - 10.0, 20.0) - 0.02 * std::max(0.0, w - 30.0));
    INFO("week " << w << ": simulated " << 1.0 - share_in(arm, w, job) << ", expected " << out);
    CHECK(std::fabs(1.0 - share_in(arm, w, job) - out) < tolerance(out, 20000));
    const double base_out = std::exp(-0.02 * w);
    CHECK(std::fabs(1.0 - share_in(base, w, job) - base_out) < tolerance(base_out, 20000));
  }
}

TEST_CASE("A post-programme effect after a meeting holds for its weeks from each meeting", "[model][effect_window]") {
  // One meeting (max_per_citizen: 1) at week 4 of every citizen; afterwards twice the exit rate for
  // 10 weeks. Not in a job at week w: e^{-0.02 w} up to 4, e^{-0.08 - 0.04 (w - 4)} to 14, then rate 0.02.
  const model::Scenario s = load_text("meeting_receipt.yaml", ledig_job(13) +
      "interventions:\n"
      "  indsats:\n"
      "    patch:\n"
      "      meetings: {cv: {states: [ledig], interval_weeks: 4, max_per_citizen: 1}}\n"
      "    effects:\n"
      "      - {target: {received: cv, within_weeks: 10}, transition: {from: ledig, to: job}, multiplier: 2}\n");
  const auto base = model::simulate_arm(s, 0, 0, nullptr);
  const auto arm = model::simulate_arm(s, 1, 0, &base);
  for (int w : {2, 4, 9, 14, 30}) {
    const double out = w <= 4 ? std::exp(-0.02 * w) : w <= 14 ? std::exp(-0.08 - 0.04 * (w - 4)) : std::exp(-0.48 - 0.02 * (w - 14));
    INFO("week " << w << ": simulated " << share_in(arm, w, 0) << ", expected " << out);
    CHECK(std::fabs(share_in(arm, w, 0) - out) < tolerance(out, 20000));
  }
}

TEST_CASE("A one-off meeting track holds one meeting per citizen, or at most N", "[model][effect_window]") {
  const auto scenario = [](const std::string& limit) {
    return "scenario: {name: oneoff, start: 2025-01-01, years: 1, seed: 3}\n"
           "groups: {g: {benefit: none}}\n"
           "states:\n"
           "  ledig: {absorbing: true}\n"
           "  job: {self_supporting: true, absorbing: true}\n"
           "pools: {cv: {fte: 1, meetings_per_fte_week: 1000}}\n"
           "meetings:\n"
           "  cv_vask: {states: [ledig], interval_weeks: 2, pool: cv" + limit + "}\n"
           "initial: [{group: g, state: ledig, count: 500}]\n";
  };
  const auto once = model::simulate_arm(load_text("once.yaml", scenario(", max_per_citizen: 1")), 0, 0, nullptr);
  CHECK(once.resource(0, 0).meetings == 500.0);
  const auto thrice = model::simulate_arm(load_text("thrice.yaml", scenario(", max_per_citizen: 3")), 0, 0, nullptr);
  CHECK(thrice.resource(0, 0).meetings == 1500.0);
  // Without a limit every citizen meets every second week of the year (weeks 2, 4, ..., 52).
  const auto always = model::simulate_arm(load_text("always.yaml", scenario("")), 0, 0, nullptr);
  CHECK(always.resource(0, 0).meetings == 500.0 * 26.0);

  // Without a pool (idle meetings are otherwise not events): one meeting that moves half the
  // citizens, and then none; without the limit nearly everyone moves within the year.
  const model::Scenario moving = load_text("once_moving.yaml",
      "scenario: {name: oneoff, start: 2025-01-01, years: 1, seed: 3}\n"
      "groups: {g: {benefit: none}}\n"
      "states:\n"
      "  ledig: {absorbing: true}\n"
      "  job: {self_supporting: true, absorbing: true}\n"
      "meetings:\n"
      "  cv_vask: {states: [ledig], interval_weeks: 2, max_per_citizen: 1, outcomes: {ledig: {job: 0.5}}}\n"
      "initial: [{group: g, state: ledig, count: 20000}]\n");
  const auto r = model::simulate_arm(moving, 0, 0, nullptr);
  CHECK(std::fabs(share_in(r, 3, 1) - 0.5) < tolerance(0.5, 20000));
  CHECK(share_in(r, 50, 1) == share_in(r, 3, 1));
}

TEST_CASE("A cap of N participants treats exactly N citizens", "[model][effect_window]") {
  const auto scenario = [](const std::string& cap) {
    return "scenario: {name: cap, start: 2025-01-01, years: 2, seed: 17}\n"
           "groups: {g: {benefit: none}}\n"
           "states:\n"
           "  ledig: {}\n"
           "  job: {self_supporting: true, absorbing: true}\n"
           "transitions: {ledig: {job: {rate: 0.05}}}\n"
           "initial: [{group: g, state: ledig, count: 300}]\n"
           "inflow: [{group: g, state: ledig, per_year: 400}]\n"
           "interventions:\n"
           "  mentor:\n" + cap +
           "    patch:\n"
           "      meetings: {mentor: {states: [ledig], interval_weeks: 2}}\n"
           "      states: {kursus: {duration: {fixed: 8}, exits: {job: 1}}}\n"
           "      transitions: {ledig: {kursus: {rate: 0.01}}}\n"
           "    effects: [{target: {states: [ledig]}, transition: {from: ledig, to: job}, multiplier: 1.5}]\n";
  };
  const model::Scenario capped = load_text("capped.yaml", scenario("    max_participants: 120\n"));
  REQUIRE(capped.arms[1].max_participants == 120);
  const auto base = model::simulate_arm(capped, 0, 0, nullptr);
  const auto arm = model::simulate_arm(capped, 1, 0, &base);
  CHECK(arm.treated == 120);
  // Nobody outside the 120 enters the added course (a citizen takes it at most once: job is
  // absorbing), and some of the admitted do.
  double into_course = 0.0;
  for (int y = 0; y < arm.years; ++y) into_course += arm.flows[(static_cast<std::size_t>(y) * arm.states + 0) * arm.states + 2];
  CHECK(into_course > 0.0);
  CHECK(into_course <= 120.0);
  // Without the cap the intervention reaches far more.
  const model::Scenario open = load_text("uncapped.yaml", scenario(""));
  const auto all = model::simulate_arm(open, 1, 0, &base);
  CHECK(all.treated > 600);
}

TEST_CASE("Citizens an effect first reaches during its fade are participants, but not priced", "[model][effect_window]") {
  // Arrivals all year; the effect reaches every arrival until the fade ends at week 30. Those
  // arriving later are untouched (the same trajectories as in the baseline), so the savings of
  // non-participants are exactly 0 once the fade's first reach counts as participation; the
  // per-participant cost counts only those reached before the end (treated).
  const model::Scenario s = load_text("fade_participants.yaml",
      "scenario: {name: fade, start: 2025-01-01, years: 1, seed: 21}\n"
      "benefits: {ydelse: {weekly_rate: 1000, refund: flat}}\n"
      "refund: {schedules: {flat: [[0, 0.5]]}}\n"
      "groups: {g: {benefit: ydelse}}\n"
      "states:\n"
      "  ledig: {benefit: group}\n"
      "  job: {self_supporting: true, absorbing: true}\n"
      "transitions: {ledig: {job: {rate: 0.02}}}\n"
      "inflow: [{group: g, state: ledig, per_year: 2000}]\n"
      "interventions:\n"
      "  indsats:\n"
      "    end: 2025-03-12\n"
      "    after_end: {fade_weeks: 20}\n"
      "    costs: [{label: samtale, per_participant: 100}]\n"
      "    effects: [{transition: {from: ledig, to: job}, multiplier: 2}]\n");
  const auto records = economics::run_and_record(s, {0, 1}, 1);
  const economics::ArmRecord& arm = records[0][1];
  REQUIRE(arm.participants.parts.size() == model::ParticipantOutcomes::kParts);
  CHECK(arm.participants.parts[2] == 0.0);
  CHECK(arm.participants.participants > arm.treated + 300);  // ~1,150 reached by week 30, ~380 by week 10
  CHECK(arm.money.intervention_cost[0] == Approx(100.0 * static_cast<double>(arm.treated)));
}
