#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "process.hpp"

using namespace caseflow::testing;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

TEST_CASE("caseflow validate prints ok with the counts for a good file and exits 0", "[graph][cli]") {
  const TempDir logs("graph-cli");
  const auto r = run_caseflow({"validate", "tests/data/analytic/programme_return.yaml", "tests/data/analytic/intervention.yaml"}, logs.path());
  CHECK(r.status() == 0);
  CHECK(r.out ==
        "ok: analytic-programme-return (5 tilstande, 10 overgange, 1 arm)\n"
        "ok: analytic-intervention (4 tilstande, 6 overgange, 2 arme)\n");
  CHECK(r.err.empty());
  const auto en = run_caseflow({"validate", "--lang", "en", "tests/data/analytic/programme_return.yaml", "tests/data/analytic/intervention.yaml"},
                               logs.path());
  CHECK(en.out ==
        "ok: analytic-programme-return (5 states, 10 transitions, 1 arm)\n"
        "ok: analytic-intervention (4 states, 6 transitions, 2 arms)\n");
}

TEST_CASE("caseflow validate reports graph errors at their lines, goes on to the next file and exits 2", "[graph][cli]") {
  const TempDir logs("graph-cli");
  const auto r = run_caseflow({"validate", "tests/data/analytic/unreachable.yaml", "tests/data/analytic/two_states.yaml"}, logs.path());
  CHECK(r.status() == 2);
  CHECK(r.out == "ok: analytic-two-states (2 tilstande, 2 overgange, 1 arm)\n");
  CHECK_THAT(r.err, Contains("tests/data/analytic/unreachable.yaml:19:3: error: states.ressourceforloeb: state "
                             "'ressourceforloeb' cannot be reached from any inflow or initial state\n"));
  CHECK_THAT(r.err, Contains("tests/data/analytic/unreachable.yaml:20:3: warning: states.foertidspension: no path "
                             "leads from state 'foertidspension' to a self-supporting state"));
  CHECK_THAT(r.err, Contains("tests/data/analytic/unreachable.yaml:21:3: error: states.screening: programmes "
                             "'screening', 'visitering' all have duration 0"));
}

TEST_CASE("caseflow validate passes the loader's own errors through", "[graph][cli]") {
  const TempDir logs("validate-bad");
  const auto file = logs.path() / "bad.yaml";
  {
    std::ofstream out(file);
    out << read_text(CASEFLOW_SOURCE_DIR "/tests/data/analytic/two_states.yaml");
    out << "bogus_key: 1\n";
  }
  const auto r = run_caseflow({"validate", file.string()}, logs.path());
  CHECK(r.status() == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Contains(file.string() + ":") && Contains("error:") && Contains("bogus_key"));
}

TEST_CASE("caseflow graph prints DOT for the baseline or a named arm", "[graph][cli]") {
  const TempDir logs("graph-cli");
  const auto r = run_caseflow({"graph", "tests/data/analytic/intervention.yaml"}, logs.path());
  CHECK(r.status() == 0);
  CHECK_THAT(r.out, StartsWith("digraph \"analytic-intervention\" {"));
  CHECK_THAT(r.out, Contains("\"aktivitetsparat\" -> \"kursus\" [label=\"0.020/wk\"];"));
  CHECK_THAT(r.out,
             Contains("\"kursus\" -> \"aktivitetsparat\" [color=\"#1f5fa0\", fontcolor=\"#1f5fa0\", label=\"return 0.40\"];"));
  const auto arm = run_caseflow({"graph", "tests/data/analytic/intervention.yaml", "--arm", "mentor"}, logs.path());
  CHECK(arm.status() == 0);
  CHECK_THAT(arm.out, Contains("\"aktivitetsparat\" -> \"kursus\" [label=\"0.040/wk\"];"));
  const auto unknown = run_caseflow({"graph", "tests/data/analytic/intervention.yaml", "--arm", "mentr"}, logs.path());
  CHECK(unknown.status() == 2);
  CHECK_THAT(unknown.err, Contains("--arm: unknown arm 'mentr' (expected one of: baseline, mentor)"));
}
