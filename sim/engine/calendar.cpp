#include "engine/calendar.hpp"

#include <cmath>
#include <cstdio>

namespace caseflow::engine {
namespace {

// Howard Hinnant's days-from-civil algorithm (public domain), proleptic Gregorian.
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153u * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2u) / 5u + static_cast<unsigned>(d) - 1u;
  const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

constexpr double kDaysPerWeek = 7.0;

}  // namespace

std::int64_t Date::days_since_epoch() const { return days_from_civil(year, month, day); }

Date Date::from_days_since_epoch(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const auto y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
  return Date{y, static_cast<int>(m), static_cast<int>(d)};
}

bool Date::parse(const std::string& text, Date& out) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
  out = Date{y, m, d};
  return true;
}

std::string Date::iso() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

Date Date::plus_years(int n) const {
  const int y = year + n;
  return Date{y, month, std::min(day, days_in_month(y, month))};
}

Calendar::Calendar(Date start, int years, int warmup_years) : start_(start) {
  begin_week_ = week_of(start.plus_years(-warmup_years));
  const Date end = start.plus_years(years);
  horizon_week_ = week_of(end);
  for (int y = start.year; y <= end.year; ++y) {
    const double begin = std::max(0.0, week_of(Date{y, 1, 1}));
    const double finish = std::min(horizon_week_, week_of(Date{y + 1, 1, 1}));
    if (finish > begin) years_.push_back(BudgetYear{y, begin, finish});
  }
  for (int y = start.year - warmup_years - 1; y <= end.year; ++y) {
    const double begin = std::max(begin_week_, week_of(Date{y, 1, 1}));
    const double finish = std::min(horizon_week_, week_of(Date{y + 1, 1, 1}));
    if (finish > begin) simulated_years_.push_back(BudgetYear{y, begin, finish});
  }
}

double Calendar::weeks_in_year(int year) { return (is_leap(year) ? 366.0 : 365.0) / kDaysPerWeek; }

double Calendar::week_of(const Date& date) const {
  return static_cast<double>(date.days_since_epoch() - start_.days_since_epoch()) / kDaysPerWeek;
}

Date Calendar::date_of_week(double week) const {
  const auto days = static_cast<std::int64_t>(std::floor(week * kDaysPerWeek + 1e-9));
  return Date::from_days_since_epoch(start_.days_since_epoch() + days);
}

int Calendar::year_index(double week) const {
  for (std::size_t i = 0; i < years_.size(); ++i) {
    if (week >= years_[i].begin_week && week < years_[i].end_week) return static_cast<int>(i);
  }
  return -1;
}

int Calendar::reported_weeks() const { return static_cast<int>(std::floor(horizon_week_ - 1e-9)) + 1; }

}  // namespace caseflow::engine
