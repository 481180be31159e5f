#pragma once
/// @file run_plan.hpp
/// The immutable plan of one arm's run, built from the scenario, the arm and the options before
/// anything is simulated: the time window (the calendar, budget years, the simulated period and
/// the arm's active part of it), the per-model lookup tables (baseline, arm, and the rules after
/// the arm's end), and the flags that say which bookkeeping the run needs and which events it
/// may leave out. Owns nothing that changes during the run; the run reads it, never writes it,
/// so everything here can be unit-tested without running (tests/model/run_plan_test.cpp).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/calendar.hpp"
#include "model/effect_window.hpp"
#include "model/results.hpp"
#include "model/spec.hpp"

namespace caseflow::model {

inline bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }
inline bool contains(const std::vector<StateId>& v, StateId x) { return std::find(v.begin(), v.end(), x) != v.end(); }

/// Per-model lookup tables, so the hot path never searches by name.
struct Tables {
  const Model* model = nullptr;
  std::vector<std::vector<int>> hazards_from;  // state -> transition indices
  std::vector<std::vector<int>> tracks_in;     // state -> meeting track indices
  std::vector<std::vector<int>> effects_on_transition;  // transition -> effect indices (arm only)
  /// track -> 1 if idle meetings need no event (sim/README.md, "Events that are left out"):
  /// where this is 1, meetings.cpp's book_next_meeting passes over the meetings that move nobody.
  std::vector<std::uint8_t> skips_idle_meetings;
  std::vector<std::vector<MeetingOutcome>> outcomes_from;  // track * states + state -> its outcomes, in order
  std::vector<std::uint8_t> outcome_effects_on;         // track -> 1 if an effect scales one of its outcomes
  int state_count = 0;

  [[nodiscard]] const std::vector<MeetingOutcome>& outcomes(int track, StateId state) const {
    return outcomes_from[static_cast<std::size_t>(track) * state_count + state];
  }

  Tables(const Model& m, int states);
};

/// The rules after an arm's `end`: the baseline's, plus what only the arm's patch has (states,
/// groups, benefits, refund schedules, slots, pools, meeting tracks, inflow entries), so that ids
/// mean the same in both models and citizens inside an added state when the arm ends finish it as
/// they would have (its duration, exits, hazards out of it, benefit, cost and the added tracks
/// held in it). Nothing leads into an added state any more: the routes into it (hazards from
/// baseline states, meeting outcomes of baseline tracks) are the baseline's, which have none.
/// Added slots are closed (capacity 0: the citizens in them keep their places until they leave,
/// nobody new enters or waits); added pools keep their staff only where an added track held in
/// an added state needs them; added tracks are held only in added states. This is the model that
/// declares the added parts in the baseline with unused routes (sim/README.md, "Interventions
/// over time").
Model rules_after_end(const Model& base, const Model& arm);

/// The fte of `pool` at time t under its schedule (0 before its first step).
double fte_at(const Pool& pool, double t);

struct RunPlan {
  /// `skip_events`: SimulationOptions::skip_needless_events. `compared_with_ledger`:
  /// an arm other than the baseline whose baseline result carries a per-citizen ledger.
  /// `shared_prefix`: the baseline's plan run the arms' way, as the common past the baseline
  /// and the arms fork from (model/fork.cpp): no event left out that an arm with a later start
  /// would hold, thresholds kept, time booked.
  /// `baseline_records`: SimulationOptions::baseline_keeps_records.
  RunPlan(const Scenario& scenario, std::size_t arm, bool skip_events, bool compared_with_ledger, bool shared_prefix = false,
          bool baseline_records = true);
  RunPlan(const RunPlan&) = delete;  // after_tables points into after_model
  RunPlan& operator=(const RunPlan&) = delete;

  // ---- the time window ----
  std::size_t arm_index;
  bool is_baseline;
  engine::Calendar calendar;
  YearAxis years;
  double begin = 0.0, horizon = 0.0;  ///< the simulated period (warm-up included), in weeks
  /// The arm's rules apply in [arm_from, arm_until); both infinite for the baseline or an arm
  /// never active in the simulated period.
  double arm_from = kInfinity, arm_until = kInfinity;

  // ---- the tables ----
  int state_count;
  Tables base_tables;  ///< also the rules before the arm's start
  Tables arm_tables;
  Model after_model;    ///< rules_after_end
  Tables after_tables;

  // ---- what the run does and keeps ----
  bool service_changes_hazards = false;  ///< an effect targets citizens served by a pool
  bool has_participants = false;         ///< an arm with effects or new or changed tracks
  bool switches = false;                 ///< the rules change during the run (arm starts late or ends early)
  bool keep_thresholds = false;          ///< hazard thresholds are kept per citizen (rates can change mid-stay)
  /// A scheduled hazard can only turn stale by a change of state, so it may set sure_exit.
  bool hazards_fixed_in_stay = false;
  /// The same from the arm's start on, when its rules switch once and stay to the horizon: no
  /// later switch can move a hazard scheduled after the start (arm_switch.cpp).
  bool hazards_fixed_after_start = false;
  /// Some effect's target opens or closes within a stay (spell length, age, a receipt), so
  /// participation is booked piece by piece (arm_windows.cpp, participation_cuts).
  bool effect_windows_cut_stays = false;
  bool skip_needless_events = true;
  bool has_benefits = false, has_slots = false, has_pools = false;
  bool books_time = true;          ///< benefits, programme costs or participation are booked
  bool record_deadweight = false;  ///< the baseline keeps per-citizen exits for the other arms
  int max_steps = 1, max_hazards = 0, track_count = 0;
  std::vector<int> new_tracks;  ///< tracks whose citizens take part (added, or held by an added or changed pool)
  StateId default_return_state = 0;  ///< `return` from a programme entered directly

  // ---- participants and the per-citizen ledger (participants.cpp) ----
  bool keeps_ledger = false, records_participation = false;
  int base_state_count = 0;
  std::vector<std::uint8_t> participation_track;  ///< [track] -> 1: its meetings make participants
  std::vector<std::uint8_t> participation_state;  ///< [state] -> 1: the patch changed its stays (participation.hpp)

  // ---- when effects act (model/effect_window.hpp; issue 19, items 3 and 4) ----
  double cost_until = kInfinity;      ///< the cost lines stop here (the arm's `end`; arm_until adds continue_weeks)
  EffectFade fade{kInfinity, 0.0};    ///< the effects' fade after arm_until
  bool has_receipts = false;          ///< an effect follows the citizens who received a service
  bool has_after_effects = false;     ///< effects act after the arm's rules stopped (after_tables carries them)
  bool windows_change_rates = false;  ///< receipts or admissions change rates mid-stay
  bool has_meeting_limits = false;    ///< some track has max_per_citizen
  std::int64_t cap = 0;               ///< max_participants (0: none)
  int base_state_total = 0, base_track_count = 0;  ///< ids at or above these are the patch's own

  // ---- the shared prefix (model/fork.cpp) ----
  bool shared_prefix = false;
  /// With shared_prefix: the tracks whose idle meetings the baseline's own run leaves out
  /// (Tables::skips_idle_meetings of its plan), to count the events as the baseline would.
  std::vector<std::uint8_t> baseline_skips;

 private:
  void prepare_effects(const Scenario& scenario, const Arm& arm);
  void prepare_windows(const Scenario& scenario, const Arm& arm);
  void mark_idle_meeting_skips(Tables& tables, const Arm& arm, bool effects_on) const;
  void run_as_shared_prefix();
};

}  // namespace caseflow::model
