#pragma once
/// @file arm_run.hpp
/// One arm in one replication: the state of the run and the processes that change it. The class
/// is declared here and defined in one file per process (sim/README.md, "The simulation's
/// files"), each saying what it owns and what it may touch:
///
/// | file | process |
/// |---|---|
/// | arm_run.cpp | set-up, the event loop and its dispatch, the weekly report, the end of the run |
/// | citizen_moves.cpp | citizens arrive, start a stay, move (or queue for a slot), programmes end |
/// | hazard_clock.cpp | competing hazards: thresholds, multipliers, carry-over, sure exits |
/// | meetings.cpp | meeting tracks, pools, the idle-meeting search, staffing re-plans |
/// | slots.cpp | slot waiting lines |
/// | queue_stats.cpp | joins, waits and utilisation of pools and slots (queues.csv) |
/// | ledger.cpp | accrual of benefit weeks and costs, the refund clock, participant weeks, flows, year close |
/// | participants.cpp | first participation and the per-citizen ledger compared with the baseline |
/// | arm_switch.cpp | the intervention switching on or off mid-run |
/// | fork.cpp | the common past simulated once; the baseline and the arms forked from it |
///
/// The pure parts are apart: event_kinds.hpp (event order and stream keys), citizens.hpp (the
/// per-citizen records), run_plan.hpp (the immutable plan), arrivals.hpp (arrival times).
/// All the files above are one translation unit (model/CMakeLists.txt: UNITY_GROUP), so the hot
/// path inlines across them as it did in one file; there is no virtual call and no
/// std::function per event. Not for use outside model/: simulation.hpp is the interface.

#include <bit>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/event_queue.hpp"
#include "engine/random_stream.hpp"
#include "model/age.hpp"
#include "model/arrivals.hpp"
#include "model/benefit_clock.hpp"
#include "model/citizens.hpp"
#include "model/effect_window.hpp"
#include "model/event_kinds.hpp"
#include "model/hazard.hpp"
#include "model/participation.hpp"
#include "model/run_plan.hpp"
#include "model/simulation.hpp"
#include "model/sources.hpp"
#include "model/trace.hpp"

namespace caseflow::model {
// Internal linkage: the files above are one translation unit, and the class's functions being
// local to it lets the compiler inline (and drop) them as when they were one file; with external
// linkage the event loop ran a few per cent slower. Include this header only from those files.
namespace {

using engine::RandomStream;

// A citizen with more than this many events within kBurstWeeks is moving endlessly in (near)
// zero time, a model error (issue 15: hazards of 1e9 a week, programmes of 1e-6 weeks in a
// cycle, meetings every 1e-6 weeks); no real caseload changes a citizen's state 1,000 times in
// an hour and a half. The run stops with exit 1 naming the states it cycles through.
constexpr int kMaxEventsInBurstPerCitizen = 1000;
constexpr double kBurstWeeks = 0.01;

/// A pool's staff and caseload now (meetings.cpp; statistics in queue_stats.cpp).
struct PoolRuntime {
  double fte = 0.0;
  std::int64_t served = 0;
  std::int64_t waiting = 0;
  std::deque<Waiter> queue;
  double last_touch = 0.0;  ///< statistics are booked up to here
};

/// A slot's places in use and its waiting line now (slots.cpp; statistics in queue_stats.cpp).
struct SlotRuntime {
  std::int64_t occupied = 0;
  std::int64_t waiting = 0;
  std::deque<Waiter> queue;
  double last_touch = 0.0;
};

class ArmRun {
 public:
  /// `shared_prefix`: the baseline run the arms' way up to their divergence (model/fork.cpp).
  ArmRun(const Scenario& scenario, std::size_t arm, int replication, const ArmResult* baseline, const SimulationOptions& options,
         bool shared_prefix = false);
  ArmResult run();

  // ---- fork.cpp: the common past simulated once, the arms forked from it ----------------------
  /// A shared prefix: starts the run and simulates every event before `until`.
  void run_prefix(double until);
  /// Lays out this run's citizens, columns and arrivals (as set-up does) and says why it cannot
  /// continue from `prefix` (stopped at `until`); "" when it can. Call once, before run_from;
  /// a run that cannot continue is discarded (simulate_arm runs the arm alone instead).
  std::string fork_obstacle(const ArmRun& prefix, double until);
  /// Continues from `prefix`'s state as if this run had simulated it (fork_obstacle was "").
  ArmResult run_from(const ArmRun& prefix);
  [[nodiscard]] const RunPlan& plan() const { return plan_; }
  /// Events processed so far (a shared prefix: as an arm counts them).
  [[nodiscard]] std::uint64_t events() const { return result_.events; }

 private:
  /// The earliest of a citizen's competing hazards: when it fires and where it leads.
  struct NextHazard {
    double at = kInfinity;
    StateId to = 0;
  };

  // ---- arm_run.cpp: set-up, the loop, the report, the end ------------------------------------
  void create_citizens();
  void configure_queue();
  void init_resources(double t);
  void schedule_control_events();
  void place_initial_stock();
  std::string burst_message(std::uint32_t c, double from, double to, const std::vector<StateId>& states) const;
  /// The loop's watch for a runaway citizen (watch_for_bursts).
  struct BurstWatch {
    std::uint32_t citizen = 0;
    double start = -kInfinity;
    int count = 0;
    std::vector<StateId> states;
  };
  void start();
  template <bool kPrefix>
  void loop(double until);
  static std::uint64_t fingerprint_step(std::uint64_t fingerprint, const engine::Event& e) {
    return engine::mix64(fingerprint ^ (std::bit_cast<std::uint64_t>(e.time) + e.kind() * 0x100000001b3ULL + e.subject()));
  }
  int schedule_staff_changes(StaffRules rules, std::size_t first_pool, double after);
  bool has_staff_change_before(double until) const;
  bool inflow_as_baseline() const;
  void count_for_baseline(const engine::Event& e, EventKind kind);
  void adopt(const ArmRun& prefix);
  void rebook_skipped_meetings();
  void watch_for_bursts(const engine::Event& e, EventKind kind, BurstWatch& watch) const;
  bool is_stale(const engine::Event& e, EventKind kind) const;
  void mark_cohort();
  void record_cohort_exit(std::uint32_t c, double t);
  void on_report(int week);
  void finish();
  const Model& active_model() const { return *tables_->model; }
  /// The stream entity of citizen c: its source's key and its index in the source.
  std::uint64_t stream_key(std::uint32_t c) const {
    const CitizenSource& source = sources_[cit_[c].source];
    return source.key | (c - source.first_id);
  }

  // ---- citizen_moves.cpp: arrivals, stays, moves ---------------------------------------------
  void admit_citizen(std::uint32_t c, std::uint16_t group, StateId state, double t, double elapsed);
  void on_arrival(std::uint32_t index);
  void start_state(std::uint32_t c, double t, double elapsed);
  bool move(std::uint32_t c, StateId to);
  void change_state(std::uint32_t c, StateId to);
  void on_programme_end(std::uint32_t c);
  void record_spell(std::uint32_t c, double t, double entered);

  // ---- clocks.cpp: ages and benefit periods -----------------------------------------------------
  /// The window [open, close) of absolute times in which c passes f's spell-length and age bounds.
  std::pair<double, double> filter_window(const Filter& f, std::uint32_t c) const;
  void prepare_clocks(std::size_t n);
  void set_age(std::uint32_t c, const std::optional<engine::Distribution>& age, double t);
  void on_age_rule(std::uint32_t c, int r);
  void count_benefit_clocks(std::uint32_t c, double t, double elapsed);
  void on_benefit_clock(std::uint32_t c, int i);
  bool apply_clock_move(std::uint32_t c, const ClockMove& move);

  // ---- hazard_clock.cpp: competing hazards ---------------------------------------------------
  bool matches(const Filter& f, std::uint32_t c, double t) const;
  bool served_by(std::uint32_t c, int pool) const;
  MultiplierPath multiplier_path(std::uint32_t c, int tr, double t, const Tables& tables, bool effects_on) const;
  void fill_multiplier_path(std::uint32_t c, int tr, double t, const Tables& tables, bool effects_on, std::vector<double>& cuts,
                            MultiplierPath& path) const;
  const MultiplierPath& current_path(std::uint32_t c, int tr, double t);
  double clock_origin(std::uint32_t c, const Hazard& h) const;
  void schedule_hazards(std::uint32_t c, int skip_to = -1);
  // Once per stay, on the hot path: kept inlined into start_state (same translation unit).
  [[gnu::always_inline]] inline NextHazard next_hazard(std::uint32_t c, int skip_to = -1);
  void push_hazard(std::uint32_t c, const NextHazard& hazard);
  void note_sure_exit(std::uint32_t c, const NextHazard& hazard);
  void freeze_hazards(std::uint32_t c, double t);
  void carry_thresholds(std::uint32_t c, const Tables& next);
  void reschedule_hazards(std::uint32_t c);
  /// Whether an event of c's at time t comes after an event that ends c's stay for certain: it
  /// would only be dropped as stale, so it is not pushed at all. At the same instant the order
  /// of classes decides, so only strictly later events are left out.
  bool after_sure_exit(std::uint32_t c, double t) const { return t > cit_[c].sure_exit; }

  // ---- meetings.cpp: tracks, pools, the idle-meeting search, staffing ------------------------
  std::int64_t pool_capacity(int p) const;
  double meeting_interval(const MeetingTrack& track) const;
  void join_tracks(std::uint32_t c, double t);
  bool eligible_for_track(std::uint32_t c, int k, double t) const;
  void consider_track(std::uint32_t c, int k, double t);
  void schedule_track_check(std::uint32_t c, int k, double at);
  void assign_to_pool(std::uint32_t c, int k, double t);
  void book_meeting_unless_booked(std::uint32_t c, int k, double t);
  void schedule_meeting(std::uint32_t c, int k, double at);
  void leave_track(std::uint32_t c, int k, double t, bool admit_next);
  void leave_tracks(std::uint32_t c, double t);
  void admit_from_pool_queue(int p, double t);
  void on_meeting(std::uint32_t c, int k);
  int meeting_destination(std::uint32_t c, int k, double t, double u) const;
  static int first_outcome(const std::vector<MeetingOutcome>& outcomes, double u);
  void book_next_meeting(std::uint32_t c, int k, double t);
  double outcome_multiplier(std::uint32_t c, int k, StateId outcome, double t) const;
  void on_track_check(std::uint32_t c, int k);
  void on_staff_change(const StaffChange& change);
  void close_pool(int p);
  void open_pool(int p);
  void replan_meetings(int p, double fte_before);
  std::size_t slot_of(std::uint32_t c, int track) const { return static_cast<std::size_t>(c) * plan_.track_count + track; }
  /// The draw of the `index`-th meeting of c's stay on track k (stream: c's meeting outcomes).
  double meeting_draw(const RandomStream& stream, std::uint32_t c, int k, std::uint32_t index) const {
    return stream.uniform(meeting_counter(cit_[c].entries, k, index));
  }
  // Set in the arm's tables, and in the after-end ones when effects act after the end.
  bool outcome_effects_apply(int k) const { return tables_->outcome_effects_on[k] != 0; }

  // ---- slots.cpp: slot waiting lines ---------------------------------------------------------
  void leave_slot_queue(std::uint32_t c);
  void admit_from_slot_queue(int s);
  std::int64_t capacity_of_slot(int s) const {
    const Model& m = active_model();
    return s < static_cast<int>(m.slots.size()) ? m.slots[s].capacity : 0;
  }

  // ---- queue_stats.cpp: joins, waits, utilisation --------------------------------------------
  void touch_pool(int p);
  void touch_slot(int s);
  void join_at_once(int resource, double t);
  void begin_wait(int resource, double t, bool joins);
  void end_wait(int resource, double length);
  void close_open_waits();
  int slot_resource(int s) const { return static_cast<int>(pools_.size()) + s; }

  // ---- ledger.cpp: money and time accounting -------------------------------------------------
  static int benefit_in(const Model& m, StateId state, int group);
  int benefit_of(StateId state, int group) const { return benefit_in(active_model(), state, group); }
  void accrue(std::uint32_t c, double t);
  void flush_participation(std::uint32_t c, double t);
  void accrue_participation(std::uint32_t c, double from, double to);
  void accrue_participation_piece(std::uint32_t c, double a, double b, bool on_new_track);
  void end_self_support(std::uint32_t c, double t);
  int year_of(double t);
  void flow(double t, StateId from, StateId to);
  void close_year();
  bool t_in_horizon(double t) const { return t >= 0.0 && t < plan_.horizon; }

  // ---- participants.cpp: first participation, the per-citizen ledger -------------------------
  void init_impact(std::size_t n);
  void participate(std::uint32_t c, double t, bool after_end = false);
  void participate_during(std::uint32_t c, double a, double b);
  void note_changed_states_at_start(double t);
  void note_admission(std::uint32_t c, StateId state, double t);
  void note_state_change(std::uint32_t c, bool flips, StateId to, double t);
  void note_pool_place(std::uint32_t c, int p, double t);
  void book_ledger(std::uint32_t c, int benefit, const RefundSchedule& schedule, double from, double to);
  double ledger_rate(int benefit, int year) const { return ledger_rates_[static_cast<std::size_t>(benefit) * plan_.years.size() + year]; }
  bool effect_changes_rates(std::uint32_t c, double t, bool effects_on = true) const;
  void note_pending_meeting(std::uint32_t c, int k, double at);
  void confirm_pending_meeting(std::uint32_t c, int k, double t);
  void finish_impact();

  // ---- arm_windows.cpp: effects after the end, following the citizen, one-off tracks, caps ----
  double effect_weight(int e, std::uint32_t c, double t, bool effects_on, bool stepwise) const;
  void note_receipt_of_state(std::uint32_t c, StateId from, StateId to, double t);
  bool admit_to_intervention(std::uint32_t c, double t, bool retime);
  bool cap_blocks(std::uint32_t c, StateId to);
  void end_track_now(std::uint32_t c, int k, double t);
  void participation_cuts(std::uint32_t c, double from, double to, bool fading, std::vector<double>& cuts) const;
  void note_after_effects(std::uint32_t c, double from, double to);

  // ---- arm_switch.cpp: the intervention switches on or off -----------------------------------
  void switch_model();
  std::vector<std::uint32_t> take_everyone_off_tracks();
  void reseat_pools(const std::vector<std::uint32_t>& order, double t);
  void count_reseated(double t);
  bool booking_differs(std::uint32_t c, const Tables& next) const;
  bool hazards_differ(std::uint32_t c, const Tables& next, bool next_active) const;

  // ---- the run's inputs ----
  BurstWatch watch_;  // the loop's (a member so that a forked run goes on watching)
  // fork.cpp: a forked run's arrivals when they are the shared past's (set only while laying out).
  const std::vector<Arrival>* forked_arrivals_ = nullptr;
  // A shared prefix's count of the events the baseline's own run holds (model/fork.cpp).
  bool meeting_moved_nobody_ = false;
  std::uint64_t baseline_events_ = 0, baseline_fingerprint_ = 0;

  SimulationOptions options_;
  const Scenario& scenario_;
  const Arm& arm_;
  std::uint64_t replication_;
  engine::StreamFamily streams_;  // this replication's streams; the arm is not in the key
  const ArmResult* baseline_result_;
  const RunPlan plan_;

  // ---- the run's state ----
  const Tables* tables_ = nullptr;  // the rules in force (arm_switch.cpp changes them)
  bool arm_active_ = false;
  bool hazards_fixed_ = plan_.hazards_fixed_in_stay;  // a scheduled hazard may set sure_exit (hazard_clock.cpp)
  double now_ = 0.0;
  bool rebuilding_pools_ = false;  // switch_model re-seats the pools: joins and waits are its to count
  int year_hint_ = -1;             // ledger.cpp's year_of
  std::int64_t initial_count_ = 0;
  ArmResult result_;
  engine::EventQueue queue_;
  const MultiplierPath unit_path_{{-kInfinity}, {1.0}};  // hazard_clock.cpp
  MultiplierPath scratch_path_;
  std::vector<double> scratch_cuts_;
  std::vector<CitizenSource> sources_;
  std::vector<std::pair<const Inflow*, const Inflow*>> source_inflow_;  // per source: the baseline's and the arm's entry
  std::vector<Arrival> arrivals_;
  std::vector<std::int64_t> counts_;  // citizens per state now (the weekly report)
  std::vector<PoolRuntime> pools_;
  std::vector<SlotRuntime> slots_;
  std::vector<Citizen> cit_;  // indexed by citizen id
  std::vector<double> birth_;             // clocks.cpp: birth week per citizen (NaN: no age), when ages are used
  std::vector<ClockCount> clock_counts_;  // clocks.cpp: per citizen and benefit clock
  int clock_count_ = 0;
  CitizenColumns cols_;
  std::vector<double> participation_cuts_;  // scratch for accrue_participation (ledger.cpp)
  SpellRecorder spells_;                    // only with SimulationOptions::record_spells (citizen_moves.cpp)
  // switch_model's scratch: each citizen-track's status and wait start, each track's pool.
  std::vector<std::uint8_t> prior_status_;
  std::vector<double> prior_wait_since_;
  std::vector<int> prior_pool_;
  std::shared_ptr<CitizenLedger> ledger_;  // participants.cpp
  // arm_windows.cpp: receipts of services that effects follow, admissions to a capped
  // intervention, meetings held on one-off tracks.
  Receipts receipts_;
  std::vector<std::uint8_t> admitted_;        // [citizen], with a cap
  std::int64_t admitted_count_ = 0;
  std::vector<std::uint32_t> meetings_held_;  // [citizen × track], with one-off tracks
  std::vector<double> ledger_rates_;       // [benefit * years + y] DKK a week at the price level (ledger only)
  // Dated or activity-based refund rules (ledger.cpp): the budget years cut at rule change dates.
  bool dated_refund_ = false;
  YearAxis dated_periods_;
};

}  // namespace
}  // namespace caseflow::model
