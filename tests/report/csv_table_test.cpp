#include <catch2/catch.hpp>

#include "report/csv_table.hpp"
#include "report/json_lite.hpp"
#include "report/report_error.hpp"

using caseflow::report::CsvTable;
using caseflow::report::InputError;
using Catch::Matchers::Contains;

TEST_CASE("CSV reader keeps quoted commas, doubled quotes and line breaks inside a field", "[report]") {
  const auto t = CsvTable::parse("arm,description\nx,\"two, \"\"quoted\"\"\nlines\"\r\ny,plain\n", "a.csv");
  REQUIRE(t.rows() == 2);
  CHECK(t.text(0, t.column("description")) == "two, \"quoted\"\nlines");
  CHECK(t.text(1, t.column("description")) == "plain");
  CHECK(t.line_of(1) == 4);
}

TEST_CASE("CSV reader finds columns by name so extra columns may follow", "[report]") {
  const auto t = CsvTable::parse("b,a,extra\n1.5,-2e3,zz\n", "a.csv");
  CHECK(t.number(0, t.column("a")) == Approx(-2000.0).margin(1e-12));
  CHECK(t.number(0, t.column("b")) == Approx(1.5).margin(1e-12));
  REQUIRE_THROWS_WITH(t.column("net"), Contains("a.csv:1:1: error: missing column 'net'"));
}

TEST_CASE("CSV reader reports a short row and a bad number with file, line and column", "[report]") {
  REQUIRE_THROWS_WITH(CsvTable::parse("a,b\n1,2\n3\n", "short.csv"),
                      Contains("short.csv:3:1: error: row has 1 fields (expected 2"));
  const auto t = CsvTable::parse("arm,net\nbaseline,abc\n", "bad.csv");
  REQUIRE_THROWS_WITH(t.number(0, 1), Contains("bad.csv:2:10: error: net: expected a finite number, found \"abc\""));
}

TEST_CASE("Manifest JSON reader reads strings, numbers and arrays and reports syntax errors", "[report]") {
  const auto v = caseflow::report::parse_json(R"({"seed": 20251122, "arms": ["baseline", "x"], "name": "K\u00f8ge"})", "m.json");
  CHECK(v.text_of("seed") == "20251122");
  CHECK(v.text_of("arms") == "baseline, x");
  CHECK(v.text_of("name") == "K\xC3\xB8ge");
  REQUIRE_THROWS_WITH(caseflow::report::parse_json("{\n  \"a\": }", "m.json"), Contains("m.json:2:8: error"));
}
