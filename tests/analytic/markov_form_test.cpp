#include <catch2/catch.hpp>

#include "analytic/markov_form.hpp"
#include "analytic_fixtures.hpp"

using namespace caseflow;
using Catch::Matchers::Contains;

namespace {

model::Arm arm_of(model::Model m) {
  model::Arm arm;
  arm.name = "baseline";
  arm.model = std::move(m);
  return arm;
}

model::Model two_states() {
  model::Model m;
  test::add_group_with_benefit(m, 2630, {{0, 0.2}});
  test::add_state(m, "jobparat", 1);
  test::add_state(m, "job", 2, true);
  test::add_rate(m, 0, 1, 0.03);
  test::add_rate(m, 1, 0, 0.01);
  test::add_inflow(m, 0, 100);
  return m;
}

/// The single problem's key path and message.
analytic::Problem only_problem(const model::Arm& arm, analytic::Options options = {}) {
  const auto problems = analytic::markov_problems(arm, options);
  REQUIRE(problems.size() == 1);
  return problems.front();
}

}  // namespace

TEST_CASE("A model of constant rates has an exact Markov form whose rows sum to zero", "[analytic]") {
  const auto arm = arm_of(two_states());
  CHECK(analytic::markov_problems(arm, {}).empty());
  const auto form = analytic::markov_form(arm, model::kNone, {});
  REQUIRE(form.size == 2);
  CHECK_FALSE(form.approximate);
  CHECK(form.generator[0](0, 1) == 0.03);
  CHECK(form.generator[0](1, 0) == 0.01);
  CHECK(form.generator[0].rowwise().sum().cwiseAbs().maxCoeff() < 1e-15);
}

TEST_CASE("The analytic form refuses a Weibull hazard, naming its key", "[analytic]") {
  auto m = two_states();
  m.transitions[1].hazard.kind = model::Hazard::Kind::weibull;
  m.transitions[1].hazard.shape = 0.8;
  m.transitions[1].hazard.scale = 200;
  const auto p = only_problem(arm_of(m));
  CHECK(p.origin.path == "transitions.job.jobparat.weibull");
  CHECK(p.origin.line == 41);
  CHECK_THAT(p.message, Contains("Weibull hazard with shape 0.8"));
  CHECK_THROWS_AS(analytic::markov_form(arm_of(m), model::kNone, {}), analytic::NotMarkov);

  SECTION("but a Weibull of shape 1 is the constant rate 1/scale") {
    m.transitions[1].hazard.shape = 1.0;
    const auto form = analytic::markov_form(arm_of(m), model::kNone, {});
    CHECK(form.generator[0](1, 0) == Approx(1.0 / 200));
  }
}

TEST_CASE("The analytic form refuses the spell clock even with phases", "[analytic]") {
  auto m = two_states();
  auto& h = m.transitions[0].hazard;
  h.kind = model::Hazard::Kind::piecewise;
  h.steps = {{0, 0.03}, {52, 0.01}};
  h.clock = model::Hazard::Clock::spell;
  const auto p = only_problem(arm_of(m), analytic::Options{8});
  CHECK(p.origin.path == "transitions.jobparat.job.clock");
  CHECK_THAT(p.message, Contains("spell clock"));

  SECTION("the state clock is refused without phases and accepted with them") {
    h.clock = model::Hazard::Clock::state;
    CHECK(only_problem(arm_of(m)).origin.path == "transitions.jobparat.job.piecewise");
    CHECK_THAT(only_problem(arm_of(m)).message, Contains("--phases K"));
    CHECK(analytic::markov_problems(arm_of(m), analytic::Options{8}).empty());
    const auto form = analytic::markov_form(arm_of(m), model::kNone, analytic::Options{8});
    CHECK(form.size == 8 + 1 + 1);  // 8 phases over the first 52 weeks, one after, plus job
    CHECK(form.approximate);
  }
}

TEST_CASE("The analytic form refuses meetings held by a pool and slot-limited states", "[analytic]") {
  auto m = two_states();
  m.pools.push_back(model::Pool{"jobkonsulenter", {{-model::kInfinity, 12.0}}, 20.0, 0.0, {}, {}});
  model::MeetingTrack track;
  track.name = "opfoelgning";
  track.states = {0};
  track.pool = 0;
  track.interval_min = 2;
  track.interval_max = 13;
  track.outcomes = {model::MeetingOutcome{0, 1, 0.1}};
  track.origin = model::Origin{"test.yaml", 30, 3, "meetings.opfoelgning"};
  m.meetings.push_back(track);
  m.slots.push_back(model::Slot{"praktikpladser", 40, {}, {}});
  m.states[0].slot = 0;
  const auto problems = analytic::markov_problems(arm_of(m), analytic::Options{10});
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].origin.path == "states.jobparat.slots");
  CHECK_THAT(problems[0].message, Contains("'praktikpladser' (capacity 40)"));
  CHECK(problems[1].origin.path == "meetings.opfoelgning.pool");
  CHECK(problems[1].origin.line == 30);
  CHECK_THAT(problems[1].message, Contains("held by pool 'jobkonsulenter'"));
}

TEST_CASE("Meetings without a pool at a fixed interval need phases, then get an Erlang-K clock", "[analytic]") {
  auto m = two_states();
  model::MeetingTrack track;
  track.name = "opfoelgning";
  track.states = {0};
  track.interval_min = track.interval_max = 4.0;
  track.outcomes = {model::MeetingOutcome{0, 1, 0.1}};
  track.origin = model::Origin{"test.yaml", 30, 3, "meetings.opfoelgning"};
  m.meetings.push_back(track);
  const auto p = only_problem(arm_of(m));
  CHECK(p.origin.path == "meetings.opfoelgning.interval_weeks");
  CHECK_THAT(p.message, Contains("every 4 weeks") && Contains("--phases K"));
  const auto form = analytic::markov_form(arm_of(m), model::kNone, analytic::Options{5});
  REQUIRE(form.size == 5 + 1);
  // Last phase: a meeting at rate 5/4; with probability 0.1 to job, else the interval restarts.
  CHECK(form.generator[0](4, 5) == Approx(0.1 * 5.0 / 4.0 + 0.03));
  CHECK(form.generator[0](4, 0) == Approx(0.9 * 5.0 / 4.0));
  CHECK(form.generator[0](0, 1) == Approx(5.0 / 4.0));
}

TEST_CASE("The analytic form refuses fixed programme durations without phases and other distributions always", "[analytic]") {
  auto m = two_states();
  const auto P = test::add_programme(m, "praktik", 3, engine::Distribution::fixed_at(13));
  test::add_rate(m, 0, P, 0.01);
  test::add_exit(m, P, 1, 0.3);
  test::add_return(m, P, 0.7);
  const auto fixed = only_problem(arm_of(m));
  CHECK(fixed.origin.path == "states.praktik.duration");
  CHECK_THAT(fixed.message, Contains("fixed duration of 13 weeks") && Contains("--phases K"));
  CHECK(analytic::markov_problems(arm_of(m), analytic::Options{4}).empty());

  m.states[P].duration = engine::Distribution{engine::Distribution::Kind::gamma, 13, 4, 0, {}};
  const auto gamma = only_problem(arm_of(m), analytic::Options{4});
  CHECK_THAT(gamma.message, Contains("a gamma duration has no Markov form"));
}

TEST_CASE("A returning programme gets one copy per state that can enter it", "[analytic]") {
  auto m = two_states();
  const auto K = test::add_state(m, "aktivitetsparat", 3);
  const auto P = test::add_programme(m, "praktik", 4, test::exponential(10));
  test::add_inflow(m, K, 50);
  test::add_rate(m, K, 0, 0.01);
  test::add_rate(m, 0, P, 0.02);
  test::add_rate(m, K, P, 0.04);
  test::add_exit(m, P, 1, 0.25);
  test::add_return(m, P, 0.75);
  const auto form = analytic::markov_form(arm_of(m), model::kNone, {});
  REQUIRE(form.size == 5);
  REQUIRE(form.state_of == std::vector<model::StateId>{0, 1, 2, P, P});
  const auto& Q = form.generator[0];
  CHECK(Q(0, 3) == Approx(0.02));       // jobparat -> praktik (from jobparat)
  CHECK(Q(2, 4) == Approx(0.04));       // aktivitetsparat -> praktik (from aktivitetsparat)
  CHECK(Q(3, 0) == Approx(0.75 / 10));  // returns where it came from
  CHECK(Q(4, 2) == Approx(0.75 / 10));
  CHECK(Q(3, 1) == Approx(0.25 / 10));
  CHECK(Q(3, 2) == 0.0);

  SECTION("citizens who start in it return to the first non-programme, non-self-supporting state") {
    test::add_initial(m, P, 5);
    const auto started = analytic::markov_form(arm_of(m), model::kNone, {});
    REQUIRE(started.size == 5);
    CHECK(started.arrival[0][P] == std::vector<std::pair<int, double>>{{3, 1.0}});  // the copy returning to jobparat
  }
  SECTION("a programme entered from a programme remembers the last non-programme state") {
    const auto course = test::add_programme(m, "kursus", 5, test::exponential(4));
    test::add_rate(m, K, course, 0.01);
    test::add_exit(m, course, P, 1.0);  // kursus -> praktik: a return from praktik goes to aktivitetsparat
    const auto chained = analytic::markov_form(arm_of(m), model::kNone, {});
    REQUIRE(chained.size == 6);
    CHECK(chained.state_of[5] == course);
    CHECK(chained.generator[0](5, 4) == Approx(1.0 / 4));  // kursus (from aktivitetsparat) -> its praktik copy
    CHECK(chained.generator[0](2, 5) == Approx(0.01));
  }
}

TEST_CASE("Spell-length targets of effects and meetings are refused", "[analytic]") {
  auto arm = arm_of(two_states());
  model::Effect e;
  e.from = 0;
  e.to = 1;
  e.multiplier = 1.3;
  e.target.min_spell_weeks = 52;
  e.origin = model::Origin{"test.yaml", 70, 9, "interventions.jobformidlere.effects[0]"};
  arm.effects.push_back(e);
  const auto p = only_problem(arm);
  CHECK(p.origin.path == "interventions.jobformidlere.effects[0].target");
  CHECK_THAT(p.message, Contains("spell length"));
}

TEST_CASE("An arm shares the baseline's micro states; a patch that changes how a state keeps time is refused", "[analytic]") {
  auto m = two_states();
  const auto P = test::add_programme(m, "kursus", 3, test::exponential(6));
  test::add_rate(m, 0, P, 0.02);
  test::add_exit(m, P, 1, 0.5);
  test::add_return(m, P, 0.5);
  auto scenario = test::scenario_of(m);
  model::Arm arm = arm_of(m);
  arm.name = "mentor";
  arm.model.transitions[2].hazard.rate = 0.04;  // a patch that only changes a rate
  scenario.arms.push_back(arm);
  const auto form = analytic::markov_form(scenario, 1, model::kNone, {});
  REQUIRE(form.size == 3);
  CHECK(form.generator[0](0, 2) == Approx(0.02));  // inactive: the baseline's rate
  CHECK(form.generator[1](0, 2) == Approx(0.04));  // active: the arm's

  SECTION("a fixed duration in the arm needs other phases than the baseline's exponential one") {
    scenario.arms[1].model.states[P].duration = engine::Distribution::fixed_at(6);
    const auto problems = analytic::markov_problems(scenario, 1, analytic::Options{4});
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].origin.path == "states.kursus");
    CHECK_THAT(problems[0].message, Contains("changes how state 'kursus' keeps time"));
  }
}
