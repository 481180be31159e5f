#include <catch2/catch.hpp>

#include "yaml.hpp"

#include "calibrate/scenario_edit.hpp"
#include "io/diagnostics.hpp"
#include "io/yaml_tree.hpp"

using Catch::Matchers::Contains;
using namespace caseflow;

namespace {

io::Node parse(const std::string& text) { return caseflow::testing::parse_yaml_text(text); }

}  // namespace

TEST_CASE("A fitted value replaces exactly its token and the line says what it was", "[calibrate]") {
  const std::string text =
      "# header comment\r\n"
      "transitions:\r\n"
      "  jobparat:   # ø comment\r\n"
      "    job: {piecewise: [[0, 0.060], [13, 0.035], [52, 0.005]], clock: spell}   # keep me\r\n"
      "    uddannelse: {rate: 0.003}\r\n";
  const io::Node root = parse(text);
  calibrate::ScalarLocation late, early, rate;
  REQUIRE(calibrate::locate_scalar(root, "transitions.jobparat.job.piecewise[2][1]", late).empty());
  REQUIRE(calibrate::locate_scalar(root, "transitions.jobparat.job.piecewise[1][1]", early).empty());
  REQUIRE(calibrate::locate_scalar(root, "transitions.jobparat.uddannelse.rate", rate).empty());
  CHECK(late.line == 4);
  CHECK(late.text == "0.005");
  const std::string edited = calibrate::replace_scalars(
      text, {{late, "0.00417"}, {early, "0.04"}, {rate, "0.0031"}});
  CHECK(edited ==
        "# header comment\r\n"
        "transitions:\r\n"
        "  jobparat:   # ø comment\r\n"
        "    job: {piecewise: [[0, 0.060], [13, 0.04], [52, 0.00417]], clock: spell}   # keep me  # calibrated: was 0.035, 0.005\r\n"
        "    uddannelse: {rate: 0.0031}  # calibrated: was 0.003\r\n");
}

TEST_CASE("Locating a free value names what is wrong with its path", "[calibrate]") {
  const io::Node root = parse("transitions:\n  a: {job: {rate: 0.1}}\nname: \"x\"\nlist: [1, 2]\n");
  calibrate::ScalarLocation at;
  CHECK_THAT(calibrate::locate_scalar(root, "transitions.a.jbo.rate", at), Contains("no key 'jbo' in 'transitions.a'; did you mean 'job'?"));
  CHECK_THAT(calibrate::locate_scalar(root, "transitions.a.job", at), Contains("expected a number written in the scenario file, found a map"));
  CHECK_THAT(calibrate::locate_scalar(root, "list[5]", at), Contains("index [5] is out of range ('list' has 2 items)"));
  CHECK_THAT(calibrate::locate_scalar(root, "name", at), Contains("quoted"));
  CHECK(calibrate::locate_scalar(root, "list[1]", at).empty());
  // The same parser as --set and sweep parameters: `a[0]b` is malformed everywhere.
  CHECK(calibrate::locate_scalar(root, "list[0]x", at) == "expected '.' or '[' after ']'");
  CHECK(at.line == 4);
  CHECK(at.column == 11);
}
