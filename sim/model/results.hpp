#pragma once
/// @file results.hpp
/// What one arm records in one replication. Aggregates only (no trajectories): benefit
/// person-weeks by (budget year, benefit, refund step), costs, weekly occupancy, flows and
/// resource statistics. economics/ turns them into money and intervals.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/calendar.hpp"
#include "model/spec.hpp"

namespace caseflow::model {

/// Budget years as half-open week intervals, with a helper to split an interval by year.
class YearAxis {
 public:
  YearAxis() = default;
  explicit YearAxis(const std::vector<engine::BudgetYear>& years);
  [[nodiscard]] int size() const { return static_cast<int>(begin_.size()); }
  [[nodiscard]] double begin(int i) const { return begin_[i]; }
  [[nodiscard]] double end(int i) const { return end_[i]; }
  /// Calls f(year index, lo, hi) for each year overlapping [from, to), in order. Years are
  /// disjoint and in order, so the search stops at the first year that begins at or after `to`.
  template <class F>
  void split(double from, double to, F&& f) const {
    for (int i = 0; i < size(); ++i) {
      if (begin_[i] >= to) break;
      const double lo = from > begin_[i] ? from : begin_[i];
      const double hi = to < end_[i] ? to : end_[i];
      if (hi > lo) f(i, lo, hi);
    }
  }
  [[nodiscard]] int index_of(double t) const;

 private:
  std::vector<double> begin_, end_;
};

/// The refund ladder over a stretch of the refund clock: calls f(step, weeks) for each step of
/// `schedule` that the clock passes going from `clock_from` to `clock_to`, in order, with the
/// weeks spent on it (> 0). The one walk behind book_benefit_weeks, book_dated_benefit_weeks
/// and CitizenLedger::book, so the weeks booked and the weeks priced per citizen cut the ladder
/// alike.
template <class F>
void walk_refund_steps(const RefundSchedule& schedule, double clock_from, double clock_to, F&& f) {
  double c_lo = clock_from;
  for (std::size_t k = 0; k < schedule.steps.size() && c_lo < clock_to; ++k) {
    const double step_end = k + 1 < schedule.steps.size() ? schedule.steps[k + 1].first : kInfinity;
    if (c_lo >= step_end) continue;
    const double piece_end = std::min(clock_to, step_end);
    f(static_cast<int>(k), piece_end - c_lo);
    c_lo = piece_end;
  }
}

/// Time-integrated statistics of one pool or slot in one budget year.
struct ResourceYear {
  double waiting_area = 0.0;   ///< integral of the number waiting (citizen-weeks)
  double busy_area = 0.0;      ///< integral of places in use / citizens served
  double capacity_area = 0.0;  ///< integral of capacity (places, or the pool's caseload cap)
  double waits_ended = 0.0;    ///< waits that ended this year
  double wait_weeks = 0.0;     ///< total length of those waits
  double meetings = 0.0;       ///< pools: meetings held
  double meeting_capacity = 0.0;  ///< pools: integral of fte * meetings_per_fte_week
  // By the year a citizen joined the resource (asked for a place or a caseworker), for the mean
  // wait over everyone who joined (Little's law: mean waiting = joins per week x mean wait).
  double joined = 0.0;         ///< citizens who joined this year, served at once or not
  double waits_begun = 0.0;    ///< … of whom had to wait for a place
  double joined_wait_weeks = 0.0;  ///< total length of those waits (those still going at the horizon: until then)
  // While the resource exists (a pool with staff, a slot with places), for its utilisation.
  double open_weeks = 0.0;      ///< weeks it existed this year
  double open_busy_area = 0.0;  ///< busy_area while it existed
};

class CitizenLedger;  // model/participation.hpp

/// One spell of a traced citizen (`caseflow run --trace`, model/trace.hpp): [start, end) in one
/// state, weeks from the scenario's start.
struct TraceSpell {
  std::uint32_t citizen = 0;
  std::uint16_t source = 0;  ///< index into ArmResult::spell_sources
  std::uint16_t group = 0;
  StateId state = 0;
  double start = 0.0, end = 0.0;
  double refund_clock = 0.0;  ///< cumulative benefit weeks at `start`
  double entered = 0.0;       ///< when it entered the state: before `start` only for the initial stock
};

/// Participants and deadweight as evaluators define them (model/participation.hpp): one arm
/// against the baseline, for the same citizens, in one replication.
struct ParticipantOutcomes {
  static constexpr int kParts = 4;  ///< earlier exit, would not have left, non-participants, lock-in
  static constexpr double kFollowUps[2] = {26.0, 52.0};  ///< weeks after first participation
  std::int64_t participants = 0;  ///< citizens who received the intervention in the horizon
  /// Per follow-up: participants whose follow-up lies within the horizon, of whom
  /// self-supporting then in the arm (Y1) and in the baseline (Y0).
  std::int64_t followed[2] = {0, 0}, self_supporting_arm[2] = {0, 0}, self_supporting_baseline[2] = {0, 0};
  /// [year * kParts + part]: baseline minus arm municipal benefit cost (DKK, undiscounted, before
  /// the prudence factor) of (0) participants with lower cost who left benefits in the baseline
  /// too after first participation, (1) participants with lower cost who did not, (2)
  /// non-participants, (3) participants with higher cost (lock-in). The parts sum to the savings.
  std::vector<double> parts;
};

struct ArmResult {
  int years = 0;
  int states = 0;
  int benefits = 0;
  int steps = 0;      ///< the largest number of refund steps of any schedule
  int resources = 0;  ///< pools first, then slots
  int weeks = 0;

  std::vector<double> benefit_weeks;      ///< [(year * benefits + benefit) * steps + step]
  std::vector<double> programme_cost;     ///< [year] DKK: cost_per_week of programme states
  std::vector<double> participant_weeks;  ///< [year] weeks citizens took part in the intervention
  std::vector<double> first_participants; ///< [year] citizens whose first participation began that year
  std::vector<std::int32_t> occupancy;    ///< [week * states + state]
  std::vector<double> flows;              ///< [(year * states + from) * states + to]
  std::vector<double> arrivals;           ///< [year * states + state] inflow arrivals
  std::vector<ResourceYear> resource_years;  ///< [year * resources + resource]

  std::int64_t treated = 0;               ///< distinct citizens who took part
  std::int64_t left_benefits = 0;         ///< treated who then entered self-support
  std::int64_t left_in_baseline_too = 0;  ///< … of whom the baseline saw leave too (deadweight)
  std::int64_t exits_to_self_support = 0; ///< entries into self-supporting states in the horizon
  std::int64_t citizens = 0;              ///< citizens simulated (initial + arrivals)
  std::uint64_t events = 0;               ///< events processed (stale ones excluded)
  std::uint64_t fingerprint = 0;          ///< hash of the processed event sequence

  /// Baseline only, per citizen, for the deadweight count of the other arms: the last time it
  /// entered self-support (-inf if never) and whether it was self-supporting at the horizon.
  std::vector<float> last_self_support_entry;
  std::vector<std::uint8_t> self_supporting_at_end;
  /// Baseline only (with more than one arm): per citizen cost and self-support, for the
  /// participant measure of the other arms (model/participation.hpp). Freed after use.
  std::shared_ptr<const CitizenLedger> ledger;
  /// Arms other than the baseline, when run with the baseline's ledger.
  ParticipantOutcomes participant_outcomes;
  /// With SimulationOptions::cohort_state: the cohort's size and, per reported week, how many of
  /// it have entered self-support by the end of that week.
  std::int64_t cohort_size = 0;
  std::vector<std::int32_t> cohort_exits;
  /// With SimulationOptions::trace_citizens: per citizen, a hash of its trajectory.
  std::vector<std::uint64_t> citizen_trajectories;
  /// With SimulationOptions::record_spells: every spell of the traced citizens, by citizen and
  /// time, and the names of the sources they came from.
  std::vector<TraceSpell> spells;
  std::vector<std::string> spell_sources;

  /// Only with dated (`refund_changes`) or activity-based (`by_state`) refund rules; empty
  /// otherwise: benefit person-weeks by (period, benefit, k), where the periods are the budget
  /// years cut at the rules' change dates and k is the refund step of the ladder in force in
  /// the period or, under an activity-based schedule, the citizen's state.
  int dated_width = 0;
  std::vector<int> dated_period_year;      ///< [period] index of its budget year
  std::vector<double> dated_period_begin;  ///< [period] first week
  std::vector<double> dated_weeks;         ///< [(period * benefits + benefit) * dated_width + k]
  /// [period] 1 where the arm's rules apply, 0 where the baseline's do (before the arm's start,
  /// after its end): set only when the arm's rates or refund differ from the baseline's and it
  /// does not cover the whole horizon; empty: the arm's rules apply in every period.
  std::vector<std::uint8_t> dated_period_arm_rules;

  /// Whether the arm's rules (rates, refund) apply in dated period p.
  [[nodiscard]] bool arm_rules_in(std::size_t p) const { return dated_period_arm_rules.empty() || dated_period_arm_rules[p] != 0; }

  double& dated_at(int period, int benefit, int k) {
    return dated_weeks[(static_cast<std::size_t>(period) * benefits + benefit) * dated_width + k];
  }
  [[nodiscard]] double dated_at(int period, int benefit, int k) const {
    return dated_weeks[(static_cast<std::size_t>(period) * benefits + benefit) * dated_width + k];
  }

  double& weeks_at(int year, int benefit, int step) { return benefit_weeks[(static_cast<std::size_t>(year) * benefits + benefit) * steps + step]; }
  [[nodiscard]] double weeks_at(int year, int benefit, int step) const { return benefit_weeks[(static_cast<std::size_t>(year) * benefits + benefit) * steps + step]; }
  ResourceYear& resource(int year, int r) { return resource_years[static_cast<std::size_t>(year) * resources + r]; }
  [[nodiscard]] const ResourceYear& resource(int year, int r) const { return resource_years[static_cast<std::size_t>(year) * resources + r]; }
};

/// Books benefit weeks [from, to) for `benefit` under `schedule` into `result`, starting at
/// refund clock `clock` (cumulative benefit weeks at `from`). Only the parts inside reported
/// budget years are booked; the returned clock has advanced by (to - from) regardless.
double book_benefit_weeks(ArmResult& result, const YearAxis& years, int benefit, const RefundSchedule& schedule,
                          double from, double to, double clock);

/// The benefit and refund schedule that price a week under the arm's rules (`arm_rules`) or,
/// before its start and after its end, the baseline's; a benefit or schedule the arm added is
/// its own either way (as the rules after the end keep it).
const Benefit& pricing_benefit(const Model& base, const Model& arm, bool arm_rules, int benefit);
const RefundSchedule& pricing_schedule(const Model& base, const Model& arm, bool arm_rules, int schedule);

/// Whether two models price a benefit week differently (rates, upratings, refund schedules and
/// their changes).
bool prices_differ(const Model& a, const Model& b);

/// Sets up `result`'s dated arrays (after benefit_weeks is sized) when `base` or `arm` has dated
/// or activity-based refund rules, or when the arm's prices differ from the baseline's and its
/// rules apply only in part of the horizon, [arm_from, arm_until) (the periods are then also cut
/// there); returns the period axis in `periods`; false (and nothing set) otherwise. `years` are
/// the reported budget years.
bool prepare_dated_refund(ArmResult& result, const Model& base, const Model& arm, double arm_from, double arm_until,
                          const std::vector<engine::BudgetYear>& years, YearAxis& periods);

/// Books benefit weeks [from, to) of a citizen in `state` into the dated arrays, each period
/// under the rules in force then (`arm`'s where result.arm_rules_in(period), `base`'s
/// otherwise), from refund clock `clock` at `from`.
void book_dated_benefit_weeks(ArmResult& result, const YearAxis& periods, const Model& base, const Model& arm,
                              int benefit, StateId state, double from, double to, double clock);

}  // namespace caseflow::model
