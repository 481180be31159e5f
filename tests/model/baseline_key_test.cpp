// model::baseline_key: what the baseline's run reads. Scenarios with the same key must simulate
// the same baseline, and an arm run against another scenario's baseline with that key must give
// exactly what it gives against its own (sweeps share baselines this way).
#include <catch2/catch.hpp>

#include <functional>

#include "fixtures.hpp"
#include "same_records.hpp"
#include "model/baseline_key.hpp"
#include "model/replications.hpp"

using namespace caseflow;
using caseflow::testing::load_model_fixture;


TEST_CASE("The baseline key changes with every input of the baseline's run and with nothing else", "[model]") {
  const model::Scenario original = load_model_fixture("two_state_savings.yaml");
  const std::string key = model::baseline_key(original);
  CHECK(model::baseline_key_hash(key) == model::baseline_key_hash(model::baseline_key(original)));

  using Change = std::function<void(model::Scenario&)>;
  const std::vector<std::pair<const char*, Change>> kept = {
      {"an intervention's effect", [](model::Scenario& s) { s.arms[1].effects[0].multiplier = 1.7; }},
      {"an intervention's cost", [](model::Scenario& s) { s.arms[1].costs[0].amount = 5.0; }},
      {"the prudence factor", [](model::Scenario& s) { s.report.prudence_factor = 0.8; }},
      {"the discount rate", [](model::Scenario& s) { s.report.discount_rate = 0.03; }},
      {"the replications", [](model::Scenario& s) { s.replications = 3; }},
      {"an origin", [](model::Scenario& s) { s.arms[0].model.transitions[0].origin.line = 99; }},
      {"an intervention's fade", [](model::Scenario& s) { s.arms[1].fade_weeks = 20.0; }},
      {"an intervention's cap on participants", [](model::Scenario& s) { s.arms[1].max_participants = 5; }},
  };
  for (const auto& [what, change] : kept) {
    INFO(what);
    model::Scenario s = original;
    change(s);
    CHECK(model::baseline_key(s) == key);
  }

  const std::vector<std::pair<const char*, Change>> changed = {
      {"the seed", [](model::Scenario& s) { s.seed += 1; }},
      {"the start", [](model::Scenario& s) { s.start.month = 7; }},
      {"the years", [](model::Scenario& s) { s.years += 1; }},
      {"the warm-up", [](model::Scenario& s) { s.warmup_years = 1; }},
      {"a baseline hazard", [](model::Scenario& s) { s.arms[0].model.transitions[0].hazard.rate = 0.03; }},
      {"a benefit rate", [](model::Scenario& s) { s.arms[0].model.benefits[0].weekly_rate = 1100.0; }},
      {"a dated benefit rate", [](model::Scenario& s) { s.arms[0].model.benefits[0].rate_by_year = {{2026, 1200.0}}; }},
      {"uprating", [](model::Scenario& s) { s.arms[0].model.benefits[0].uprating = 0.02; }},
      {"a change of refund rules", [](model::Scenario& s) { s.arms[0].model.benefits[0].refund_changes = {{50.0, 0}}; }},
      {"an activity-based refund", [](model::Scenario& s) { s.arms[0].model.refund.schedules[0].by_state = {0.5, 0.0}; }},
      {"the price level (the ledger is priced at it)",
       [](model::Scenario& s) {
         s.report.price_year = 2025;
         s.report.price_index = {{2025, 100.0}, {2026, 102.0}};
       }},
      {"a refund share", [](model::Scenario& s) { s.arms[0].model.refund.schedules[0].steps[0].second = 0.6; }},
      {"the self-support rule", [](model::Scenario& s) { s.arms[0].model.refund.window_weeks = 100.0; }},
      {"a programme cost", [](model::Scenario& s) { s.arms[0].model.states[0].cost_per_week = 5.0; }},
      {"the initial stock", [](model::Scenario& s) { s.arms[0].model.initial[0].count = 2100; }},
      {"the initial elapsed time", [](model::Scenario& s) { s.arms[0].model.initial[0].elapsed_weeks.a = 3.0; }},
      {"a state's name", [](model::Scenario& s) { s.arms[0].model.states[1].name = "arbejde"; }},
      {"the number of arms", [](model::Scenario& s) { s.arms.pop_back(); }},
      // An intervention's own citizens widen the id blocks the baseline's citizens are numbered in.
      {"an intervention's initial stock",
       [](model::Scenario& s) {
         s.arms[1].model.initial[0].count = 2500;
         s.arms[1].start_week = -model::kInfinity;
       }},
      {"an intervention's added inflow",
       [](model::Scenario& s) {
         model::Inflow extra;
         extra.group = 0;
         extra.state = 0;
         extra.per_year = 50.0;
         extra.name = "ekstra";
         s.arms[1].model.inflow.push_back(extra);
       }},
      {"an age on the initial stock",
       [](model::Scenario& s) { s.arms[0].model.initial[0].age_years = engine::Distribution::fixed_at(40.0); }},
      {"an age bound on a meeting track's filter", [](model::Scenario& s) { s.arms[0].model.meetings.emplace_back().eligible.min_age = 30.0; }},
      {"an age rule",
       [](model::Scenario& s) {
         model::AgeRule rule;
         rule.name = "pension";
         rule.at_years = 67.0;
         rule.move.state = 1;
         s.arms[0].model.age_rules.push_back(rule);
       }},
      {"a benefit clock",
       [](model::Scenario& s) {
         model::BenefitClock clock;
         clock.name = "dagpengeperiode";
         clock.benefit = 0;
         clock.limit_weeks = 104.0;
         clock.window_weeks = 156.0;
         clock.outcomes.push_back(model::ClockMove{model::kNone, 1, 1.0});
         s.arms[0].model.benefit_clocks.push_back(clock);
       }},
      {"an intervention's dates (which decide whose initial stock is placed)",
       [](model::Scenario& s) { s.arms[1].start_week = 10.0; }},
  };
  for (const auto& [what, change] : changed) {
    INFO(what);
    model::Scenario s = original;
    change(s);
    CHECK(model::baseline_key(s) != key);
  }

  // A one-off limit on a baseline track changes what the baseline's run does.
  model::Scenario with_track = original;
  model::MeetingTrack track;
  track.name = "cv";
  track.states = {0};
  with_track.arms[0].model.meetings.push_back(track);
  model::Scenario once = with_track;
  once.arms[0].model.meetings[0].max_per_citizen = 1;
  CHECK(model::baseline_key(once) != model::baseline_key(with_track));
}

TEST_CASE("An arm run against another scenario's baseline with the same key gives what its own baseline gives", "[model]") {
  const model::Scenario a = load_model_fixture("participants.yaml");
  model::Scenario b = a;
  // Another effect size and cost, as a PSA over the intervention's values draws.
  REQUIRE(b.arms.size() >= 2);
  REQUIRE_FALSE(b.arms[1].effects.empty());
  b.arms[1].effects[0].multiplier *= 1.3;
  REQUIRE(model::baseline_key(a) == model::baseline_key(b));
  const std::vector<std::size_t> arms = caseflow::testing::all_arms(b);
  for (int r = 0; r < 3; ++r) {
    INFO("replication " << r);
    const model::ArmResult shared = model::run_baseline(a, r);
    const std::vector<model::ArmResult> against = model::run_against_baseline(b, arms, r, shared);
    const std::vector<model::ArmResult> own = model::run_one_replication(b, arms, r);
    REQUIRE(against.size() + 1 == own.size());
    testing::require_same_records(shared, own[0]);
    for (std::size_t i = 0; i < against.size(); ++i) {
      INFO("arm " << arms[i + 1]);
      testing::require_same_records(against[i], own[i + 1]);
    }
  }
}
