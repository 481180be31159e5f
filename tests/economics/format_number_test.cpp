// The terminal's number style (issue 16.3): Danish by default, ASCII minus, no "-0".
#include <catch2/catch.hpp>

#include "economics/run_summary.hpp"

using caseflow::economics::format_number;

TEST_CASE("Terminal numbers are Danish by default and English with --lang en", "[economics][lang]") {
  CHECK(format_number(1234567.8, 0) == "1.234.568");
  CHECK(format_number(-1234.56, 1) == "-1.234,6");
  CHECK(format_number(7.1, 1) == "7,1");
  CHECK(format_number(999.6, 0) == "1.000");
  CHECK(format_number(-0.4, 0) == "0");
  CHECK(format_number(-1234.56, 1, true) == "-1,234.6");
  CHECK(format_number(0.0, 2, true) == "0.00");
}
