#include <catch2/catch.hpp>

#include "engine/calendar.hpp"

using caseflow::engine::Calendar;
using caseflow::engine::Date;

TEST_CASE("A calendar year is 52 weeks and one day (two in a leap year)", "[engine]") {
  const Calendar c(Date{2025, 1, 1}, 4, 0);
  const auto& years = c.budget_years();
  REQUIRE(years.size() == 4);
  CHECK(years[0].year == 2025);
  CHECK(years[0].end_week - years[0].begin_week == Approx(52.0 + 1.0 / 7.0));
  CHECK(years[3].year == 2028);
  CHECK(years[3].end_week - years[3].begin_week == Approx(52.0 + 2.0 / 7.0));
  CHECK(c.horizon() == Approx((365.0 * 3 + 366.0) / 7.0));
  CHECK(c.reported_weeks() == 209);  // weeks 0..208 lie before the horizon at 208.71
}

TEST_CASE("A start inside a year clips the first and last budget years", "[engine]") {
  const Calendar c(Date{2025, 7, 1}, 1, 2);
  const auto& years = c.budget_years();
  REQUIRE(years.size() == 2);
  CHECK(years[0].year == 2025);
  CHECK(years[0].begin_week == 0.0);
  CHECK(years[0].end_week == Approx(184.0 / 7.0));  // 1 July to 1 January: 184 days
  CHECK(years[1].end_week == Approx(365.0 / 7.0));
  CHECK(c.simulation_begin() == Approx(-(365.0 + 366.0) / 7.0));  // 2023-07-01
}

TEST_CASE("Dates parse strictly and convert both ways", "[engine]") {
  Date d;
  CHECK(Date::parse("2024-02-29", d));
  CHECK_FALSE(Date::parse("2025-02-29", d));
  CHECK_FALSE(Date::parse("2025-1-01", d));
  CHECK_FALSE(Date::parse("next year", d));
  const Calendar c(Date{2025, 1, 1}, 1, 0);
  CHECK(c.date_of_week(0).iso() == "2025-01-01");
  CHECK(c.date_of_week(52).iso() == "2025-12-31");
  CHECK(c.week_of(Date{2024, 12, 25}) == Approx(-1.0));
}
