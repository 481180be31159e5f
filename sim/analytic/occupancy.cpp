#include "analytic/occupancy.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>

#include <fmt/format.h>
#include <unsupported/Eigen/MatrixFunctions>

namespace caseflow::analytic {
namespace {

constexpr double kTimeTolerance = 1e-9;

/// Start of every step: the warm-up's start, every whole week from 0, every budget-year
/// boundary and the arm's start and end, so that each step has one generator and one year.
std::vector<double> time_grid(const engine::Calendar& calendar, const model::Arm& arm) {
  std::vector<double> t{calendar.simulation_begin()};
  const double end = std::max(calendar.horizon(), static_cast<double>(calendar.reported_weeks() - 1));
  for (int w = 0; w <= static_cast<int>(std::ceil(end)); ++w) t.push_back(w);
  // Every 1 January of the simulated period: the inflow rate per week changes with the year's
  // length (engine::Calendar::weeks_in_year).
  for (const auto& y : calendar.simulated_years()) {
    t.push_back(y.begin_week);
    t.push_back(y.end_week);
  }
  for (const double b : {arm.start_week, arm.practice_end_week()}) {
    if (std::isfinite(b) && b > t.front()) t.push_back(b);
  }
  t.push_back(end);
  std::sort(t.begin(), t.end());
  std::vector<double> out;
  for (const double x : t) {
    if (x < calendar.simulation_begin() - kTimeTolerance || x > end + kTimeTolerance) continue;
    if (out.empty() || x - out.back() > kTimeTolerance) out.push_back(x);
  }
  return out;
}

/// exp(A h) of the augmented system d/dt [Y; I; U] = [[Qᵀ, 0, Λ], [1, 0, 0], [0, 0, 0]] [Y; I; U]:
/// applied to [Y0; 0; 1] it gives the occupancy after h and its integral over the step.
class Stepper {
 public:
  Stepper(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& inflow) : n_(Q.rows()), g_(inflow.cols()) {
    const auto size = 2 * n_ + g_;
    A_ = Eigen::MatrixXd::Zero(size, size);
    A_.topLeftCorner(n_, n_) = Q.transpose();
    A_.block(n_, 0, n_, n_) = Eigen::MatrixXd::Identity(n_, n_);
    A_.block(0, 2 * n_, n_, g_) = inflow;
  }

  /// Advances Y (n × groups) by h; returns the integral of Y over the step.
  Eigen::MatrixXd step(Eigen::MatrixXd& Y, double h) {
    const auto key = std::llround(h * 1e9);
    auto it = cache_.find(key);
    if (it == cache_.end()) it = cache_.emplace(key, (A_ * h).exp()).first;
    const auto& E = it->second;
    Eigen::MatrixXd integral = E.block(n_, 0, n_, n_) * Y + E.block(n_, 2 * n_, n_, g_);
    Y = E.block(0, 0, n_, n_) * Y + E.block(0, 2 * n_, n_, g_);
    return integral;
  }

 private:
  Eigen::Index n_;
  Eigen::Index g_;
  Eigen::MatrixXd A_;
  std::map<long long, Eigen::MatrixXd> cache_;
};

/// The benefit a citizen of `group` draws in `state`, or kNone.
int benefit_of(const model::Model& m, const model::State& state, int group) {
  switch (state.benefit_rule) {
    case model::State::BenefitRule::none:
      return model::kNone;
    case model::State::BenefitRule::fixed:
      return state.benefit;
    case model::State::BenefitRule::group:
      return group >= 0 && group < static_cast<int>(m.groups.size()) ? m.groups[static_cast<std::size_t>(group)].benefit
                                                                     : model::kNone;
  }
  return model::kNone;
}

std::string six_digits(double x) {
  if (std::fabs(x) < 5e-13) x = 0.0;  // round-off below the chain's own accuracy
  return fmt::format("{:.6g}", x);
}

/// The result's names and zeroed tables: one row per reported week, one total per budget year
/// and one for the whole horizon ("total").
ArmOccupancy empty_result(const model::Arm& arm, const engine::Calendar& calendar) {
  const auto& m = arm.model;
  const int weeks = calendar.reported_weeks();
  const auto& budget_years = calendar.budget_years();
  ArmOccupancy result;
  result.arm = arm.name;
  for (const auto& s : m.states) result.states.push_back(s.name);
  result.mean.assign(static_cast<std::size_t>(weeks), std::vector<double>(m.states.size(), 0.0));
  result.years.resize(budget_years.size() + 1);
  for (std::size_t y = 0; y < budget_years.size(); ++y) result.years[y].year = std::to_string(budget_years[y].year);
  result.years.back().year = "total";
  return result;
}

/// The weeks [from, until) in which the arm (its model and effects) is active, as the simulator
/// has it: never for the baseline, nor for an arm that starts after the horizon.
struct ActiveSpan {
  double from = model::kInfinity;
  double until = model::kInfinity;
  [[nodiscard]] bool at(double t) const { return t >= from && t < until; }
};

ActiveSpan active_span(const model::Scenario& scenario, std::size_t arm_index, const engine::Calendar& calendar) {
  const auto& arm = scenario.arms.at(arm_index);
  const double begin = calendar.simulation_begin();
  double from = arm_index == 0 ? model::kInfinity : std::max(arm.start_week, begin);
  double until = arm_index == 0 ? model::kInfinity : arm.practice_end_week();
  if (from >= until || from >= calendar.horizon()) from = until = model::kInfinity;
  return {from, until};
}

/// One chain: the group its filters see (kNone: none looks), and the groups it carries.
using GroupChain = std::pair<int, std::vector<int>>;

/// Which groups need their own chain: all in one unless a filter looks at the group. Only groups
/// with an inflow or an initial stock in either regime are carried.
std::vector<GroupChain> group_chains(const model::Scenario& scenario, std::size_t arm_index,
                                     const std::vector<const model::Model*>& regime_model) {
  const auto& arm = scenario.arms.at(arm_index);
  const int group_count = std::max<int>(1, static_cast<int>(arm.model.groups.size()));
  std::vector<bool> present(static_cast<std::size_t>(group_count), false);
  for (const auto* rm : regime_model) {
    for (const auto& f : rm->inflow) present[static_cast<std::size_t>(f.group)] = true;
    for (const auto& i : rm->initial) present[static_cast<std::size_t>(i.group)] = true;
  }
  std::vector<int> all;
  for (int g = 0; g < group_count; ++g) {
    if (present[static_cast<std::size_t>(g)]) all.push_back(g);
  }
  std::vector<GroupChain> chains;
  if (depends_on_group(arm) || depends_on_group(scenario.arms.front())) {
    for (const int g : all) chains.emplace_back(g, std::vector<int>{g});
  } else if (!all.empty()) {
    chains.emplace_back(model::kNone, all);
  }
  return chains;
}

/// True if some initial stock has already spent time in its state (the chain starts every
/// clock at 0, so that time is ignored: said in a note).
bool initial_elapsed_ignored(const model::Model& start_model) {
  bool ignored = false;
  for (const auto& i : start_model.initial) {
    if (!(i.elapsed_weeks.kind == engine::Distribution::Kind::fixed && i.elapsed_weeks.a == 0.0)) ignored = true;
  }
  return ignored;
}

/// What every chain of one arm shares.
struct ArmWalk {
  const engine::Calendar& calendar;
  std::vector<double> grid;                        ///< time_grid()
  ActiveSpan active;                               ///< when regime 1 applies
  std::vector<const model::Model*> regime_model;   ///< [0] the baseline's, [1] the arm's
  int start_regime = 0;                            ///< the regime at the warm-up's start
};

/// The column of `group` among the groups a chain carries (groups.size() if not carried).
Eigen::Index column_of(const std::vector<int>& groups, int group) {
  return static_cast<Eigen::Index>(std::find(groups.begin(), groups.end(), group) - groups.begin());
}

/// One stepper per regime and year length: `per_year` is per calendar year, so the weekly
/// inflow is per_year / (365/7) or per_year / (366/7), as in the simulation (model/arrivals.hpp).
/// Indexed [regime * 2 + leap].
std::vector<Stepper> chain_steppers(const MarkovForm& form, const ArmWalk& walk, const std::vector<int>& groups) {
  const auto n = static_cast<Eigen::Index>(form.size);
  const auto g = static_cast<Eigen::Index>(groups.size());
  std::vector<Stepper> steppers;
  for (std::size_t r = 0; r < 2; ++r) {
    for (const int days : {365, 366}) {
      Eigen::MatrixXd inflow = Eigen::MatrixXd::Zero(n, g);
      for (const auto& f : walk.regime_model[r]->inflow) {
        if (column_of(groups, f.group) == g) continue;
        for (const auto& [micro, p] : form.arrival[r][f.state]) inflow(micro, column_of(groups, f.group)) += f.per_year / (days / 7.0) * p;
      }
      steppers.emplace_back(form.generator[r], inflow);
    }
  }
  return steppers;
}

/// 1 if week `t` falls in a simulated year of 366 days, else 0.
int year_length_index(const engine::Calendar& calendar, double t) {
  for (const auto& y : calendar.simulated_years()) {
    if (t >= y.begin_week && t < y.end_week) return engine::Calendar::weeks_in_year(y.year) > 52.2 ? 1 : 0;
  }
  return 0;
}

/// The initial stock spread over the micro states (n × groups).
Eigen::MatrixXd initial_stock(const MarkovForm& form, const ArmWalk& walk, const std::vector<int>& groups) {
  const auto n = static_cast<Eigen::Index>(form.size);
  const auto g = static_cast<Eigen::Index>(groups.size());
  const auto& start_model = *walk.regime_model[static_cast<std::size_t>(walk.start_regime)];
  Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(n, g);
  for (const auto& i : start_model.initial) {
    if (column_of(groups, i.group) == g) continue;
    for (const auto& [micro, p] : form.arrival[static_cast<std::size_t>(walk.start_regime)][i.state]) {
      Y(micro, column_of(groups, i.group)) += static_cast<double>(i.count) * p;
    }
  }
  return Y;
}

/// Adds the occupancy Y to week `t`'s row when `t` is a whole reported week.
void record_week(ArmOccupancy& result, const MarkovForm& form, const Eigen::MatrixXd& Y, double t) {
  const double w = std::round(t);
  if (std::fabs(t - w) > kTimeTolerance || w < 0 || w >= static_cast<double>(result.mean.size())) return;
  auto& row = result.mean[static_cast<std::size_t>(w)];
  for (Eigen::Index i = 0; i < Y.rows(); ++i) row[form.state_of[static_cast<std::size_t>(i)]] += Y.row(i).sum();
}

/// Adds one step's benefit person-weeks (`integral`, n × groups) under regime model `rm` to
/// budget year `year` and to the total; marks the municipal share unavailable (with the reason)
/// when a benefit falls under a refund schedule of more than one step.
void add_benefits(ArmOccupancy& result, const model::Model& rm, const MarkovForm& form, const std::vector<int>& groups,
                  const Eigen::MatrixXd& integral, int year, const engine::Calendar& calendar) {
  const auto& budget_years = calendar.budget_years();
  for (Eigen::Index i = 0; i < integral.rows(); ++i) {
    const auto state_id = form.state_of[static_cast<std::size_t>(i)];
    if (state_id >= rm.states.size()) continue;
    const auto& state = rm.states[state_id];
    for (Eigen::Index c = 0; c < integral.cols(); ++c) {
      const int b = benefit_of(rm, state, groups[static_cast<std::size_t>(c)]);
      const double person_weeks = integral(i, c);
      if (b == model::kNone || person_weeks == 0.0) continue;
      const auto& benefit = rm.benefits[static_cast<std::size_t>(b)];
      const auto& schedule = rm.refund.schedules[static_cast<std::size_t>(benefit.refund_schedule)];
      for (auto* totals : {&result.years[static_cast<std::size_t>(year)], &result.years.back()}) {
        totals->fte_on_benefit += person_weeks / engine::Calendar::weeks_in_year(budget_years[static_cast<std::size_t>(year)].year);
        totals->benefit_gross += person_weeks * benefit.weekly_rate;
        if (!schedule.steps.empty())
          totals->benefit_municipal += person_weeks * benefit.weekly_rate * schedule.steps.front().second;
      }
      if (schedule.steps.size() != 1 && result.municipal_available) {
        result.municipal_available = false;
        result.municipal_note = fmt::format(
            "benefit_municipal is not available: benefit '{}' falls under refund "
            "schedule '{}' with {} steps, and the share then depends on each "
            "citizen's cumulative benefit weeks, which the Markov form does not "
            "keep (exact only for a one-step schedule)",
            benefit.name, schedule.name, schedule.steps.size());
      }
    }
  }
}

/// Walks one chain over the time grid, adding its occupancy per week and its benefit totals
/// per budget year to `result`.
void walk_chain(ArmOccupancy& result, const MarkovForm& form, const ArmWalk& walk, const std::vector<int>& groups) {
  std::vector<Stepper> steppers = chain_steppers(form, walk, groups);
  Eigen::MatrixXd Y = initial_stock(form, walk, groups);
  const auto& grid = walk.grid;
  record_week(result, form, Y, grid.front());
  for (std::size_t k = 0; k + 1 < grid.size(); ++k) {
    const double mid = 0.5 * (grid[k] + grid[k + 1]);
    const int regime = walk.active.at(mid) ? 1 : 0;
    const auto stepper = static_cast<std::size_t>(regime * 2 + year_length_index(walk.calendar, mid));
    const Eigen::MatrixXd integral = steppers[stepper].step(Y, grid[k + 1] - grid[k]);
    record_week(result, form, Y, grid[k + 1]);
    const int year = walk.calendar.year_index(mid);
    if (year < 0) continue;
    add_benefits(result, *walk.regime_model[static_cast<std::size_t>(regime)], form, groups, integral, year, walk.calendar);
  }
}

/// The assumptions worth telling the user: phase expansion, ignored elapsed time, regimes.
void add_notes(ArmOccupancy& result, const Options& options, bool elapsed_ignored, std::size_t arm_index) {
  if (result.approximate) {
    result.notes.push_back(
        fmt::format("approximate: fixed durations, fixed meeting intervals and piecewise clocks "
                    "are expanded into {} exponential phases each (exact as the phases grow)",
                    options.phases));
    if (elapsed_ignored) {
      result.notes.push_back("initial elapsed_weeks are ignored: the initial stock starts every phase clock at 0");
    }
  } else if (elapsed_ignored) {
    result.notes.push_back(
        "initial elapsed_weeks are ignored: every part of this chain is memoryless, so time "
        "already spent does not change what happens next (exact)");
  }
  if (arm_index > 0) {
    result.notes.push_back(
        "as in the simulator, the arm's patched model and effects apply while the arm is active, "
        "the baseline's before and after");
  }
}

}  // namespace

ArmOccupancy expected_occupancy(const model::Scenario& scenario, std::size_t arm_index, const Options& options) {
  const auto& arm = scenario.arms.at(arm_index);
  auto problems = markov_problems(scenario, arm_index, options);
  if (!problems.empty()) throw NotMarkov(std::move(problems));

  const auto calendar = scenario.calendar();
  ArmOccupancy result = empty_result(arm, calendar);
  ArmWalk walk{calendar, time_grid(calendar, arm), active_span(scenario, arm_index, calendar),
               {&scenario.arms.front().model, &arm.model}, 0};
  walk.start_regime = walk.active.at(calendar.simulation_begin()) ? 1 : 0;
  const bool elapsed_ignored =
      initial_elapsed_ignored(*walk.regime_model[static_cast<std::size_t>(walk.start_regime)]);

  for (const auto& [filter_group, groups] : group_chains(scenario, arm_index, walk.regime_model)) {
    const auto form = markov_form(scenario, arm_index, filter_group, options);
    result.approximate = result.approximate || form.approximate;
    result.micro_states += form.size;
    walk_chain(result, form, walk, groups);
  }
  add_notes(result, options, elapsed_ignored, arm_index);
  return result;
}

void write_occupancy_csv(std::ostream& out, const model::Scenario& scenario, const std::vector<ArmOccupancy>& arms) {
  const auto calendar = scenario.calendar();
  out << "arm,week,date,state,mean\n";
  for (const auto& a : arms) {
    for (std::size_t w = 0; w < a.mean.size(); ++w) {
      const auto date = calendar.date_of_week(static_cast<double>(w)).iso();
      for (std::size_t s = 0; s < a.states.size(); ++s) {
        out << a.arm << ',' << w << ',' << date << ',' << a.states[s] << ',' << six_digits(a.mean[w][s]) << '\n';
      }
    }
  }
}

void write_budget_csv(std::ostream& out, const std::vector<ArmOccupancy>& arms) {
  out << "arm,year,fte_on_benefit,benefit_gross,benefit_municipal\n";
  for (const auto& a : arms) {
    for (const auto& y : a.years) {
      out << a.arm << ',' << y.year << ',' << six_digits(y.fte_on_benefit) << ',' << six_digits(y.benefit_gross) << ','
          << (a.municipal_available ? six_digits(y.benefit_municipal) : std::string()) << '\n';
    }
  }
}

}  // namespace caseflow::analytic
