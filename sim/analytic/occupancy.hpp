#pragma once
/// @file occupancy.hpp
/// Expected occupancy per reported week, and expected benefit person-weeks and cost per budget
/// year, from the Markov form: x(t+h) = x(t) e^{Qh} + ∫_0^h λ e^{Qs} ds, with the integral and
/// the occupancy's own integral (for budget years) taken in one augmented matrix exponential.

#include <iosfwd>
#include <string>
#include <vector>

#include "analytic/markov_form.hpp"
#include "model/spec.hpp"

namespace caseflow::analytic {

/// Expected benefit totals over one budget year (or the whole horizon).
struct YearTotals {
  std::string year;                ///< "2025", …, or "total"
  double fte_on_benefit = 0.0;     ///< person-weeks on a benefit / 52
  double benefit_gross = 0.0;      ///< DKK
  double benefit_municipal = 0.0;  ///< DKK; meaningful only if ArmOccupancy::municipal_available
};

/// The analytic result for one arm.
struct ArmOccupancy {
  std::string arm;
  std::vector<std::string> states;        ///< model order
  std::vector<std::vector<double>> mean;  ///< [week 0 .. reported_weeks-1][state]
  std::vector<YearTotals> years;          ///< one per budget year, then "total"
  /// The municipal share is exact only under a flat refund schedule (one step): otherwise it
  /// depends on each citizen's cumulative benefit clock, which the chain does not keep.
  bool municipal_available = true;
  std::string municipal_note;      ///< why not, when not
  bool approximate = false;        ///< phase expansion was used
  int micro_states = 0;            ///< size of the chain (summed over group chains)
  std::vector<std::string> notes;  ///< assumptions worth telling the user
};

/// Solves arm `arm` of `scenario`. Throws NotMarkov (with every problem) if it has no Markov form.
/// Time runs from the warm-up's start (scenario start minus warmup_years) where the initial
/// stock is placed; effects are on while the arm is active ([start_week, end_week)).
ArmOccupancy expected_occupancy(const model::Scenario& scenario, std::size_t arm, const Options& options);

/// `arm,week,date,state,mean`: one row per arm × week × state, 6 significant digits (the
/// simulator's occupancy.csv layout, so the two can be joined on arm,week,state).
void write_occupancy_csv(std::ostream& out, const model::Scenario& scenario, const std::vector<ArmOccupancy>& arms);

/// `arm,year,fte_on_benefit,benefit_gross,benefit_municipal` (the first columns of the
/// simulator's budget.csv); benefit_municipal is left empty where it is not available.
void write_budget_csv(std::ostream& out, const std::vector<ArmOccupancy>& arms);

}  // namespace caseflow::analytic
