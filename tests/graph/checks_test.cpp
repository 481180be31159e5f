#include <catch2/catch.hpp>

#include "graph/checks.hpp"
#include "graph/state_graph.hpp"
#include "model_builder.hpp"

using namespace caseflow;
using Catch::Matchers::Contains;

namespace {

/// jobparat <-> job, plus a praktik programme entered from jobparat that returns.
model::Model small_model() {
  model::Model m;
  m.groups.push_back(model::Group{"kontanthjaelp", model::kNone, {}});
  const auto jobparat = test::add_state(m, "jobparat", 10);
  const auto praktik = test::add_programme(m, "praktik", 11, engine::Distribution::fixed_at(13));
  const auto job = test::add_state(m, "job", 12, true);
  test::add_rate(m, jobparat, job, 0.03);
  test::add_rate(m, jobparat, praktik, 0.01);
  test::add_rate(m, job, jobparat, 0.005);
  test::add_exit(m, praktik, job, 0.3);
  test::add_return(m, praktik, 0.7);
  test::add_inflow(m, jobparat, 500);
  return m;
}

}  // namespace

TEST_CASE("A well-formed model passes the graph checks without findings", "[graph]") {
  const auto findings = graph::check_model(small_model());
  CHECK(findings.empty());
}

TEST_CASE("A state no citizen can reach is an error at the state's line", "[graph]") {
  auto m = small_model();
  const auto orphan = test::add_state(m, "ressourceforloeb", 17);
  test::add_rate(m, orphan, 2, 0.01);  // it can be left, but never entered
  const auto findings = graph::check_model(m);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].is_error());
  CHECK(findings[0].format() ==
        "test.yaml:17:3: error: states.ressourceforloeb: state 'ressourceforloeb' cannot be reached from any inflow or "
        "initial state");
}

TEST_CASE("An initial stock makes a state reachable just as inflow does", "[graph]") {
  auto m = small_model();
  const auto orphan = test::add_state(m, "ressourceforloeb", 17);
  test::add_rate(m, orphan, 2, 0.01);
  test::add_initial(m, orphan, 40);
  CHECK(graph::check_model(m).empty());
}

TEST_CASE("A state with no way to self-support is a trap warning unless marked absorbing", "[graph]") {
  auto m = small_model();
  const auto pension = test::add_state(m, "foertidspension", 20);
  test::add_rate(m, 0, pension, 0.001);
  auto findings = graph::check_model(m);
  REQUIRE(findings.size() == 1);
  CHECK_FALSE(findings[0].is_error());
  CHECK_THAT(findings[0].format(), Contains("test.yaml:20:3: warning: states.foertidspension:") &&
                                       Contains("no path leads from state 'foertidspension' to a self-supporting state"));

  SECTION("absorbing: true silences it") {
    m.states[pension].absorbing = true;
    CHECK(graph::check_model(m).empty());
  }
  SECTION("a state that only leads into the trap is a trap too") {
    const auto waiting = test::add_state(m, "visitation", 21);
    test::add_rate(m, 0, waiting, 0.001);
    test::add_rate(m, waiting, pension, 0.1);
    findings = graph::check_model(m);
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].origin.path == "states.foertidspension");
    CHECK(findings[1].origin.path == "states.visitation");
    SECTION("but a path into an absorbing state is an intended end") {
      m.states[pension].absorbing = true;
      CHECK(graph::check_model(m).empty());
    }
  }
}

TEST_CASE("A cycle of zero-duration programmes is an error naming every programme on it", "[graph]") {
  auto m = small_model();
  const auto a = test::add_programme(m, "screening", 30, engine::Distribution::fixed_at(0));
  const auto b = test::add_programme(m, "visitering", 33, engine::Distribution::fixed_at(0));
  test::add_rate(m, 0, a, 0.01);
  test::add_exit(m, a, b, 0.5);
  test::add_exit(m, a, 2, 0.5);
  test::add_exit(m, b, a, 1.0);
  const auto findings = graph::check_model(m);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].is_error());
  CHECK_THAT(findings[0].format(), Contains("test.yaml:30:3: error: states.screening: programmes 'screening', "
                                            "'visitering' all have duration 0 and route to each other in a cycle"));

  SECTION("one positive duration on the cycle makes it legal") {
    m.states[b].duration = engine::Distribution::fixed_at(1);
    CHECK(graph::check_model(m).empty());
  }
}

TEST_CASE("A return from a zero-duration programme goes to a non-programme state, so it closes no cycle", "[graph]") {
  auto m = small_model();
  const auto a = test::add_programme(m, "screening", 30, engine::Distribution::fixed_at(0));
  const auto b = test::add_programme(m, "visitering", 33, engine::Distribution::fixed_at(0));
  test::add_rate(m, 0, a, 0.01);
  test::add_exit(m, a, b, 0.4);
  test::add_exit(m, a, 2, 0.6);
  test::add_return(m, b, 1.0);  // back to jobparat, the last non-programme state, not to screening
  CHECK(graph::return_targets(m, b) == std::vector<model::StateId>{0});
  CHECK(graph::check_model(m).empty());
}

TEST_CASE("A return exit makes an edge to every non-programme state a citizen can enter the programme from", "[graph]") {
  auto m = small_model();
  const auto aktivitetsparat = test::add_state(m, "aktivitetsparat", 14);
  test::add_inflow(m, aktivitetsparat, 100);
  test::add_rate(m, aktivitetsparat, 1, 0.02);
  test::add_rate(m, aktivitetsparat, 2, 0.01);
  CHECK(graph::return_targets(m, 1) == std::vector<model::StateId>{0, aktivitetsparat});
  const auto sg = graph::build_state_graph(m);
  int returns = 0;
  for (const auto e : boost::make_iterator_range(boost::out_edges(1, sg.graph))) {
    if (sg.graph[e].kind == graph::EdgeInfo::Kind::return_exit) {
      ++returns;
      CHECK(sg.graph[e].probability == Approx(0.7));
    }
  }
  CHECK(returns == 2);
  CHECK(sg.sources == std::vector<model::StateId>{0, aktivitetsparat});

  SECTION("through a chain of programmes, back to the state before the first one") {
    const auto course = test::add_programme(m, "kursus", 15, test::exponential(4));
    const auto mentor = test::add_state(m, "mentor", 16);
    test::add_rate(m, mentor, course, 0.1);
    test::add_rate(m, 2, mentor, 0.001);
    test::add_exit(m, course, 1, 1.0);  // kursus -> praktik: praktik returns to mentor, not kursus
    CHECK(graph::return_targets(m, 1) == std::vector<model::StateId>{0, aktivitetsparat, mentor});
  }
  SECTION("citizens who start in the programme return to the first non-programme, non-self-supporting state") {
    auto started = small_model();
    const auto other = test::add_state(started, "aktivitetsparat", 14);
    test::add_rate(started, other, 2, 0.01);
    test::add_initial(started, other, 10);
    started.transitions.erase(started.transitions.begin() + 1);  // jobparat no longer enters praktik
    test::add_initial(started, 1, 5);
    CHECK(graph::return_targets(started, 1) == std::vector<model::StateId>{0});
  }
}

TEST_CASE("Validate counts hazards, programme exit routes and meeting outcomes as transitions", "[graph]") {
  auto m = small_model();
  model::MeetingTrack track;
  track.name = "opfoelgning";
  track.states = {0};
  track.outcomes = {model::MeetingOutcome{0, 1, 0.1}};
  m.meetings.push_back(track);
  CHECK(graph::count_transitions(m) == 3 + 2 + 1);
}

TEST_CASE("Scenario checks report an intervention's own problems once and name its arm", "[graph]") {
  model::Scenario s;
  s.arms.push_back(model::Arm{});
  s.arms[0].name = "baseline";
  s.arms[0].model = small_model();
  const auto orphan = test::add_state(s.arms[0].model, "ressourceforloeb", 17);
  test::add_rate(s.arms[0].model, orphan, 2, 0.01);
  model::Arm arm;
  arm.name = "jobformidlere";
  arm.model = s.arms[0].model;
  const auto extra = test::add_state(arm.model, "mentor", 60);
  test::add_rate(arm.model, extra, 2, 0.01);
  s.arms.push_back(arm);
  const auto findings = graph::check_scenario(s);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].message == "state 'ressourceforloeb' cannot be reached from any inflow or initial state");
  CHECK(findings[1].message == "state 'mentor' cannot be reached from any inflow or initial state (in arm 'jobformidlere')");
  CHECK(graph::has_errors(findings));
}
