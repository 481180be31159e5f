// The run plan (model/run_plan.hpp) is built from the scenario, an arm and the options without
// running anything; these tests check its time window, tables and flags against what the
// fixtures say, worked out by hand from the YAML.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "model/run_plan.hpp"

using namespace caseflow;

namespace {

std::size_t arm_named(const model::Scenario& s, const std::string& name) {
  for (std::size_t a = 0; a < s.arms.size(); ++a) {
    if (s.arms[a].name == name) return a;
  }
  FAIL("no arm " << name);
  return 0;
}

/// The destinations of the hazards out of `state` under `tables`, in table order.
std::vector<int> hazard_destinations(const model::Tables& tables, int state) {
  std::vector<int> to;
  for (int tr : tables.hazards_from[state]) to.push_back(tables.model->transitions[tr].to);
  return to;
}

std::vector<int> skips(const model::Tables& tables) { return {tables.skips_idle_meetings.begin(), tables.skips_idle_meetings.end()}; }

}  // namespace

// needless_events.yaml: states jobparat 0, aktivitetsparat 1, praktik 2, mentor 3, job 4;
// tracks opfoelgning 0 and langtidsledige 1 (no pool), konsulent 2 (pool konsulenter); a
// 30-place slot; four arms: baseline, hele_perioden (outcome effects, whole run), fra_2026
// (starts 2026-01-01), mentorkorps (more staff, a hazard effect on those served by the pool).
TEST_CASE("The run plan of the baseline: window, tables, flags", "[model][run_plan]") {
  const model::Scenario s = testing::load_model_fixture("needless_events.yaml");
  const model::RunPlan plan(s, 0, true, false);
  CHECK(plan.is_baseline);
  // 2025-01-01 to 2028-01-01, no warm-up: 1095 days = 156 3/7 weeks in three budget years.
  CHECK(plan.begin == 0.0);
  CHECK(plan.horizon == Approx(1095.0 / 7.0).epsilon(1e-12));
  CHECK(plan.years.size() == 3);
  CHECK(plan.arm_from == model::kInfinity);
  CHECK(plan.arm_until == model::kInfinity);
  CHECK(plan.state_count == 5);
  CHECK(plan.track_count == 3);
  CHECK(hazard_destinations(plan.base_tables, 0) == std::vector<int>{4});
  CHECK(hazard_destinations(plan.base_tables, 1) == std::vector<int>{4, 0});
  CHECK(hazard_destinations(plan.base_tables, 2).empty());
  CHECK(plan.max_hazards == 2);
  CHECK(plan.base_tables.tracks_in[0] == std::vector<int>{0, 1});
  CHECK(plan.base_tables.tracks_in[1] == std::vector<int>{0, 2});
  const auto& out = plan.base_tables.outcomes(0, 1);  // opfoelgning for aktivitetsparat
  REQUIRE(out.size() == 2);
  CHECK(out[0].to == 2);
  CHECK(out[0].probability == 0.05);
  CHECK(out[1].to == 3);
  CHECK(out[1].probability == 0.04);
  // Idle meetings need no event on the tracks without a pool; nothing moves a hazard mid-stay.
  CHECK(skips(plan.base_tables) == std::vector<int>{1, 1, 0});
  CHECK_FALSE(plan.switches);
  CHECK_FALSE(plan.keep_thresholds);
  CHECK(plan.hazards_fixed_in_stay);
  CHECK(plan.has_benefits);
  CHECK(plan.has_slots);
  CHECK(plan.has_pools);
  CHECK(plan.books_time);
  CHECK(plan.max_steps == 4);
  CHECK(plan.default_return_state == 0);
  // Other arms compare with the baseline: it keeps the per-citizen record and the ledger.
  CHECK(plan.record_deadweight);
  CHECK(plan.keeps_ledger);
  CHECK_FALSE(plan.records_participation);
  CHECK_FALSE(plan.has_participants);
}

TEST_CASE("The run plan of an arm that starts mid-run holds every meeting and keeps thresholds", "[model][run_plan]") {
  const model::Scenario s = testing::load_model_fixture("needless_events.yaml");
  const model::RunPlan plan(s, arm_named(s, "fra_2026"), true, true);
  CHECK_FALSE(plan.is_baseline);
  CHECK(plan.arm_from == Approx(365.0 / 7.0).epsilon(1e-12));  // 2026-01-01
  CHECK(plan.arm_until == model::kInfinity);
  CHECK(plan.switches);
  CHECK(plan.keep_thresholds);
  CHECK_FALSE(plan.hazards_fixed_in_stay);
  for (const model::Tables* t : {&plan.base_tables, &plan.arm_tables, &plan.after_tables}) CHECK(skips(*t) == std::vector<int>{0, 0, 0});
  CHECK(plan.arm_tables.outcome_effects_on == std::vector<std::uint8_t>{1, 0, 0});
  CHECK(plan.base_tables.outcome_effects_on == std::vector<std::uint8_t>{0, 0, 0});
  CHECK(plan.has_participants);
  CHECK(plan.new_tracks.empty());
  CHECK(plan.keeps_ledger);
  CHECK(plan.records_participation);
  CHECK(plan.base_state_count == 5);
  CHECK_FALSE(plan.record_deadweight);
}

TEST_CASE("The run plan of arms for the whole run: outcome effects and effects on those a pool serves", "[model][run_plan]") {
  const model::Scenario s = testing::load_model_fixture("needless_events.yaml");
  {
    const model::RunPlan plan(s, arm_named(s, "hele_perioden"), true, false);
    CHECK(plan.arm_from == 0.0);  // no start: from the first simulated day
    CHECK_FALSE(plan.switches);
    CHECK(plan.hazards_fixed_in_stay);
    // Outcome effects that do not depend on a pool leave the idle-meeting skip on.
    CHECK(skips(plan.arm_tables) == std::vector<int>{1, 1, 0});
    CHECK(plan.arm_tables.outcome_effects_on == std::vector<std::uint8_t>{1, 0, 0});
    CHECK_FALSE(plan.keeps_ledger);  // nothing to compare with
  }
  {
    const model::RunPlan plan(s, arm_named(s, "mentorkorps"), true, false);
    CHECK(plan.service_changes_hazards);
    CHECK(plan.keep_thresholds);
    CHECK_FALSE(plan.hazards_fixed_in_stay);  // being served moves the hazard: no sure exits
    CHECK(skips(plan.arm_tables) == std::vector<int>{1, 1, 0});
    // aktivitetsparat -> job carries effect 0; nothing else does.
    for (std::size_t tr = 0; tr < plan.arm_tables.model->transitions.size(); ++tr) {
      const model::Transition& t = plan.arm_tables.model->transitions[tr];
      const bool target = t.from == 1 && t.to == 4;
      CHECK(plan.arm_tables.effects_on_transition[tr] == (target ? std::vector<int>{0} : std::vector<int>{}));
    }
    CHECK(plan.new_tracks == std::vector<int>{2});  // konsulent: its pool has more staff
  }
}

TEST_CASE("Without skipping, the run plan marks no idle meetings and no sure hazards", "[model][run_plan]") {
  const model::Scenario s = testing::load_model_fixture("needless_events.yaml");
  const model::RunPlan plan(s, 0, false, false);
  CHECK(skips(plan.base_tables) == std::vector<int>{0, 0, 0});
  CHECK_FALSE(plan.hazards_fixed_in_stay);
}

TEST_CASE("The rules after an arm's end keep what it added only inside what it added", "[model][run_plan]") {
  // The patch adds a course state with a slot, a pool and track held in the course, and a pool
  // and track for the baseline's jobparat, from 2025-07-01 to 2026-07-01.
  const std::string text = R"(scenario: {name: after-end, start: 2025-01-01, years: 2, replications: 1, seed: 1}
benefits:
  kontanthjaelp: {weekly_rate: 2630, refund: standard}
refund:
  schedules:
    standard: [[0, 0.20], [4, 0.60], [26, 0.70], [52, 0.80]]
groups:
  kh: {benefit: kontanthjaelp}
states:
  jobparat: {benefit: group}
  job: {self_supporting: true}
transitions:
  jobparat: {job: {rate: 0.01}}
  job: {jobparat: {rate: 0.02}}
meetings:
  opfoelgning: {states: [jobparat], interval_weeks: 4, outcomes: {jobparat: {job: 0.02}}}
inflow:
  - {group: kh, state: jobparat, per_year: 100}
interventions:
  kursus:
    start: 2025-07-01
    end: 2026-07-01
    patch:
      states:
        kursus: {duration: {fixed: 20}, exits: {job: 0.5, return: 0.5}, slots: pladser}
      transitions:
        jobparat: {kursus: {rate: 0.05}}
        kursus: {job: {rate: 0.01}}
      slots:
        pladser: {capacity: 10}
      pools:
        undervisere: {fte: 1, meetings_per_fte_week: 10}
        formidlere: {fte: 2, meetings_per_fte_week: 15, caseload_per_fte: 20}
      meetings:
        kursusmoeder: {states: [kursus], interval_weeks: {min: 1, max: 4}, outcomes: {kursus: {job: 0.05}}, pool: undervisere}
        formidling: {states: [jobparat], interval_weeks: {min: 2, max: 6}, outcomes: {jobparat: {job: 0.03}}, pool: formidlere}
)";
  const auto file = std::filesystem::temp_directory_path() / "caseflow_run_plan_test.yaml";
  std::ofstream(file) << text;
  const model::Scenario s = io::load_scenario(file);
  std::filesystem::remove(file);
  REQUIRE(s.arms.size() == 2);
  const model::Model after = model::rules_after_end(s.arms[0].model, s.arms[1].model);
  REQUIRE(after.states.size() == 3);  // jobparat, job, kursus
  // The baseline's hazards, then only those out of the added state (none into it).
  REQUIRE(after.transitions.size() == 3);
  CHECK(after.transitions[2].from == 2);
  CHECK(after.transitions[2].to == 1);
  for (const model::Transition& t : after.transitions) CHECK(t.to != 2);
  // The added slot is closed.
  REQUIRE(after.slots.size() == 1);
  CHECK(after.slots[0].capacity == 0);
  // The course's meetings stay in the course, with their staff; the brokers' track for
  // jobparat is held nowhere and its pool has no staff.
  REQUIRE(after.meetings.size() == 3);
  CHECK(after.meetings[1].states == std::vector<model::StateId>{2});
  CHECK(after.meetings[2].states.empty());
  CHECK(after.meetings[2].outcomes.empty());
  REQUIRE(after.pools.size() == 2);
  CHECK(model::fte_at(after.pools[0], 0.0) == 1.0);
  CHECK(model::fte_at(after.pools[1], 0.0) == 0.0);
  CHECK(model::fte_at(after.pools[1], 1000.0) == 0.0);
  // The plan of that arm: it switches twice, and the after-end tables use these rules.
  const model::RunPlan plan(s, 1, true, false);
  CHECK(plan.arm_from == Approx(181.0 / 7.0).epsilon(1e-12));
  CHECK(plan.arm_until == Approx(546.0 / 7.0).epsilon(1e-12));
  CHECK(plan.switches);
  CHECK(plan.after_tables.model == &plan.after_model);
  CHECK(hazard_destinations(plan.after_tables, 0) == std::vector<int>{1});
  CHECK(hazard_destinations(plan.arm_tables, 0) == std::vector<int>{1, 2});
  CHECK(plan.new_tracks == std::vector<int>{1, 2});
  CHECK(plan.default_return_state == 0);
  // The added tracks make participants.
  CHECK(plan.has_participants);
  CHECK(plan.books_time);
}
