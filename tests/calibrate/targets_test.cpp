#include <catch2/catch.hpp>

#include "calibrate/targets.hpp"
#include "io/diagnostics.hpp"
#include "io/scenario_loader.hpp"

using Catch::Matchers::Contains;
using caseflow::calibrate::Target;

namespace {

caseflow::model::Scenario two_rates() { return caseflow::io::load_scenario(std::string(CASEFLOW_TEST_DATA) + "/calibrate/two_rates.yaml"); }

std::vector<std::string> errors_of(const std::string& csv) {
  try {
    caseflow::calibrate::parse_targets(csv, "t.csv", two_rates(), 0);
  } catch (const caseflow::io::InputError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.format());
    return out;
  }
  return {};
}

}  // namespace

TEST_CASE("Targets resolve stocks, flows from states or inflow, and exit shares with a minimum spell", "[calibrate]") {
  const auto targets = caseflow::calibrate::parse_targets(
      "kind,year_or_week,state_or_from,to,value\n"
      "# a comment line\n"
      "stock,52,b,,480\n"
      "flow,2026,inflow,a,600\n"
      "flow,2025,a,job,900.5\n"
      "exit_share,13,a,52,0.135\n",
      "t.csv", two_rates(), 0);
  REQUIRE(targets.size() == 4);
  CHECK(targets[0].kind == Target::Kind::stock);
  CHECK(targets[0].week == 52);
  CHECK(targets[0].from == 1);
  CHECK(targets[0].scale == 480.0);
  CHECK(targets[1].kind == Target::Kind::flow);
  CHECK(targets[1].from == -1);
  CHECK(targets[1].to_state == 0);
  CHECK(targets[1].year_index == 1);
  CHECK(targets[2].from == 0);
  CHECK(targets[2].to_state == 2);
  CHECK(targets[2].year_index == 0);
  CHECK(targets[3].kind == Target::Kind::exit_share);
  CHECK(targets[3].week == 13);
  CHECK(targets[3].min_spell_weeks == 52.0);
  CHECK(targets[3].line == 6);
}

TEST_CASE("Optional sd and weight columns set the residual scale and weight", "[calibrate]") {
  const auto targets = caseflow::calibrate::parse_targets("weight,kind,year_or_week,state_or_from,to,value,sd\n2,stock,0,a,,1500,30\n",
                                                          "t.csv", two_rates(), 0);
  REQUIRE(targets.size() == 1);
  CHECK(targets[0].scale == 30.0);
  CHECK(targets[0].weight == 2.0);
  CHECK(targets[0].value == 1500.0);
}

TEST_CASE("Every bad target row is reported with its file, line, column and what was expected", "[calibrate]") {
  const auto errors = errors_of(
      "kind,year_or_week,state_or_from,to,value\n"
      "stok,10,a,,100\n"
      "stock,200,a,,100\n"
      "stock,10,jbo,,100\n"
      "flow,2031,a,job,50\n"
      "flow,2025,inflow,job,abc\n"
      "exit_share,26,a,x,0.3\n"
      "exit_share,26,a,,1.3\n"
      "stock,1,a\n");
  REQUIRE(errors.size() == 8);
  CHECK_THAT(errors[0], Contains("t.csv:2:1: error: kind: unknown kind 'stok'; did you mean 'stock'?"));
  CHECK_THAT(errors[1], Contains("t.csv:3:7: error: year_or_week: week 200 is beyond the horizon (reported weeks are 0..104)"));
  CHECK_THAT(errors[2], Contains("t.csv:4:10: error: state_or_from: unknown state 'jbo'; did you mean 'job'?"));
  CHECK_THAT(errors[3], Contains("t.csv:5:6: error: year_or_week: year 2031 is outside the reported years (2025..2026)"));
  CHECK_THAT(errors[4], Contains("t.csv:6:22: error: value: expected a finite number, found 'abc'"));
  CHECK_THAT(errors[5], Contains("t.csv:7:17: error: to: expected a minimum spell length in weeks >= 0 or nothing, found 'x'"));
  CHECK_THAT(errors[6], Contains("t.csv:8:18: error: value: an exit share is in [0, 1], found 1.3"));
  CHECK_THAT(errors[7], Contains("t.csv:9:1: error: expected 5 fields as in the header, found 3"));
}

TEST_CASE("A targets file without the required header columns is refused", "[calibrate]") {
  const auto errors = errors_of("kind,week,state,value\nstock,1,a,3\n");
  REQUIRE(errors.size() >= 2);
  bool unknown = false, missing = false;
  for (const auto& e : errors) {
    unknown = unknown || e.find("t.csv:1:6: error: unknown column 'week'") != std::string::npos;
    missing = missing || e.find("t.csv:1:1: error: missing column 'year_or_week' in the header") != std::string::npos;
  }
  CHECK(unknown);
  CHECK(missing);
}
