#include <catch2/catch.hpp>

#include "report/format.hpp"
#include "report/svg_chart.hpp"

using namespace caseflow::report;

TEST_CASE("Numbers use Danish or English separators and a true minus sign", "[report]") {
  CHECK(format_number(-1234567.8, 0, Lang::da) == "-1.234.568");
  CHECK(format_number(1234.56, 1, Lang::da) == "1.234,6");
  CHECK(format_number(1234.56, 1, Lang::en) == "1,234.6");
  CHECK(format_number(-0.4, 0, Lang::da) == "0");
  CHECK(format_thousands_dkk(-346385.68, Lang::da) == "-346");
  CHECK(format_percent(0.25, Lang::da) == "25\u00a0%");
  CHECK(format_percent(1.0, Lang::en) == "100%");
}

TEST_CASE("Axis ticks are round numbers that cover the data", "[report]") {
  const auto t = nice_ticks(-982.3, 606.0, 5);
  REQUIRE(t.size() >= 3);
  CHECK(t.front() <= -982.3);
  CHECK(t.back() >= 606.0);
  CHECK(t[1] - t[0] == Approx(500.0).margin(1e-9));
  CHECK(std::find(t.begin(), t.end(), 0.0) != t.end());
}
