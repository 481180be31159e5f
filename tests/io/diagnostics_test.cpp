// Diagnostics: GCC-style formatting, sorting, and "did you mean" suggestions.

#include <catch2/catch.hpp>

#include "io/diagnostics.hpp"

namespace io = caseflow::io;

TEST_CASE("Diagnostics format as FILE:LINE:COLUMN: severity: KEY.PATH: message", "[io]") {
  using S = io::Diagnostic::Severity;
  CHECK(io::Diagnostic{S::error, "a.yaml", 14, 11, "transitions.jobparat.job.rate", "expected a number >= 0, got \"fast\""}
            .format() == "a.yaml:14:11: error: transitions.jobparat.job.rate: expected a number >= 0, got \"fast\"");
  CHECK(io::Diagnostic{S::warning, "a.yaml", 3, 1, "", "something"}.format() == "a.yaml:3:1: warning: something");
  CHECK(io::Diagnostic{S::error, "a.yaml", 0, 0, "", "cannot read"}.format() == "a.yaml: error: cannot read");
}

TEST_CASE("The sink throws once, with the errors sorted by file, line and column", "[io]") {
  io::DiagnosticSink sink;
  sink.error("b.yaml", 1, 1, "", "third");
  sink.error("a.yaml", 9, 2, "x", "second");
  sink.warning("a.yaml", 1, 1, "", "a warning");
  sink.error("a.yaml", 2, 7, "y", "first");
  CHECK(sink.has_errors());
  CHECK(sink.warnings().size() == 1);
  try {
    sink.throw_if_errors();
    FAIL("expected InputError");
  } catch (const io::InputError& e) {
    REQUIRE(e.diagnostics().size() == 3);
    CHECK(e.diagnostics()[0].message == "first");
    CHECK(e.diagnostics()[1].message == "second");
    CHECK(e.diagnostics()[2].message == "third");
    CHECK(std::string(e.what()) == "a.yaml:2:7: error: y: first\na.yaml:9:2: error: x: second\nb.yaml:1:1: error: third");
  }
  io::DiagnosticSink only_warnings;
  only_warnings.warning("a.yaml", 1, 1, "", "w");
  CHECK_NOTHROW(only_warnings.throw_if_errors());
}

TEST_CASE("closest_match suggests near misses, truncations and Danish spellings, not strangers", "[io]") {
  const std::vector<std::string> pool_keys{"fte", "meetings_per_fte_week", "caseload_per_fte", "fte_changes"};
  CHECK(io::closest_match("caseload_per_ft", pool_keys) == "caseload_per_fte");
  CHECK(io::closest_match("caseload", pool_keys) == "caseload_per_fte");
  CHECK(io::closest_match("Fte", pool_keys) == "fte");
  CHECK(io::closest_match("jbo", {"jobparat", "job", "praktik"}) == "job");
  CHECK(io::closest_match("loentilskud", {"løntilskud", "jobparat"}) == "løntilskud");
  CHECK(io::closest_match("sd", pool_keys).empty());
  CHECK(io::closest_match("b", {"a", "c"}).empty());  // one letter in common is no evidence
  CHECK(io::closest_match("zzzzzzz", pool_keys).empty());
  CHECK(io::closest_match("", pool_keys).empty());
}
