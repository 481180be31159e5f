#include <catch2/catch.hpp>

#include "graph/dot.hpp"
#include "model_builder.hpp"

using namespace caseflow;
using Catch::Matchers::Contains;

namespace {

model::Model spec_like_model() {
  model::Model m;
  m.groups.push_back(model::Group{"kontanthjaelp", model::kNone, {}});
  m.slots.push_back(model::Slot{"praktikpladser", 40, {}, {}});
  const auto jobparat = test::add_state(m, "jobparat", 10);
  const auto aktivitetsparat = test::add_state(m, "aktivitetsparat", 11);
  const auto praktik = test::add_programme(m, "praktik", 12, engine::Distribution::fixed_at(13));
  m.states[praktik].slot = 0;
  const auto job = test::add_state(m, "job", 13, true);
  test::add_rate(m, jobparat, job, 0.03);
  model::Transition piecewise;
  piecewise.from = aktivitetsparat;
  piecewise.to = jobparat;
  piecewise.hazard.kind = model::Hazard::Kind::piecewise;
  piecewise.hazard.steps = {{0, 0.015}, {52, 0.008}};
  m.transitions.push_back(piecewise);
  model::Transition weibull;
  weibull.from = job;
  weibull.to = jobparat;
  weibull.hazard.kind = model::Hazard::Kind::weibull;
  weibull.hazard.shape = 0.8;
  weibull.hazard.scale = 200;
  m.transitions.push_back(weibull);
  test::add_exit(m, praktik, job, 0.3);
  test::add_return(m, praktik, 0.7);
  model::MeetingTrack track;
  track.name = "opfoelgning";
  track.states = {jobparat, aktivitetsparat};
  track.outcomes = {{jobparat, praktik, 0.10}, {aktivitetsparat, praktik, 0.08}};
  m.meetings.push_back(track);
  test::add_inflow(m, jobparat, 500);
  test::add_inflow(m, jobparat, 800);
  test::add_initial(m, aktivitetsparat, 400);
  return m;
}

}  // namespace

TEST_CASE("DOT export draws every hazard, exit and meeting outcome with its label", "[graph]") {
  const auto dot = graph::to_dot(spec_like_model(), "mellemstor-kommune");
  CHECK_THAT(dot, Contains("digraph \"mellemstor-kommune\" {"));
  CHECK_THAT(dot, Contains("\"jobparat\" -> \"job\" [label=\"0.030/wk\"];"));
  CHECK_THAT(dot, Contains("\"aktivitetsparat\" -> \"jobparat\" [label=\"piecewise\"];"));
  CHECK_THAT(dot, Contains("\"job\" -> \"jobparat\" [label=\"weibull k=0.8\"];"));
  CHECK_THAT(dot, Contains("\"praktik\" -> \"job\" [color=\"#1f5fa0\", fontcolor=\"#1f5fa0\", label=\"0.30\"];"));
  // return goes back to both states whose meetings send citizens to praktik
  CHECK_THAT(dot, Contains("\"praktik\" -> \"jobparat\" [color=\"#1f5fa0\", fontcolor=\"#1f5fa0\", label=\"return 0.70\"];"));
  CHECK_THAT(dot,
             Contains("\"praktik\" -> \"aktivitetsparat\" [color=\"#1f5fa0\", fontcolor=\"#1f5fa0\", label=\"return 0.70\"];"));
  CHECK_THAT(dot, Contains("\"jobparat\" -> \"praktik\" [style=dashed, label=\"opfoelgning 0.10\"];"));
  CHECK_THAT(dot, Contains("\"aktivitetsparat\" -> \"praktik\" [style=dashed, label=\"opfoelgning 0.08\"];"));
  CHECK_THAT(dot, Contains("\"(inflow)\" -> \"jobparat\" [style=dotted, label=\"1300/yr\"];"));
  CHECK_THAT(dot, Contains("\"(initial)\" -> \"aktivitetsparat\" [style=dotted, label=\"400\"];"));
}

TEST_CASE("DOT export styles programme, self-supporting and slot-limited states apart", "[graph]") {
  const auto dot = graph::to_dot(spec_like_model(), "x");
  CHECK_THAT(dot, Contains("\"praktik\" [shape=box, style=filled, fillcolor=\"#d6e6f5\", penwidth=2.5, "
                           "label=\"praktik\\nbenefit: group\\nfixed 13 wk\\nslots: praktikpladser (capacity 40)\"];"));
  CHECK_THAT(dot, Contains("\"job\" [shape=ellipse, style=filled, fillcolor=\"#b7e1a1\", label=\"job\\nself-supporting\"];"));
  CHECK_THAT(dot, Contains("\"jobparat\" [shape=ellipse, style=filled, fillcolor=\"#fbecc0\", "
                           "label=\"jobparat\\nbenefit: group\"];"));
}

TEST_CASE("DOT export is deterministic and escapes quotes in names", "[graph]") {
  auto m = spec_like_model();
  m.states[0].name = "job\"parat";
  const auto a = graph::to_dot(m, "x");
  CHECK(a == graph::to_dot(m, "x"));
  CHECK_THAT(a, Contains("\"job\\\"parat\" -> \"job\""));
}
