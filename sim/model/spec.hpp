#pragma once
/// @file spec.hpp
/// The typed scenario: what io/ produces from a YAML file and everything else consumes.
/// Plain structs with integer ids; no YAML, no strings in the hot path (names are kept for
/// output only). Every id indexes the vector of the same name in `Model`.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/distribution.hpp"

namespace caseflow::model {

using StateId = std::uint16_t;
inline constexpr int kNone = -1;
inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// Where a spec element was written, for messages raised after loading (graph checks).
struct Origin {
  std::string file;
  int line = 0;    ///< 1-based; 0 = unknown
  int column = 0;  ///< 1-based
  std::string path;  ///< key path, e.g. `transitions.jobparat.job`
};

/// A refund schedule: municipal share of the gross rate by cumulative benefit week.
struct RefundSchedule {
  std::string name;
  /// (from cumulative benefit week, municipal share), sorted, first `from` is 0. For an
  /// activity-based schedule a single step with the share of the states not in `by_state`.
  std::vector<std::pair<double, double>> steps;
  /// Activity-based rule (the refund before 4 January 2016): the municipal share by the state
  /// the citizen is in, indexed by state id. Empty: the duration ladder `steps` applies.
  std::vector<double> by_state = {};
};

struct RefundRules {
  std::vector<RefundSchedule> schedules;
  double self_support_weeks = 52.0;  ///< self-support needed to restart the clock …
  double window_weeks = 156.0;       ///< … within this many weeks
};

struct Benefit {
  std::string name;
  double weekly_rate = 0.0;  ///< gross DKK per week
  int refund_schedule = 0;   ///< index into RefundRules::schedules
  std::string label;  ///< display name (`label`); empty: use `name`
  /// Dated rates (`weekly_rate_by_year`): (budget year, DKK per week) from that year on,
  /// ascending; years before the first entry pay `weekly_rate`.
  std::vector<std::pair<int, double>> rate_by_year = {};
  /// `uprating`: weekly_rate is the rate of `uprating_base_year`; each year after (before) it
  /// is (1 + uprating) times higher (lower) than the one before. 0 = no uprating.
  double uprating = 0.0;
  int uprating_base_year = 0;
  /// `refund_changes`: (from week, refund schedule) in date order; before the first change
  /// `refund_schedule` applies.
  std::vector<std::pair<double, int>> refund_changes = {};

  /// The refund schedule in force at week `week`.
  [[nodiscard]] int schedule_at(double week) const {
    int s = refund_schedule;
    for (const auto& [from, schedule] : refund_changes) {
      if (week >= from) s = schedule;
    }
    return s;
  }

  /// The gross weekly rate paid in budget year `year`.
  [[nodiscard]] double rate_in(int year) const {
    double r = weekly_rate;
    for (const auto& [from, rate] : rate_by_year) {
      if (year >= from) r = rate;
    }
    if (uprating != 0.0) {
      for (int y = uprating_base_year; y < year; ++y) r *= 1.0 + uprating;
      for (int y = year; y < uprating_base_year; ++y) r /= 1.0 + uprating;
    }
    return r;
  }
};

/// Target group (målgruppe): decides which benefit `benefit: group` states pay.
struct Group {
  std::string name;
  int benefit = kNone;  ///< index into Model::benefits, or kNone
  std::string label;  ///< display name (`label`); empty: use `name`
};

/// Routing at the end of a programme.
struct ProgrammeExit {
  int to = kNone;          ///< state id, or kNone when `return`
  bool to_return = false;  ///< back to the state the citizen came from
  double probability = 0.0;
};

struct State {
  enum class BenefitRule : std::uint8_t { none, group, fixed };
  std::string name;
  BenefitRule benefit_rule = BenefitRule::none;
  int benefit = kNone;  ///< with BenefitRule::fixed
  bool self_supporting = false;
  bool absorbing = false;  ///< the user says being trapped here is intended
  /// A programme state has a duration; at its end `exits` routes the citizen.
  std::optional<engine::Distribution> duration;
  std::vector<ProgrammeExit> exits;
  int slot = kNone;            ///< index into Model::slots: entering needs a free place
  double cost_per_week = 0.0;  ///< programme running cost per participant-week (DKK)
  Origin origin;
  std::string label;  ///< display name (`label`); empty: use `name`

  [[nodiscard]] bool is_programme() const { return duration.has_value(); }
};

/// A hazard h(clock) in events per week.
struct Hazard {
  enum class Kind : std::uint8_t { rate, piecewise, weibull };
  enum class Clock : std::uint8_t { state, spell };
  Kind kind = Kind::rate;
  Clock clock = Clock::state;
  double rate = 0.0;                                ///< Kind::rate
  std::vector<std::pair<double, double>> steps;     ///< Kind::piecewise: (from week, rate), sorted, first at 0
  double shape = 1.0;                               ///< Kind::weibull: H(s) = (s/scale)^shape
  double scale = 1.0;

  friend bool operator==(const Hazard&, const Hazard&) = default;
};

struct Transition {
  StateId from = 0;
  StateId to = 0;
  Hazard hazard;  ///< for every group without a hazard of its own in `by_group`
  /// Indexed by group id: a group's own hazard (`by_group`), or empty for the default.
  std::vector<std::optional<Hazard>> by_group;
  Origin origin;

  /// The hazard that applies to citizens of `group`.
  [[nodiscard]] const Hazard& hazard_for(int group) const {
    return static_cast<std::size_t>(group) < by_group.size() && by_group[group] ? *by_group[group] : hazard;
  }
};

/// Who a meeting track, effect or cost applies to. Empty lists mean "all".
struct Filter {
  std::vector<int> groups;        ///< group ids
  std::vector<StateId> states;    ///< state ids
  double min_spell_weeks = 0.0;   ///< time since the benefit spell began
  double max_spell_weeks = kInfinity;
  int served_by = kNone;          ///< pool id: only citizens currently served by it
  /// Age in years (`min_age`, `max_age`); a citizen without an age never passes a bound.
  double min_age = 0.0;
  double max_age = kInfinity;

  [[nodiscard]] bool has_age_bounds() const { return min_age > 0.0 || max_age < kInfinity; }
  /// `received` (effect targets only): citizens who received this service while the arm's rules
  /// applied, until `within_weeks` after it (model/effect_window.hpp). kNone: no such condition.
  int received_track = kNone;     ///< a meeting track: from each meeting held …
  int received_state = kNone;     ///< … or a state: from entering it, until `within_weeks` after leaving
  double received_within_weeks = 0.0;

  [[nodiscard]] bool needs_receipt() const { return received_track != kNone || received_state != kNone; }
};

struct MeetingOutcome {
  StateId from = 0;  ///< the state the citizen is in at the meeting
  StateId to = 0;    ///< where the meeting moves it
  double probability = 0.0;
};

/// A meeting track (samtaleforløb): citizens in `states` who pass `eligible` get meetings.
struct MeetingTrack {
  std::string name;
  std::vector<StateId> states;
  Filter eligible;
  /// Interval bounds in weeks; without a pool min == max is the fixed interval.
  double interval_min = 4.0;
  double interval_max = 4.0;
  int pool = kNone;  ///< with a pool: interval = clamp(caseload / (fte * meetings_per_fte_week), min, max)
  std::vector<MeetingOutcome> outcomes;
  /// A one-off service (`max_per_citizen: N`, 1 for a single meeting): after a citizen's N-th meeting
  /// of this track (over the whole run, every stay) it leaves the track for good. 0 = no limit.
  int max_per_citizen = 0;
  Origin origin;
};

/// Staff who hold meetings.
struct Pool {
  std::string name;
  /// (from week, fte): staffing by date, sorted; the first entry starts at -infinity.
  std::vector<std::pair<double, double>> fte_schedule;
  double meetings_per_fte_week = 0.0;
  double caseload_per_fte = 0.0;  ///< cap on citizens served per fte; 0 = no cap
  Origin origin;
  std::string label;  ///< display name (`label`); empty: use `name`
};

/// Capacity-limited places; FIFO queue when full.
struct Slot {
  std::string name;
  int capacity = 0;
  Origin origin;
  std::string label;  ///< display name (`label`); empty: use `name`
};

/// Poisson arrivals.
struct Inflow {
  int group = 0;
  StateId state = 0;
  double per_year = 0.0;
  std::string name;  ///< the source's identity (default GROUP.STATE); keys its citizens' streams
  std::optional<engine::Distribution> age_years = {};  ///< age at arrival (`age_years`); none: no age
};

/// The caseload on the first simulated day.
struct InitialStock {
  int group = 0;
  StateId state = 0;
  std::int64_t count = 0;
  engine::Distribution elapsed_weeks = engine::Distribution::fixed_at(0.0);
  std::string name;  ///< the source's identity (default GROUP.STATE); keys its citizens' streams
  std::optional<engine::Distribution> age_years = {};  ///< age on the first simulated day; none: no age
};

/// Where a clock (an age, a benefit period) moves a citizen: another target group, another
/// state, or both. Applied as a change of state (sim/README.md, "Clocks"), so benefits, the
/// refund clock and meetings follow as for any move.
struct ClockMove {
  int group = kNone;    ///< the new target group, or kNone: keep the group
  int state = kNone;    ///< the new state, or kNone: stay (a new stay under the new group)
  double share = 1.0;   ///< benefit clocks: the share of citizens who take this move
};

/// `age_rules.NAME`: a citizen who reaches `at_years` while `groups`/`states` select it moves
/// (uddannelseshjælp under 30 becomes kontanthjælp at 30; folkepension age ends the case).
struct AgeRule {
  std::string name;
  double at_years = 0.0;
  std::vector<int> groups = {};      ///< only citizens of these groups (empty: all)
  std::vector<StateId> states = {};  ///< only citizens in these states (empty: all)
  ClockMove move;
  Origin origin;
};

/// `benefit_clocks.NAME`: a benefit period (a-dagpenge 104 weeks within 156; sygedagpenge 22
/// weeks within 39). Weeks on `benefit` count; when they reach `limit_weeks` within the last
/// `window_weeks` the citizen takes one of `outcomes` (drawn by share) and its count restarts.
struct BenefitClock {
  std::string name;
  int benefit = kNone;
  double limit_weeks = 0.0;
  double window_weeks = 0.0;
  std::vector<ClockMove> outcomes;
  Origin origin;
};

/// Everything that moves citizens: one per arm (an intervention's patch gives its own).
struct Model {
  std::vector<Benefit> benefits;
  RefundRules refund;
  std::vector<Group> groups;
  std::vector<State> states;
  std::vector<Transition> transitions;
  std::vector<MeetingTrack> meetings;
  std::vector<Pool> pools;
  std::vector<Slot> slots;
  std::vector<Inflow> inflow;
  std::vector<InitialStock> initial;
  std::vector<AgeRule> age_rules = {};
  std::vector<BenefitClock> benefit_clocks = {};
};

/// A cost line or a financing line of an intervention (the same forms).
struct CostItem {
  enum class Kind : std::uint8_t { per_year, once, per_participant_week, per_budget_year, per_participant, per_place_year };
  std::string label;
  Kind kind = Kind::per_year;
  double amount = 0.0;  ///< DKK per year / once / per participant-week / per participant / per place-year
  std::vector<std::pair<int, double>> by_year = {};  ///< per_budget_year: (budget year, DKK), ascending
  double places = 0.0;  ///< per_place_year: places paid for (when `slot` is kNone)
  int slot = kNone;     ///< per_place_year: the places are this slot's capacity in the arm's model
};

/// Scales a hazard or a meeting outcome's probability for the citizens `target` selects,
/// while the intervention is active.
struct Effect {
  enum class Kind : std::uint8_t { hazard, meeting_outcome };
  Kind kind = Kind::hazard;
  Filter target;
  StateId from = 0;  ///< hazard: transition from
  StateId to = 0;    ///< hazard: transition to
  int meeting = kNone;  ///< meeting_outcome: track id
  StateId outcome = 0;  ///< meeting_outcome: the outcome state
  double multiplier = 1.0;
  Origin origin;
};

/// The baseline (index 0) or one intervention.
struct Arm {
  std::string name;  ///< "baseline" for index 0
  std::string description;
  double start_week = -kInfinity;  ///< active from (weeks from scenario start) …
  double end_week = kInfinity;     ///< … until (exclusive); the cost lines stop here
  /// `after_end.continue_weeks`: the patch and the effects go on this long after `end_week`
  /// (at no cost); `after_end.fade_weeks`: then the effects fade linearly to nothing over this
  /// many weeks (model/effect_window.hpp).
  double continue_weeks = 0.0;
  double fade_weeks = 0.0;
  /// `max_participants`: at most this many citizens are admitted to the intervention's own
  /// meeting tracks and states over its life; the effects reach only them. 0 = no cap.
  std::int64_t max_participants = 0;
  std::vector<CostItem> costs;
  std::vector<CostItem> financing;  ///< grants and other income that pay for the intervention
  std::vector<Effect> effects;
  /// The municipality's own estimate of the savings on benefits, DKK per budget year
  /// (`stated_savings`), for `caseflow breakeven`; empty when not given.
  std::vector<std::pair<int, double>> stated_savings;
  Model model;  ///< the baseline model with this arm's patch merged in
  Origin origin;
  std::string label;  ///< display name (`label`); empty: use `name`

  /// Until when the arm's rules (patch and full effects) apply: its end plus `continue_weeks`.
  [[nodiscard]] double practice_end_week() const { return end_week + continue_weeks; }
};

struct ReportSettings {
  double prudence_factor = 1.0;
  double discount_rate = 0.0;  ///< per year
  /// `price_level`: money booked in budget year Y is converted from year-Y prices to
  /// `price_year` prices by index(price_year) / index(Y). Empty index = no conversion.
  int price_year = 0;
  std::vector<std::pair<int, double>> price_index;  ///< (year, index), ascending

  /// The factor that converts year-`year` money to the price level (1 without an index).
  [[nodiscard]] double price_factor(int year) const {
    double base = 0.0, at = 0.0;
    for (const auto& [y, index] : price_index) {
      if (y == price_year) base = index;
      if (y == year) at = index;
    }
    return base > 0.0 && at > 0.0 ? base / at : 1.0;
  }
};

struct Scenario {
  std::string name;
  std::string file;  ///< the scenario file as given
  engine::Date start{};
  int years = 1;
  int warmup_years = 0;
  int replications = 1;
  std::uint64_t seed = 1;
  ReportSettings report;
  std::vector<Arm> arms;  ///< arms[0] is the baseline

  [[nodiscard]] engine::Calendar calendar() const { return engine::Calendar(start, years, warmup_years); }
  [[nodiscard]] const Model& baseline() const { return arms.front().model; }
};

}  // namespace caseflow::model
