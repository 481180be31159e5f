#pragma once
/// @file calendar.hpp
/// Civil dates and the map between simulated time (weeks, real numbers) and the calendar.
/// Week 0 is the scenario's start date; budget years are calendar years.

#include <cstdint>
#include <string>
#include <vector>

namespace caseflow::engine {

/// A proleptic Gregorian date.
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  /// Days since 1970-01-01.
  [[nodiscard]] std::int64_t days_since_epoch() const;
  static Date from_days_since_epoch(std::int64_t days);
  /// Parses YYYY-MM-DD; returns false on anything else (including 2025-02-30).
  static bool parse(const std::string& text, Date& out);
  [[nodiscard]] std::string iso() const;
  /// The same month and day `n` years later (29 February falls back to the 28th).
  [[nodiscard]] Date plus_years(int n) const;
  friend bool operator==(const Date&, const Date&) = default;
};

/// One reported calendar year, as an interval of simulated weeks.
struct BudgetYear {
  int year = 0;
  double begin_week = 0.0;  ///< inclusive
  double end_week = 0.0;    ///< exclusive
};

/// Time axis of a scenario: start date, reported horizon, warm-up.
class Calendar {
 public:
  Calendar() = default;
  Calendar(Date start, int years, int warmup_years);

  [[nodiscard]] const Date& start() const { return start_; }
  /// Weeks from start to `date` (negative before the start).
  [[nodiscard]] double week_of(const Date& date) const;
  [[nodiscard]] Date date_of_week(double week) const;
  /// First simulated instant (the warm-up's beginning), in weeks (<= 0).
  [[nodiscard]] double simulation_begin() const { return begin_week_; }
  /// End of the reported horizon, in weeks.
  [[nodiscard]] double horizon() const { return horizon_week_; }
  /// Calendar years overlapping the simulated period [simulation_begin, horizon), warm-up
  /// included, clipped to it.
  [[nodiscard]] const std::vector<BudgetYear>& simulated_years() const& { return simulated_years_; }
  const std::vector<BudgetYear>& simulated_years() const&& = delete;
  /// The length of calendar year `year` in weeks (365 or 366 days / 7). This is the one
  /// definition of "a year" for rates: `per_year` means per calendar year (an inflow of
  /// `per_year` brings that many citizens in every calendar year, leap or not) and a
  /// helårsperson is a full calendar year on benefit.
  [[nodiscard]] static double weeks_in_year(int year);
  /// Calendar years overlapping [0, horizon), clipped to that interval.
  [[nodiscard]] const std::vector<BudgetYear>& budget_years() const& { return years_; }
  /// Not on a temporary: the reference would dangle (`scenario.calendar().budget_years()`).
  const std::vector<BudgetYear>& budget_years() const&& = delete;
  /// Index into budget_years() of the year containing `week`, or -1 outside the horizon.
  [[nodiscard]] int year_index(double week) const;
  /// Number of whole reported weeks (week 0 .. weeks()-1 are reported).
  [[nodiscard]] int reported_weeks() const;

 private:
  Date start_{};
  double begin_week_ = 0.0;
  double horizon_week_ = 0.0;
  std::vector<BudgetYear> years_;
  std::vector<BudgetYear> simulated_years_;
};

}  // namespace caseflow::engine
