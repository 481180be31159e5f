// The lifecycle of what an intervention's patch adds (states, slots, pools, meeting tracks,
// groups, benefits, inflow) across the arm's `start` and `end` (issue 14, item 5).
//
// The rule (sim/README.md, "Interventions over time"): citizens inside an added part when the arm
// ends finish it as they would have, and nothing new enters it. So an arm whose patch adds the
// parts must give exactly the results of the equivalent model that declares them in the baseline,
// unused (a route with rate 0, a slot with no places, an inflow of 0 a year), with the patch
// opening the routes only.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <unistd.h>

#include "fixtures.hpp"
#include "model/simulation.hpp"

using namespace caseflow;

namespace {

/// Which parts the patch adds (or, in the equivalent model, the baseline declares unused).
struct Parts {
  bool baseline_programme = true;  ///< the baseline has a programme of its own (the crash of issue 14)
  bool state = true;               ///< a course `kursus` (fixed 20 weeks, exits, a hazard out, a cost)
  bool slot = false;               ///< the course needs a place in `kursuspladser`
  bool inner_track = false;        ///< meetings inside the course, held by an added pool
  bool group_inflow = false;       ///< a group `ung` with its own benefit and an inflow entry
  bool outer_track = false;        ///< job brokers (an added pool with a caseload cap) for jobparat
};

std::string iso(int days_from_2025) {
  using namespace std::chrono;
  const year_month_day d{sys_days{year{2025} / January / 1} + days{days_from_2025}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return text;
}

/// The scenario text. `declared`: the equivalent model (parts in the baseline, unused; the patch
/// opens them). `end` empty: no end.
std::string scenario_text(const Parts& p, bool declared, const std::string& start, const std::string& end, std::uint64_t seed,
                          int initial = 300) {
  const bool state = p.state || p.slot || p.inner_track;
  const std::string kursus = std::string("{benefit: group, duration: {fixed: 20}, exits: {job: 0.5, return: 0.5}, cost_per_week: 500") +
                             (p.slot ? ", slots: kursuspladser}" : "}");
  const std::string kursus_out = "kursus: {job: {rate: 0.01}}";
  const std::string kursusmoeder =
      "kursusmoeder: {states: [kursus], interval_weeks: {min: 1, max: 4}, outcomes: {kursus: {job: 0.05}}, pool: undervisere}";
  const std::string undervisere = "undervisere: {fte: 1, meetings_per_fte_week: 10}";
  std::ostringstream y;
  y << "scenario: {name: lifecycle, start: 2025-01-01, years: 3, warmup_years: 1, replications: 1, seed: " << seed << "}\n";
  y << "benefits:\n  kontanthjaelp: {weekly_rate: 2630, refund: standard}\n";
  if (declared && p.group_inflow) y << "  ydelse: {weekly_rate: 1500, refund: standard}\n";
  y << "refund:\n  schedules:\n    standard: [[0, 0.20], [4, 0.60], [26, 0.70], [52, 0.80]]\n";
  y << "groups:\n  kh: {benefit: kontanthjaelp}\n";
  if (declared && p.group_inflow) y << "  ung: {benefit: ydelse}\n";
  y << "states:\n  jobparat: {benefit: group}\n";
  if (p.baseline_programme) y << "  praktik: {benefit: group, duration: {fixed: 8}, exits: {job: 0.2, return: 0.8}}\n";
  y << "  job: {self_supporting: true}\n";
  if (declared && state) y << "  kursus: " << kursus << "\n";
  y << "transitions:\n  jobparat: {job: {rate: 0.01}" << (p.baseline_programme ? ", praktik: {rate: 0.01}" : "")
    << (declared && state ? ", kursus: {rate: 0}" : "") << "}\n";
  y << "  job: {jobparat: {rate: 0.02}}\n";
  if (declared && state) y << "  " << kursus_out << "\n";
  y << "meetings:\n  opfoelgning: {states: [jobparat], interval_weeks: 4, outcomes: {jobparat: {job: 0.02}}}\n";
  if (declared && p.inner_track) y << "  " << kursusmoeder << "\npools:\n  " << undervisere << "\n";
  if (declared && p.slot) y << "slots:\n  kursuspladser: {capacity: 0}\n";
  const std::string kh_inflow = "  - {group: kh, state: jobparat, per_year: 300}\n";
  y << "inflow:\n" << kh_inflow;
  if (declared && p.group_inflow) y << "  - {group: ung, state: jobparat, per_year: 0}\n";
  y << "initial:\n  - {group: kh, state: jobparat, count: " << initial << ", elapsed_weeks: {exponential: 40}}\n";
  y << "interventions:\n  tilbud:\n    start: " << start << "\n";
  if (!end.empty()) y << "    end: " << end << "\n";
  y << "    costs:\n      - {label: drift, per_year: 100000}\n    patch:\n";
  if (!declared && p.group_inflow) {
    y << "      benefits:\n        ydelse: {weekly_rate: 1500, refund: standard}\n";
    y << "      groups:\n        ung: {benefit: ydelse}\n";
  }
  if (!declared && state) y << "      states:\n        kursus: " << kursus << "\n";
  if (state) {
    y << "      transitions:\n        jobparat: {kursus: {rate: 0.05}}\n";
    if (!declared) y << "        " << kursus_out << "\n";
  }
  // Added pools and tracks in the same order in both forms, so ids agree.
  const bool inner_added = !declared && p.inner_track;
  if (inner_added || p.outer_track) {
    y << "      pools:\n";
    if (inner_added) y << "        " << undervisere << "\n";
    if (p.outer_track) y << "        formidlere: {fte: 1, meetings_per_fte_week: 15, caseload_per_fte: 20}\n";
    y << "      meetings:\n";
    if (inner_added) y << "        " << kursusmoeder << "\n";
    if (p.outer_track) {
      y << "        formidler: {states: [jobparat], eligible: {min_spell_weeks: 26}, interval_weeks: {min: 2, max: 6}, "
           "outcomes: {jobparat: {job: 0.05}}, pool: formidlere}\n";
    }
  }
  if (p.slot) y << "      slots:\n        kursuspladser: {capacity: 15}\n";
  if (p.group_inflow) y << "      inflow:\n      " << kh_inflow << "        - {group: ung, state: jobparat, per_year: 150}\n";
  return y.str();
}

model::Scenario load_text(const std::string& text, const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "caseflow-lifecycle-test";
  std::filesystem::create_directories(dir);
  // One file per process and call: ctest runs test cases in parallel processes.
  static int calls = 0;
  const std::filesystem::path file = dir / (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(++calls) + ".yaml");
  std::ofstream(file, std::ios::binary) << text;
  INFO(text);
  model::Scenario s = io::load_scenario(file);
  std::filesystem::remove(file);
  return s;
}

struct Pair {
  model::ArmResult base, arm;
};

Pair simulate(const model::Scenario& s, int replication) {
  Pair r;
  r.base = model::simulate_arm(s, 0, replication, nullptr);
  r.arm = model::simulate_arm(s, 1, replication, &r.base);
  return r;
}

/// Everything that the citizens' trajectories decide must be identical (participation differs by
/// definition: a track the patch adds treats its citizens, one the baseline declares does not).
void require_same_trajectories(const model::ArmResult& a, const model::ArmResult& b) {
  REQUIRE(a.benefit_weeks == b.benefit_weeks);
  REQUIRE(a.programme_cost == b.programme_cost);
  REQUIRE(a.occupancy == b.occupancy);
  REQUIRE(a.flows == b.flows);
  REQUIRE(a.arrivals == b.arrivals);
  REQUIRE(a.exits_to_self_support == b.exits_to_self_support);
  REQUIRE(a.citizens == b.citizens);
}

/// Runs the added and the declared form of `parts` and requires identical trajectories; returns
/// the added form's arm and the scenario (for further checks).
struct Compared {
  model::Scenario scenario;
  Pair added;
};

Compared compare_with_declared(const Parts& parts, const std::string& start, const std::string& end, std::uint64_t seed,
                               int replications = 2) {
  const model::Scenario added = load_text(scenario_text(parts, false, start, end, seed), "added");
  const model::Scenario declared = load_text(scenario_text(parts, true, start, end, seed), "declared");
  REQUIRE(model::check_arm_compatibility(added).empty());
  Pair first;
  for (int r = 0; r < replications; ++r) {
    const Pair a = simulate(added, r);
    const Pair d = simulate(declared, r);
    INFO("replication " << r);
    // The declared form's baseline knows the added benefit (unused): the rest must agree.
    for (int y = 0; y < d.base.years; ++y) {
      for (int b = 0; b < d.base.benefits; ++b) {
        for (int st = 0; st < d.base.steps; ++st) {
          REQUIRE(d.base.weeks_at(y, b, st) == (b < a.base.benefits ? a.base.weeks_at(y, b, st) : 0.0));
        }
      }
    }
    REQUIRE(a.base.programme_cost == d.base.programme_cost);
    require_same_trajectories(a.arm, d.arm);
    if (r == 0) first = a;
  }
  return Compared{added, std::move(first)};
}

/// Citizens in state `state` at reported week `week`.
std::int32_t occupancy(const model::ArmResult& r, int week, int state) { return r.occupancy[static_cast<std::size_t>(week) * r.states + state]; }

constexpr int kKursus = 3;  // jobparat, praktik, job, kursus

}  // namespace

TEST_CASE("An added course with an end, beside a baseline programme, runs and equals the baseline-declared model",
          "[model][lifecycle]") {
  // Before the fix: a segmentation fault at the end (2026-07-01).
  const Compared c = compare_with_declared(Parts{}, "2025-07-01", "2026-07-01", 11);
  const int end_week = static_cast<int>(std::ceil(c.scenario.arms[1].end_week));
  // The comparison has power: citizens are inside the course when it ends, and they leave it.
  CHECK(occupancy(c.added.arm, end_week, kKursus) > 20);
  CHECK(occupancy(c.added.arm, end_week + 21, kKursus) == 0);
  CHECK(c.added.arm.programme_cost[1] > 0.0);
}

TEST_CASE("An added course with an end and no baseline programme: those inside finish it and are booked", "[model][lifecycle]") {
  // Before the fix they stayed in the course for ever, unbooked.
  Parts parts;
  parts.baseline_programme = false;
  const Compared c = compare_with_declared(parts, "2025-07-01", "2026-07-01", 12);
  const int end_week = static_cast<int>(std::ceil(c.scenario.arms[1].end_week));
  CHECK(occupancy(c.added.arm, end_week, kKursus - 1) > 20);  // no praktik: kursus is state 2
  CHECK(occupancy(c.added.arm, end_week + 21, kKursus - 1) == 0);
}

TEST_CASE("An added course: the weeks booked after the end are those a hand calculation gives", "[model][lifecycle]") {
  // 400 citizens in jobparat who never leave it in the baseline; the arm sends every one of them
  // into a 20-week course (rate 1000 a week: within minutes of the start) that ends in job
  // (absorbing). The arm starts on 2025-10-01 (week 273/7) and ends a week later, so every
  // course runs 20 weeks from the start: 2025: 52.14 - 39 weeks, 2026: the remaining 6.857.
  const std::string text = R"(scenario: {name: hand, start: 2025-01-01, years: 2, replications: 1, seed: 3}
benefits:
  kontanthjaelp: {weekly_rate: 1000, refund: flat}
refund:
  schedules:
    flat: [[0, 0.5]]
groups:
  kh: {benefit: kontanthjaelp}
states:
  jobparat: {benefit: group}
  praktik: {benefit: group, duration: {fixed: 8}, exits: {return: 1.0}}
  job: {self_supporting: true, absorbing: true}
transitions:
  jobparat: {praktik: {rate: 0}, job: {rate: 0}}
initial:
  - {group: kh, state: jobparat, count: 400}
interventions:
  kursus:
    start: 2025-10-01
    end: 2025-10-08
    patch:
      states:
        kursus: {benefit: group, duration: {fixed: 20}, exits: {job: 1.0}, cost_per_week: 300}
      transitions:
        jobparat: {kursus: {rate: 1000}}
)";
  const model::Scenario s = load_text(text, "hand");
  const Pair r = simulate(s, 0);
  const double start = 273.0 / 7.0, year_end = 365.0 / 7.0, leave = start + 20.0;
  // Entry within a few thousandths of a week of the start (400 exponentials of mean 0.001).
  const double tol = 400 * 0.01;
  CHECK(r.arm.programme_cost[0] == Approx(400 * 300.0 * (year_end - start)).margin(300.0 * tol));
  CHECK(r.arm.programme_cost[1] == Approx(400 * 300.0 * (leave - year_end)).margin(300.0 * tol));
  // Benefit weeks: 2025 all year; 2026 until leaving the course (weeks on the one benefit, one step).
  CHECK(r.arm.benefit_weeks[0] == Approx(400 * year_end).epsilon(1e-12));
  CHECK(r.arm.benefit_weeks[1] == Approx(400 * (leave - year_end)).margin(tol));
  CHECK(r.base.benefit_weeks[1] == Approx(400 * 365.0 / 7.0).epsilon(1e-12));
  // In the course until week 59, then in job.
  CHECK(occupancy(r.arm, 58, 3) == 400);
  CHECK(occupancy(r.arm, 60, 2) == 400);
  CHECK(occupancy(r.arm, 60, 3) == 0);
}

TEST_CASE("An added slot: places kept by those inside at the end, no line and no waits after it", "[model][lifecycle]") {
  Parts parts;
  parts.slot = true;
  const Compared c = compare_with_declared(parts, "2025-04-01", "2026-07-01", 13);
  const model::ArmResult& arm = c.added.arm;
  const int end_week = static_cast<int>(std::ceil(c.scenario.arms[1].end_week));
  // 15 places, full (a rate of 0.05 a week from ~300 jobparat citizens): a line forms.
  CHECK(occupancy(arm, end_week - 1, kKursus) == 15);
  CHECK(arm.resource(1, 0).waits_ended > 10.0);
  CHECK(occupancy(arm, end_week, kKursus) > 0);
  CHECK(occupancy(arm, end_week + 21, kKursus) == 0);
  // 2027, after the end: nobody waits, nobody uses the slot, it has no places.
  CHECK(arm.resource(2, 0).waiting_area == 0.0);
  CHECK(arm.resource(2, 0).waits_ended == 0.0);
  CHECK(arm.resource(2, 0).busy_area == 0.0);
  CHECK(arm.resource(2, 0).capacity_area == 0.0);
  CHECK(arm.resource(2, 0).joined == 0.0);
  CHECK(arm.resource(2, 0).open_weeks == 0.0);
  // It existed from the start to the end: 15 places all that time.
  const double active = c.scenario.arms[1].end_week - c.scenario.arms[1].start_week;
  CHECK(arm.resource(0, 0).open_weeks + arm.resource(1, 0).open_weeks == Approx(active).epsilon(1e-12));
  CHECK(arm.resource(0, 0).capacity_area + arm.resource(1, 0).capacity_area == Approx(15.0 * active).epsilon(1e-12));
}

TEST_CASE("Meetings inside an added course go on for those finishing it after the end", "[model][lifecycle]") {
  Parts parts;
  parts.inner_track = true;
  const Compared c = compare_with_declared(parts, "2025-04-01", "2026-12-01", 14);
  // The course's meetings (pool 0) are held in 2027 only by citizens who entered before the end.
  CHECK(c.added.arm.resource(2, 0).meetings > 10.0);
  CHECK(occupancy(c.added.arm, 104 + 21, kKursus) == 0);
}

TEST_CASE("An added group with its own benefit and inflow: arrivals only while the arm is on, booked to the end", "[model][lifecycle]") {
  Parts parts;
  parts.state = false;
  parts.group_inflow = true;
  const Compared c = compare_with_declared(parts, "2025-04-01", "2026-04-01", 15, 3);
  const model::Scenario& s = c.scenario;
  const double active = s.arms[1].end_week - s.arms[1].start_week;
  const double expected = 150.0 / 52.0 * active;  // Poisson arrivals of the added source
  const double extra = static_cast<double>(c.added.arm.citizens - c.added.base.citizens);
  INFO("extra citizens " << extra << ", expected " << expected);
  CHECK(std::fabs(extra - expected) < 4.0 * std::sqrt(expected));
  // Their benefit (the second) is booked in 2027, after the end, for those still on it.
  const model::ArmResult& arm = c.added.arm;
  double ydelse_2027 = 0.0;
  for (int step = 0; step < arm.steps; ++step) ydelse_2027 += arm.weeks_at(2, 1, step);
  CHECK(ydelse_2027 > 100.0);
}

TEST_CASE("An added pool and track for a baseline state stop at the end: no meetings, waits or participants after it",
          "[model][lifecycle]") {
  Parts parts;
  parts.state = false;
  parts.outer_track = true;
  const Compared c = compare_with_declared(parts, "2025-07-01", "2026-04-01", 16);
  const model::Scenario& s = c.scenario;
  const model::ArmResult& arm = c.added.arm;
  // At most 20 served (the cap), each every max(2, 20 / 15) = 2 weeks: at most 10 meetings a
  // week while on, and nearly that once the first interval has passed (a newcomer's first
  // meeting is an interval after joining; turnover about 0.035 a week loses a few per cent).
  const double active = s.arms[1].end_week - s.arms[1].start_week;
  const double meetings = arm.resource(0, 0).meetings + arm.resource(1, 0).meetings;
  INFO("meetings " << meetings << ", at most " << 10.0 * active);
  CHECK(meetings <= 10.0 * active);
  CHECK(meetings >= 0.93 * 10.0 * (active - 2.0));
  CHECK(arm.resource(0, 0).waiting_area > 0.0);  // the cap binds: citizens wait
  const model::ResourceYear& after = arm.resource(2, 0);
  CHECK(after.meetings == 0.0);
  CHECK(after.waiting_area == 0.0);
  CHECK(after.waits_ended == 0.0);
  CHECK(after.busy_area == 0.0);
  CHECK(after.capacity_area == 0.0);
  CHECK(arm.participant_weeks[2] == 0.0);
  CHECK(arm.participant_weeks[0] > 0.0);
  // queues.csv: the pool exists from the start to the end and is full all that time (utilisation
  // exactly 1 over that time); nobody joins it after the end.
  for (int y = 0; y < 2; ++y) {
    CHECK(arm.resource(y, 0).open_busy_area == Approx(arm.resource(y, 0).capacity_area).epsilon(1e-12));
    CHECK(arm.resource(y, 0).open_weeks * 20.0 == Approx(arm.resource(y, 0).capacity_area).epsilon(1e-12));
  }
  CHECK(arm.resource(0, 0).open_weeks + arm.resource(1, 0).open_weeks == Approx(active).epsilon(1e-12));
  CHECK(after.joined == 0.0);
  CHECK(after.open_weeks == 0.0);
}

TEST_CASE("Random start and end dates x added parts: always the baseline-declared model's results", "[model][lifecycle][random]") {
  std::mt19937_64 rng(20251201);
  const int cases = 40;
  for (int i = 0; i < cases; ++i) {
    Parts parts;
    const auto bits = static_cast<unsigned>(rng() % 64);
    parts.baseline_programme = (bits & 1u) != 0;
    parts.state = (bits & 2u) != 0;
    parts.slot = (bits & 4u) != 0;
    parts.inner_track = (bits & 8u) != 0;
    parts.group_inflow = (bits & 16u) != 0;
    parts.outer_track = (bits & 32u) != 0;
    if (!parts.state && !parts.slot && !parts.inner_track && !parts.group_inflow && !parts.outer_track) parts.state = true;
    // Days from 2025-01-01: the warm-up begins at -365, the horizon ends at 1095.
    const int start = static_cast<int>(rng() % 1300) - 450;
    const int end = start + 1 + static_cast<int>(rng() % 800);
    const bool open_ended = rng() % 8 == 0;
    const std::uint64_t seed = rng() % 1000;
    INFO("case " << i << ": parts " << bits << ", start " << iso(start) << ", end " << (open_ended ? "none" : iso(end)) << ", seed "
                 << seed);
    compare_with_declared(parts, iso(start), open_ended ? "" : iso(end), seed, 1);
  }
}
