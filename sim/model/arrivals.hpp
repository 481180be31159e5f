#pragma once
/// @file arrivals.hpp
/// The arrival times of one inflow source over the simulated period: a pure function of the
/// source's random stream, its rates and the calendar, used by the simulation before it runs.
///
/// `per_year` means per calendar year: in calendar year Y the rate is per_year / weeks_in_year(Y)
/// citizens a week (engine::Calendar::weeks_in_year), so every calendar year, leap or not,
/// brings `per_year` arrivals on average. An arm may change the rate while it is active, in
/// [arm_from, arm_until). The process is a time change of one unit-rate Poisson process: the
/// k-th arrival comes when the integrated rate reaches the sum of k unit exponentials (draws
/// 0, 1, 2, … of the stream), so a rate that changes from a date on moves only the arrivals
/// after that date. Where the arm's rate equals the baseline's, the arithmetic is the
/// baseline's, so the times agree to the bit.
///
/// draw_arrivals (arrivals.cpp) gives every arrival of a run, all sources merged, before the
/// run starts: a pure function of the scenario, the arm, the sources and the streams.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/random_stream.hpp"
#include "model/spec.hpp"

namespace caseflow::model {

struct ArrivalRates {
  double base_per_year = 0.0;  ///< outside the arm's active period
  double arm_per_year = 0.0;   ///< inside it
  double arm_from = 0.0;       ///< the arm's active period [arm_from, arm_until); empty if equal
  double arm_until = 0.0;
};

/// Calls `on_arrival(time)` for every arrival in the simulated period, in time order.
template <class OnArrival>
void for_each_arrival(const engine::RandomStream& stream, const ArrivalRates& rates, const engine::Calendar& calendar,
                      OnArrival&& on_arrival) {
  const bool arm_differs = rates.arm_per_year != rates.base_per_year && rates.arm_from < rates.arm_until;
  double unit_clock = 0.0;  // the integrated rate at the start of the current segment
  std::uint64_t n = 0;
  double next = stream.exponential(n++);  // the integrated rate at which the next arrival comes
  // One segment of constant rate [a, b).
  const auto segment = [&](double a, double b, double rate) {
    if (b <= a || rate <= 0.0) return;
    for (;;) {
      const double t = a + (next - unit_clock) / rate;
      if (!(t < b)) break;
      on_arrival(t);
      next += stream.exponential(n++);
    }
    unit_clock += rate * (b - a);
  };
  for (const engine::BudgetYear& year : calendar.simulated_years()) {
    const double weeks = engine::Calendar::weeks_in_year(year.year);
    const double base = rates.base_per_year / weeks;
    if (!arm_differs) {
      segment(year.begin_week, year.end_week, base);
      continue;
    }
    const double arm = rates.arm_per_year / weeks;
    const double from = std::clamp(rates.arm_from, year.begin_week, year.end_week);
    const double until = std::clamp(rates.arm_until, year.begin_week, year.end_week);
    segment(year.begin_week, from, base);
    segment(from, until, arm);
    segment(until, year.end_week, base);
  }
}

struct CitizenSource;

/// One arrival: when, from which source (an index into the run's sources) and which citizen of
/// that source it is.
struct Arrival {
  double time;
  std::uint32_t source;
  std::uint32_t index;
};

/// Every arrival of arm `arm`'s run over the simulated period, in (time, source) order. Each
/// source's times come from its own stream (purpose kArrivalTimesPurpose) at the rates of
/// arrival_rates (the baseline's outside the arm's active period, the arm's inside it).
std::vector<Arrival> draw_arrivals(const Scenario& scenario, std::size_t arm, const std::vector<CitizenSource>& sources,
                                   const engine::StreamFamily& streams, const engine::Calendar& calendar);

}  // namespace caseflow::model
