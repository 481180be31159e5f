#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "engine/calendar.hpp"
#include "model/results.hpp"

using namespace caseflow;

TEST_CASE("Year index of a week is the budget year containing it, begin inclusive and end exclusive", "[model]") {
  // Starting mid-year: the first budget year is clipped (2025-07-01 .. 2026-01-01), then whole
  // calendar years, the last one clipped at the horizon.
  const engine::Calendar calendar(engine::Date{2025, 7, 1}, 3, 1);
  const model::YearAxis years(calendar.budget_years());
  REQUIRE(years.size() == 4);
  CHECK(years.index_of(-1.0) == -1);  // warm-up: not reported
  CHECK(years.index_of(0.0) == 0);
  CHECK(years.index_of(std::nextafter(years.end(0), 0.0)) == 0);
  CHECK(years.index_of(years.end(0)) == 1);
  CHECK(years.index_of(years.begin(3)) == 3);
  CHECK(years.index_of(std::nextafter(calendar.horizon(), 0.0)) == 3);
  CHECK(years.index_of(calendar.horizon()) == -1);
  CHECK(years.index_of(std::numeric_limits<double>::quiet_NaN()) == -1);
  CHECK(years.index_of(std::numeric_limits<double>::infinity()) == -1);
  // Everywhere on a fine grid, the same answer as the definition (the year whose interval
  // holds the week).
  for (double t = -60.0; t < calendar.horizon() + 60.0; t += 1.0 / 7.0) {
    int expected = -1;
    for (int i = 0; i < years.size(); ++i) {
      if (t >= years.begin(i) && t < years.end(i)) expected = i;
    }
    REQUIRE(years.index_of(t) == expected);
  }
}
