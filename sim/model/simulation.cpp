#include "model/simulation.hpp"

#include <algorithm>
#include <cstdio>
#include <bit>
#include <cmath>
#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/event_queue.hpp"
#include "engine/random_stream.hpp"
#include "model/arrivals.hpp"
#include "model/effect_window.hpp"
#include "model/hazard.hpp"
#include "model/sources.hpp"
#include "model/participation.hpp"

namespace caseflow::model {
namespace {

using engine::RandomStream;

// ---------------------------------------------------------------------------------------------
// Event kinds and priority classes. At one instant: control changes first (stop, switching the
// arm's patch on or off, staffing), then releases (a programme ends, a hazard fires), then
// arrivals, meetings, eligibility checks, and the weekly report last (it observes the state after
// everything that happened at that instant).
enum class Kind : std::uint16_t { stop, year_end, model_switch, staff_change, programme_end, hazard_exit, arrival, meeting, track_check, report };

enum Priority : engine::PriorityClass { kControl = 0, kRelease = 1, kArrival = 2, kMeeting = 3, kCheck = 4, kReport = 5 };

// Stream purposes: one per kind of decision, so that adding draws of one kind never shifts another.
// Each citizen's streams are keyed by its source and its index there (model/sources.hpp).
enum Purpose : std::uint32_t { kHazard = 1, kDuration = 2, kRouting = 3, kMeetingOutcome = 4, kInitialElapsed = 5, kArrivalTimes = kArrivalTimesPurpose };

enum TrackStatus : std::uint8_t { kOff = 0, kServed = 1, kWaiting = 2 };

// A citizen with more than this many events within kBurstWeeks is moving endlessly in (near)
// zero time, a model error (issue 15: hazards of 1e9 a week, programmes of 1e-6 weeks in a
// cycle, meetings every 1e-6 weeks); no real caseload changes a citizen's state 1,000 times in
// an hour and a half. The run stops with exit 1 naming the states it cycles through.
constexpr int kMaxEventsInBurstPerCitizen = 1000;
constexpr double kBurstWeeks = 0.01;
// Weeks of self-support that rounding may lose in a sum of spell lengths.
constexpr double kSelfSupportTolerance = 1e-9;
// Event-queue buckets: aim at a few dozen events per bucket, at most 2^16 buckets, at most a
// week wide. The guess of events per citizen-week only tunes speed; results never depend on it.
constexpr double kEventsPerCitizenWeekGuess = 0.25;
constexpr double kEventsPerBucket = 64.0;
constexpr std::size_t kMaxBuckets = 4096;  // bucket headers and their tails stay in cache
// How many events ahead the loop prefetches the citizen record (and meeting slot) of: far
// enough to hide a memory access behind the events in between.
constexpr std::size_t kPrefetchAhead = 24;

// Per-model lookup tables, so the hot path never searches by name.
struct Tables {
  const Model* model = nullptr;
  std::vector<std::vector<int>> hazards_from;  // state -> transition indices
  std::vector<std::vector<int>> tracks_in;     // state -> meeting track indices
  std::vector<std::vector<int>> effects_on_transition;  // transition -> effect indices (arm only)
  std::vector<std::uint8_t> skips_idle_meetings;        // track -> 1 if idle meetings need no event
  std::vector<std::vector<MeetingOutcome>> outcomes_from;  // track * states + state -> its outcomes, in order
  std::vector<std::uint8_t> outcome_effects_on;         // track -> 1 if an effect scales one of its outcomes
  int state_count = 0;

  [[nodiscard]] const std::vector<MeetingOutcome>& outcomes(int track, StateId state) const {
    return outcomes_from[static_cast<std::size_t>(track) * state_count + state];
  }

  Tables(const Model& m, int states) : model(&m), hazards_from(states), tracks_in(states), state_count(states) {
    for (std::size_t i = 0; i < m.transitions.size(); ++i) hazards_from[m.transitions[i].from].push_back(static_cast<int>(i));
    outcomes_from.resize(m.meetings.size() * static_cast<std::size_t>(states));
    for (std::size_t k = 0; k < m.meetings.size(); ++k) {
      for (StateId s : m.meetings[k].states) tracks_in[s].push_back(static_cast<int>(k));
      for (const MeetingOutcome& o : m.meetings[k].outcomes) outcomes_from[k * states + o.from].push_back(o);
    }
    effects_on_transition.resize(m.transitions.size());
    outcome_effects_on.assign(m.meetings.size(), 0);
  }
};

bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }
bool contains(const std::vector<StateId>& v, StateId x) { return std::find(v.begin(), v.end(), x) != v.end(); }

double fte_at(const Pool& pool, double t) {
  double fte = 0.0;
  for (const auto& [from, value] : pool.fte_schedule) {
    if (from <= t) fte = value;
  }
  return fte;
}

struct Waiter {
  std::uint32_t citizen;
  std::uint32_t version;
};

struct PoolRuntime {
  double fte = 0.0;
  std::int64_t served = 0;
  std::int64_t waiting = 0;
  std::deque<Waiter> queue;
  double last_touch = 0.0;
};

struct SlotRuntime {
  std::int64_t occupied = 0;
  std::int64_t waiting = 0;
  std::deque<Waiter> queue;
  double last_touch = 0.0;
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
Model rules_after_end(const Model& base, const Model& arm) {
  Model m = base;
  const std::size_t base_states = base.states.size();
  for (std::size_t i = base.benefits.size(); i < arm.benefits.size(); ++i) m.benefits.push_back(arm.benefits[i]);
  for (std::size_t i = base.refund.schedules.size(); i < arm.refund.schedules.size(); ++i) m.refund.schedules.push_back(arm.refund.schedules[i]);
  for (std::size_t i = base.groups.size(); i < arm.groups.size(); ++i) m.groups.push_back(arm.groups[i]);
  for (std::size_t i = base_states; i < arm.states.size(); ++i) m.states.push_back(arm.states[i]);
  for (const Transition& tr : arm.transitions) {
    if (tr.from >= base_states) m.transitions.push_back(tr);
  }
  std::vector<std::uint8_t> staffed(arm.pools.size(), 0);
  for (std::size_t k = base.meetings.size(); k < arm.meetings.size(); ++k) {
    MeetingTrack track = arm.meetings[k];
    std::erase_if(track.states, [&](StateId s) { return s < base_states; });
    std::erase_if(track.outcomes, [&](const MeetingOutcome& o) { return o.from < base_states; });
    if (!track.states.empty() && track.pool != kNone) staffed[track.pool] = 1;
    m.meetings.push_back(std::move(track));
  }
  for (std::size_t p = base.pools.size(); p < arm.pools.size(); ++p) {
    Pool pool = arm.pools[p];
    if (!staffed[p]) pool.fte_schedule = {{-kInfinity, 0.0}};
    m.pools.push_back(std::move(pool));
  }
  for (std::size_t s = base.slots.size(); s < arm.slots.size(); ++s) {
    Slot slot = arm.slots[s];
    slot.capacity = 0;
    m.slots.push_back(std::move(slot));
  }
  for (std::size_t i = base.inflow.size(); i < arm.inflow.size(); ++i) m.inflow.push_back(arm.inflow[i]);
  return m;
}

/// A spell of self-support [begin, end), kept for the refund clock's restart rule.
struct SelfSupportSpell {
  double begin;
  double end;
};

class ArmRun {
 public:
  ArmRun(const Scenario& scenario, std::size_t arm, int replication, const ArmResult* baseline, const SimulationOptions& options)
      : options_(options),
        scenario_(scenario),
        arm_(scenario.arms[arm]),
        arm_index_(arm),
        is_baseline_(arm == 0),
        replication_(static_cast<std::uint64_t>(replication)),
        streams_(scenario.seed, replication_),
        baseline_result_(baseline),
        calendar_(scenario.calendar()),
        years_(calendar_.budget_years()),
        state_count_(static_cast<int>(arm_.model.states.size())),
        base_tables_(scenario.arms[0].model, state_count_),
        arm_tables_(arm_.model, state_count_),
        after_model_(rules_after_end(scenario.arms[0].model, arm_.model)),
        after_tables_(after_model_, state_count_) {
    begin_ = calendar_.simulation_begin();
    horizon_ = calendar_.horizon();
    arm_from_ = is_baseline_ ? kInfinity : std::max(arm_.start_week, begin_);
    arm_until_ = is_baseline_ ? kInfinity : arm_.practice_end_week();  // the patch goes on for `continue_weeks`
    if (arm_from_ >= arm_until_ || arm_from_ >= horizon_) arm_from_ = arm_until_ = kInfinity;
    cost_until_ = is_baseline_ ? kInfinity : std::min(arm_until_, arm_.end_week);
    fade_ = EffectFade(arm_until_, is_baseline_ ? 0.0 : arm_.fade_weeks);
    prepare_effects();
    prepare_result();
    prepare_impact();
  }

  ArmResult run() {
    arm_active_ = arm_from_ <= begin_;
    tables_ = arm_active_ ? &arm_tables_ : &base_tables_;
    create_citizens();
    configure_queue();
    init_resources(begin_);
    schedule_control_events();
    place_initial_stock();
    if (!arrivals_.empty()) queue_.push(arrivals_[0].time, kArrival, static_cast<std::uint16_t>(Kind::arrival), 0);
    if (result_.weeks > 0) queue_.push(0.0, kReport, static_cast<std::uint16_t>(Kind::report), 0);
    queue_.push(horizon_, kControl, static_cast<std::uint16_t>(Kind::stop), 0);
    loop();
    return std::move(result_);
  }

 private:
  // ---- set-up ---------------------------------------------------------------------------------
  void prepare_effects() {
    const Model& m = arm_.model;
    for (std::size_t e = 0; e < arm_.effects.size(); ++e) {
      const Effect& effect = arm_.effects[e];
      if (effect.target.served_by != kNone) service_changes_hazards_ = true;
      if (effect.kind == Effect::Kind::meeting_outcome && effect.meeting >= 0 && effect.meeting < static_cast<int>(m.meetings.size())) {
        arm_tables_.outcome_effects_on[effect.meeting] = 1;
      }
      if (effect.kind != Effect::Kind::hazard) continue;
      for (std::size_t i = 0; i < m.transitions.size(); ++i) {
        if (m.transitions[i].from == effect.from && m.transitions[i].to == effect.to) {
          arm_tables_.effects_on_transition[i].push_back(static_cast<int>(e));
        }
      }
    }
    const Model& base = scenario_.arms[0].model;
    for (std::size_t k = base.meetings.size(); k < m.meetings.size(); ++k) new_tracks_.push_back(static_cast<int>(k));
    // Tracks held by a pool the patch added or changed (more staff, another cap) also make
    // their citizens participants: a lower caseload treats the whole caseload.
    for (std::size_t k = 0; k < m.meetings.size(); ++k) {
      const int pool = m.meetings[k].pool;
      if (pool == kNone || contains(new_tracks_, static_cast<int>(k))) continue;
      const bool added = pool >= static_cast<int>(base.pools.size());
      const bool changed = !added && (m.pools[pool].fte_schedule != base.pools[pool].fte_schedule ||
                                      m.pools[pool].meetings_per_fte_week != base.pools[pool].meetings_per_fte_week ||
                                      m.pools[pool].caseload_per_fte != base.pools[pool].caseload_per_fte);
      if (added || changed) new_tracks_.push_back(static_cast<int>(k));
    }
    has_participants_ = !is_baseline_ && (!arm_.effects.empty() || !new_tracks_.empty());
    switches_ = !is_baseline_ && std::isfinite(arm_from_) && (arm_from_ > begin_ || arm_until_ < horizon_);
    prepare_windows();
    keep_thresholds_ = switches_ || service_changes_hazards_ || windows_change_rates_;
    hazards_fixed_in_stay_ = options_.skip_needless_events && !switches_ && !service_changes_hazards_ && !windows_change_rates_;
    for (const auto& schedule : m.refund.schedules) max_steps_ = std::max<int>(max_steps_, static_cast<int>(schedule.steps.size()));
    for (const auto& s : base.refund.schedules) max_steps_ = std::max<int>(max_steps_, static_cast<int>(s.steps.size()));
    for (const Tables* t : {&base_tables_, &arm_tables_, &after_tables_}) {
      for (const auto& list : t->hazards_from) max_hazards_ = std::max<int>(max_hazards_, static_cast<int>(list.size()));
    }
    track_count_ = static_cast<int>(m.meetings.size());
    has_benefits_ = !m.benefits.empty() || !base.benefits.empty();
    has_slots_ = !m.slots.empty() || !base.slots.empty();
    has_pools_ = !m.pools.empty() || !base.pools.empty();
    // Whether time in a state is ever booked (benefits, programme costs, participation); a
    // model without money (the benchmark's) skips the booking on every move.
    books_time_ = has_benefits_ || has_participants_;
    for (const Model* model : {&base, &m}) {
      for (const State& st : model->states) books_time_ = books_time_ || st.cost_per_week > 0.0;
    }
    // The baseline keeps per-citizen exits for the other arms' deadweight count.
    record_deadweight_ = is_baseline_ && scenario_.arms.size() > 1;
    mark_idle_meeting_skips(base_tables_, false);
    mark_idle_meeting_skips(after_tables_, false);
    mark_idle_meeting_skips(arm_tables_, !is_baseline_);
  }

  /// Tracks whose meetings that move nobody need no event under `tables` (sim/README.md, "Events
  /// that are left out"): no pool (so the interval is fixed and nobody waits), no switch of rules during
  /// the run, and no outcome effect that depends on being served by a pool, so that whether a
  /// future meeting moves the citizen is known when it is booked.
  void mark_idle_meeting_skips(Tables& tables, bool effects_on) const {
    const Model& m = *tables.model;
    tables.skips_idle_meetings.assign(m.meetings.size(), 0);
    if (!options_.skip_needless_events || switches_ || windows_change_rates_) return;
    for (std::size_t k = 0; k < m.meetings.size(); ++k) {
      // A one-off track ends after its last meeting, whether it moves the citizen or not.
      bool skips = m.meetings[k].pool == kNone && m.meetings[k].max_per_citizen == 0;
      for (const Effect& e : arm_.effects) {
        const bool on_track = e.kind == Effect::Kind::meeting_outcome && e.meeting == static_cast<int>(k);
        if (effects_on && on_track && e.target.served_by != kNone) skips = false;
      }
      tables.skips_idle_meetings[k] = skips ? 1 : 0;
    }
  }

  void prepare_result() {
    const Model& m = arm_.model;
    result_.years = years_.size();
    result_.states = state_count_;
    result_.benefits = static_cast<int>(m.benefits.size());
    result_.steps = std::max(1, max_steps_);
    result_.resources = static_cast<int>(m.pools.size() + m.slots.size());
    result_.weeks = calendar_.reported_weeks();
    result_.benefit_weeks.assign(static_cast<std::size_t>(result_.years) * result_.benefits * result_.steps, 0.0);
    result_.programme_cost.assign(result_.years, 0.0);
    result_.participant_weeks.assign(result_.years, 0.0);
    result_.first_participants.assign(result_.years, 0.0);
    dated_refund_ = prepare_dated_refund(result_, scenario_.arms[0].model, m, calendar_.budget_years(), dated_periods_);
    result_.occupancy.assign(static_cast<std::size_t>(result_.weeks) * state_count_, 0);
    result_.flows.assign(static_cast<std::size_t>(result_.years) * state_count_ * state_count_, 0.0);
    result_.arrivals.assign(static_cast<std::size_t>(result_.years) * state_count_, 0.0);
    result_.resource_years.assign(static_cast<std::size_t>(result_.years) * result_.resources, ResourceYear{});
    counts_.assign(state_count_, 0);
    default_return_state_ = 0;
    for (int s = 0; s < state_count_; ++s) {
      const State& st = m.states[s];
      if (!st.is_programme() && !st.self_supporting) {
        default_return_state_ = static_cast<StateId>(s);
        break;
      }
    }
  }

  // Citizens come from sources (model/sources.hpp): ids are laid out in one block per source,
  // the same in every arm, and a citizen's streams are keyed by its source and index there.
  // Arrivals for the whole run are drawn up front, per source; the rate is the baseline's
  // outside the arm's active period and the arm's inside it (model/arrivals.hpp).
  void create_citizens() {
    sources_ = citizen_sources(scenario_, streams_, calendar_);
    const Model& base = scenario_.arms[0].model;
    const Model& mine = arm_.model;
    const Model& at_begin = arm_active_ ? mine : base;
    std::int64_t initial = 0;
    source_inflow_.assign(sources_.size(), {nullptr, nullptr});
    for (std::size_t k = 0; k < sources_.size(); ++k) {
      const CitizenSource& source = sources_[k];
      if (source.initial) {
        if (const InitialStock* stock = find_initial(at_begin, source.name)) initial += stock->count;
        continue;
      }
      source_inflow_[k] = {find_inflow(base, source.name), find_inflow(mine, source.name)};
      const std::size_t source_begin = arrivals_.size();
      const ArrivalRates rates = arrival_rates(scenario_, arm_index_, source.name, calendar_);
      std::uint32_t index = 0;
      for_each_arrival(streams_.stream(source.key, kArrivalTimes), rates, calendar_,
                       [&](double t) { arrivals_.push_back(Arrival{t, static_cast<std::uint32_t>(k), index++}); });
      // Each source's arrivals come in time order; merging them keeps (time, source) order
      // (a stable merge puts the earlier source first at equal times) without a full sort.
      std::inplace_merge(arrivals_.begin(), arrivals_.begin() + static_cast<std::ptrdiff_t>(source_begin), arrivals_.end(),
                         [](const Arrival& x, const Arrival& y) { return x.time < y.time; });
    }
    initial_count_ = initial;
    result_.citizens = initial + static_cast<std::int64_t>(arrivals_.size());
    const std::size_t n = sources_.empty() ? 0 : std::size_t{sources_.back().first_id} + sources_.back().block;
    // Only what the scenario uses: a national run has millions of citizens, and every byte
    // per citizen is megabytes (and cache misses) per run.
    cit_.assign(n, Citizen{});
    if (has_benefits_) {
      refund_clock_.assign(n, 0.0);
      self_support_since_.assign(n, 0.0);
      self_support_spells_.assign(n, {});
    }
    if (has_slots_) {
      waiting_slot_.assign(n, -1);
      waiting_target_.assign(n, 0);
      wait_since_.assign(n, 0.0);
    }
    if (track_count_ > 0) {
      tracks_.assign(n * track_count_, TrackSlot{});
      if (has_pools_) track_wait_since_.assign(n * track_count_, 0.0);
    }
    if (keep_thresholds_) remaining_.assign(n * std::max(1, max_hazards_), 0.0);
    if (has_participants_) {
      first_treated_.assign(n, kInfinity);
      left_after_treatment_.assign(n, 0);
    }
    if (options_.trace_citizens) result_.citizen_trajectories.assign(n, 0);
    participation_until_.assign(has_participants_ ? n : 0, 0.0);
    receipts_.reset(n);
    admitted_.assign(cap_ > 0 ? n : 0, 0);
    if (has_meeting_limits_) meetings_held_.assign(n * track_count_, 0);
    init_impact(n);
    if (record_deadweight_) {
      result_.last_self_support_entry.assign(n, -std::numeric_limits<float>::infinity());
      result_.self_supporting_at_end.assign(n, 0);
    }
  }

  /// Buckets over the simulated period: most events are scheduled weeks ahead, so the queue's
  /// heap holds only the current bucket's events (engine/event_queue.hpp).
  void configure_queue() {
    const double span = std::max(1.0, horizon_ - begin_);
    const double mean_population = static_cast<double>(initial_count_) + 0.5 * static_cast<double>(arrivals_.size());
    const double per_week = std::max(1.0, mean_population * kEventsPerCitizenWeekGuess);
    const double width = std::clamp(kEventsPerBucket / per_week, span / static_cast<double>(kMaxBuckets), 1.0);
    // Waiting events: about one or two per citizen present (a hazard, a meeting, a programme's end).
    const auto pending = static_cast<std::size_t>(2.0 * (static_cast<double>(initial_count_) + static_cast<double>(arrivals_.size())));
    queue_.set_buckets(begin_, width, static_cast<std::size_t>(std::ceil(span / width)) + 1, pending);
  }

  void init_resources(double t) {
    const Model& m = active_model();
    pools_.assign(arm_.model.pools.size(), PoolRuntime{});
    slots_.assign(arm_.model.slots.size(), SlotRuntime{});
    for (std::size_t p = 0; p < pools_.size(); ++p) {
      pools_[p].fte = p < m.pools.size() ? fte_at(m.pools[p], t) : 0.0;
      pools_[p].last_touch = t;
    }
    for (auto& s : slots_) s.last_touch = t;
  }

  void schedule_control_events() {
    // Year ends first: pushed before anything else at the same instant, so each year's sums
    // are complete (and added in the same order in every arm) before any change of rules.
    for (int y = 0; y < years_.size(); ++y) {
      if (years_.end(y) < horizon_) queue_.push(years_.end(y), kControl, static_cast<std::uint16_t>(Kind::year_end), 0);
    }
    if (switches_) {
      if (arm_from_ > begin_) queue_.push(arm_from_, kControl, static_cast<std::uint16_t>(Kind::model_switch), 0);
      if (arm_until_ < horizon_) queue_.push(arm_until_, kControl, static_cast<std::uint16_t>(Kind::model_switch), 0);
    }
    // Staffing changes of both models; each applies only while its model is active.
    for (int which = 0; which < 2; ++which) {
      // The baseline's staffing includes the added pools' after the arm's end.
      const Model& m = which == 0 ? after_model_ : arm_.model;
      if (which == 1 && is_baseline_) break;
      for (std::size_t p = 0; p < m.pools.size(); ++p) {
        for (std::size_t i = 1; i < m.pools[p].fte_schedule.size(); ++i) {
          const double at = m.pools[p].fte_schedule[i].first;
          if (at > begin_ && at < horizon_) {
            queue_.push(at, kControl, static_cast<std::uint16_t>(Kind::staff_change), static_cast<std::uint32_t>(which),
                        static_cast<std::uint32_t>(i), static_cast<std::uint16_t>(p));
          }
        }
      }
    }
  }

  void place_initial_stock() {
    const Model& m = active_model();
    for (std::size_t k = 0; k < sources_.size(); ++k) {
      const CitizenSource& source = sources_[k];
      const InitialStock* stock = source.initial ? find_initial(m, source.name) : nullptr;
      if (stock == nullptr) continue;
      for (std::int64_t i = 0; i < stock->count; ++i) {
        const auto id = static_cast<std::uint32_t>(source.first_id + i);
        cit_[id].source = static_cast<std::uint16_t>(k);
        const RandomStream stream = streams_.stream(stream_key(id), kInitialElapsed);
        const double elapsed = std::max(0.0, engine::quantile(stock->elapsed_weeks, stream.uniform(0)));
        admit_citizen(id, static_cast<std::uint16_t>(stock->group), stock->state, begin_, elapsed);
      }
    }
  }

  /// The stream entity of citizen c: its source's key and its index in the source.
  std::uint64_t stream_key(std::uint32_t c) const {
    const CitizenSource& source = sources_[cit_[c].source];
    return source.key | (c - source.first_id);
  }

  std::string burst_message(std::uint32_t c, double from, double to, const std::vector<StateId>& states) const {
    std::string names;
    for (const StateId st : states) names += (names.empty() ? "" : ", ") + active_model().states[st].name;
    char weeks[96];
    std::snprintf(weeks, sizeof weeks, "%g uge (uge %.6g til %.6g)", kBurstWeeks, from, to);
    return "modelfejl: borger " + std::to_string(c) + " i armen '" + arm_.name + "' (replikation " + std::to_string(replication_) +
           ") skiftede tilstand eller havde samtale mere end " + std::to_string(kMaxEventsInBurstPerCitizen) + " gange på " + weeks +
           ", i tilstandene " + names +
           ": en kreds af meget hurtige overgange, meget korte forløb eller meget hyppige samtaler. Ret modellen (caseflow "
           "validate, caseflow graph)";
  }

  // ---- the event loop -----------------------------------------------------------------------
  void loop() {
    // One citizen is watched at a time: the subject of the first citizen event after the
    // previous watch's window has passed, so a runaway citizen, whose events crowd out the
    // others', is soon the one watched (sim/README.md, "Bounded work").
    std::uint32_t watched = 0;
    double watch_start = -kInfinity;
    int watch_count = 0;
    std::vector<StateId> burst_states;
    while (!queue_.empty()) {
      const engine::Event e = queue_.pop();
      // At national size nearly every event's citizen record is a cache miss: ask for the
      // record (and meeting slot) of the event a few places ahead, so the misses overlap with
      // work. A hint only: a wrong guess costs nothing. (Written out here: GCC drops a call to
      // a function whose only effect is a prefetch, as if it had none.)
      if (const engine::Event* ahead = cit_.empty() ? nullptr : queue_.lookahead(kPrefetchAhead)) {
        const std::size_t c = std::min<std::size_t>(ahead->subject(), cit_.size() - 1);  // non-citizen subjects: any valid line
        const char* record = reinterpret_cast<const char*>(cit_.data() + c);
        __builtin_prefetch(record);  // a record is one cache line
        if (track_count_ > 0) {
          __builtin_prefetch(tracks_.data() + c * static_cast<std::size_t>(track_count_) + std::min<std::size_t>(ahead->aux(), track_count_ - 1));
        }
      }
      const auto kind = static_cast<Kind>(e.kind());
      if (is_stale(e, kind)) continue;
      if ((result_.events & 4095u) == 0 && options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed)) {
        throw Cancelled();
      }
      now_ = e.time;
      ++result_.events;
      result_.fingerprint = engine::mix64(result_.fingerprint ^ (std::bit_cast<std::uint64_t>(e.time) + e.kind() * 0x100000001b3ULL + e.subject()));
      if (kind == Kind::programme_end || kind == Kind::hazard_exit || kind == Kind::meeting || kind == Kind::track_check) {
        if (e.time - watch_start > kBurstWeeks) {
          watched = e.subject();
          watch_start = e.time;
          watch_count = 0;
          burst_states.clear();
        } else if (e.subject() == watched && ++watch_count > kMaxEventsInBurstPerCitizen - 64) {
          const StateId st = cit_[watched].state;
          if (std::find(burst_states.begin(), burst_states.end(), st) == burst_states.end()) burst_states.push_back(st);
          if (watch_count > kMaxEventsInBurstPerCitizen) throw std::runtime_error(burst_message(watched, watch_start, e.time, burst_states));
        }
      }
      switch (kind) {
        case Kind::stop:
          finish();
          return;
        case Kind::year_end:
          close_year();
          break;
        case Kind::model_switch:
          switch_model();
          break;
        case Kind::staff_change:
          on_staff_change(e);
          break;
        case Kind::programme_end:
          on_programme_end(e.subject());
          break;
        case Kind::hazard_exit:
          if (!move(e.subject(), e.aux())) {
            // Blocked by a full slot: the citizen waits in line; its other hazards run on.
            ++cit_[e.subject()].hazard_version;
            schedule_hazards(e.subject(), static_cast<int>(e.aux()));
          }
          break;
        case Kind::arrival:
          on_arrival(e.subject());
          break;
        case Kind::meeting:
          on_meeting(e.subject(), e.aux());
          break;
        case Kind::track_check:
          on_track_check(e.subject(), e.aux());
          break;
        case Kind::report:
          on_report(static_cast<int>(e.subject()));
          break;
      }
    }
  }

  bool is_stale(const engine::Event& e, Kind kind) const {
    switch (kind) {
      case Kind::hazard_exit:
        return cit_[e.subject()].hazard_version != e.version;
      case Kind::programme_end:
      case Kind::track_check:
        return cit_[e.subject()].version != e.version;
      case Kind::meeting: {
        const std::size_t at = slot_of(e.subject(), e.aux());
        return cit_[e.subject()].version != e.version || tracks_[at].status != kServed || tracks_[at].next_meeting != e.time;
      }
      default:
        return false;
    }
  }

  // ---- citizens enter, move and leave states --------------------------------------------------
  void admit_citizen(std::uint32_t c, std::uint16_t group, StateId state, double t, double elapsed) {
    cit_[c].active = 1;
    cit_[c].group = group;
    const State& st = active_model().states[state];
    cit_[c].entered = t - elapsed;
    cit_[c].spell_start = t - elapsed;
    if (has_benefits_) refund_clock_[c] = benefit_of(state, group) != kNone ? elapsed : 0.0;
    cit_[c].accrued_until = t;
    if (has_participants_) participation_until_[c] = t;
    cit_[c].previous = default_return_state_;
    if (st.self_supporting && has_benefits_) self_support_since_[c] = t - elapsed;
    cit_[c].state = state;
    if (keeps_ledger_) note_admission(c, state, t);
    if (receipts_.any() && arm_active_) receipts_.enter(c, state, t);
    if (cap_ > 0 && state >= base_state_count_all_) admit_to_intervention(c, t, false);  // room permitting
    ++counts_[state];
    if (st.slot != kNone) ++slots_[st.slot].occupied;
    start_state(c, t, elapsed);
  }

  void on_arrival(std::uint32_t index) {
    const Arrival& a = arrivals_[index];
    // The entry of the rules in force (an arm may change where a source's arrivals go).
    const auto& [base_entry, arm_entry] = source_inflow_[a.source];
    const Inflow& source = arm_active_ && arm_entry != nullptr ? *arm_entry : base_entry != nullptr ? *base_entry : *arm_entry;
    const auto c = sources_[a.source].first_id + a.index;
    cit_[c].source = static_cast<std::uint16_t>(a.source);
    admit_citizen(c, static_cast<std::uint16_t>(source.group), source.state, now_, 0.0);
    const int y = year_of(now_);
    if (y >= 0) result_.arrivals[static_cast<std::size_t>(y) * state_count_ + source.state] += 1.0;
    if (index + 1 < arrivals_.size()) {
      queue_.push(arrivals_[index + 1].time, kArrival, static_cast<std::uint16_t>(Kind::arrival), index + 1);
    }
  }

  /// Schedules what a fresh stay in the current state needs: programme end, hazards, meetings.
  /// `elapsed` > 0 only for the initial stock (time already spent in the state).
  void start_state(std::uint32_t c, double t, double elapsed) {
    Citizen& me = cit_[c];
    ++me.entries;
    me.sure_exit = kInfinity;
    const State& st = active_model().states[me.state];
    if (st.is_programme()) {
      const RandomStream stream = streams_.stream(stream_key(c), kDuration);
      const double duration = std::max(0.0, engine::quantile(*st.duration, stream.uniform(me.entries)));
      const double end = t + std::max(0.0, duration - elapsed);
      queue_.push(end, kRelease, static_cast<std::uint16_t>(Kind::programme_end), c, me.version);
      // A programme with exits always ends the stay (if the routed-to state is full, the
      // citizen goes back where it came from).
      if (!st.exits.empty() && options_.skip_needless_events) me.sure_exit = end;
    }
    me.hazard_anchor = t;
    if (keep_thresholds_) {
      const RandomStream stream = streams_.stream(stream_key(c), kHazard);
      const auto& list = tables_->hazards_from[me.state];
      for (std::size_t j = 0; j < list.size(); ++j) {
        remaining_[c * max_hazards_ + j] = stream.exponential(hazard_counter(c, active_model().transitions[list[j]].to));
      }
    }
    // The hazard is known before the meetings are booked and pushed after them, so that either
    // can spare the other an event that could only turn stale (see sure_exit).
    const std::uint32_t version = me.hazard_version;
    const NextHazard hazard = next_hazard(c);
    note_sure_exit(c, hazard);
    join_tracks(c, t);
    if (me.hazard_version == version) push_hazard(c, hazard);
  }

  std::uint64_t hazard_counter(std::uint32_t c, StateId to) const {
    return (static_cast<std::uint64_t>(cit_[c].entries) << 16) | to;
  }

  /// Moves citizen c to `to` now, or queues it if `to` needs a slot and none is free.
  /// Returns true if the state changed.
  bool move(std::uint32_t c, StateId to) {
    if (cap_blocks(c, to)) return false;
    const State& target = active_model().states[to];
    if (target.slot != kNone && to != cit_[c].state) {
      SlotRuntime& slot = slots_[target.slot];
      if (slot.occupied >= capacity_of_slot(target.slot)) {
        // A closed slot (no places: an added slot after the arm's end) takes nobody and keeps
        // no waiting line.
        if (capacity_of_slot(target.slot) == 0) return false;
        if (waiting_slot_[c] != target.slot) {
          leave_slot_queue(c);
          touch_slot(target.slot);
          begin_wait(slot_resource(target.slot), now_, true);
          waiting_slot_[c] = static_cast<std::int16_t>(target.slot);
          waiting_target_[c] = to;
          wait_since_[c] = now_;
          ++slot.waiting;
          slot.queue.push_back(Waiter{c, cit_[c].version});
        }
        return false;
      }
    }
    change_state(c, to);
    return true;
  }

  void change_state(std::uint32_t c, StateId to) {
    Citizen& me = cit_[c];
    const double t = now_;
    accrue(c, t);
    const StateId from = me.state;
    const Model& m = active_model();
    const State& old_state = m.states[from];
    const State& new_state = m.states[to];
    // Into a slot state without waiting (from the slot's line the join was counted then).
    if (new_state.slot != kNone && !(has_slots_ && waiting_slot_[c] == new_state.slot)) join_at_once(slot_resource(new_state.slot), t);
    leave_tracks(c, t);
    leave_slot_queue(c);
    ++me.version;
    ++me.hazard_version;
    // Previous state, for `return` routing out of programmes.
    if (new_state.is_programme() && !old_state.is_programme()) me.previous = from;
    // Benefit spell and self-support bookkeeping.
    if (old_state.self_supporting && !new_state.self_supporting) {
      end_self_support(c, t);
      me.spell_start = t;
    }
    if (!old_state.self_supporting && new_state.self_supporting) {
      if (has_benefits_) self_support_since_[c] = t;
      if (t_in_horizon(t)) {
        ++result_.exits_to_self_support;
        if (has_participants_ && first_treated_[c] <= t) left_after_treatment_[c] = 1;
      }
      if (record_deadweight_ && t < horizon_) result_.last_self_support_entry[c] = static_cast<float>(t);
      if (!in_cohort_.empty() && in_cohort_[c]) record_cohort_exit(c, t);
    }
    --counts_[from];
    ++counts_[to];
    me.state = to;
    if (receipts_.any()) note_receipt_of_state(c, from, to, t);
    if (keeps_ledger_) note_state_change(c, old_state.self_supporting != new_state.self_supporting, to, t);
    if (options_.trace_citizens) {
      result_.citizen_trajectories[c] = engine::mix64(result_.citizen_trajectories[c] ^ (std::bit_cast<std::uint64_t>(t) + to));
    }
    me.entered = t;
    if (t_in_horizon(t)) flow(t, from, to);
    if (new_state.slot != kNone) {
      touch_slot(new_state.slot);
      ++slots_[new_state.slot].occupied;
    }
    start_state(c, t, 0.0);
    if (old_state.slot != kNone) {
      touch_slot(old_state.slot);
      --slots_[old_state.slot].occupied;
      admit_from_slot_queue(old_state.slot);
    }
  }

  void on_programme_end(std::uint32_t c) {
    const State& st = active_model().states[cit_[c].state];
    const RandomStream stream = streams_.stream(stream_key(c), kRouting);
    double u = stream.uniform(cit_[c].entries);
    const ProgrammeExit* chosen = st.exits.empty() ? nullptr : &st.exits.back();
    for (const auto& exit : st.exits) {
      if (u < exit.probability) {
        chosen = &exit;
        break;
      }
      u -= exit.probability;
    }
    if (chosen == nullptr) return;
    const StateId back = cit_[c].previous;
    const StateId to = chosen->to_return ? back : static_cast<StateId>(chosen->to);
    if (cap_blocks(c, to)) {
      // The capped intervention is full: back to where the citizen came from.
      if (back != cit_[c].state) change_state(c, back);
      return;
    }
    if (!move(c, to)) {
      // The routed-to state is full: go back to where the citizen came from and wait there.
      const std::int16_t queued = waiting_slot_[c];
      const StateId target = waiting_target_[c];
      const double since = wait_since_[c];
      if (back != cit_[c].state) change_state(c, back);
      if (queued != -1 && waiting_slot_[c] == -1) {
        // change_state cleared the queue entry; re-join at the back with the new version.
        waiting_slot_[c] = queued;
        waiting_target_[c] = target;
        wait_since_[c] = since;
        touch_slot(queued);
        ++slots_[queued].waiting;
        slots_[queued].queue.push_back(Waiter{c, cit_[c].version});
      }
    }
  }

  // ---- money and time accounting ------------------------------------------------------------
  int benefit_of(StateId state, int group) const { return benefit_in(active_model(), state, group); }

  static int benefit_in(const Model& m, StateId state, int group) {
    const State& st = m.states[state];
    switch (st.benefit_rule) {
      case State::BenefitRule::none:
        return kNone;
      case State::BenefitRule::fixed:
        return st.benefit;
      case State::BenefitRule::group:
        return m.groups[group].benefit;
    }
    return kNone;
  }

  /// Books everything citizen c did in its current state from its last booking until t.
  void accrue(std::uint32_t c, double t) {
    if (!books_time_) return;
    const double from = cit_[c].accrued_until;
    if (t <= from) return;
    cit_[c].accrued_until = t;
    const Model& m = active_model();
    const State& st = m.states[cit_[c].state];
    const int benefit = benefit_of(cit_[c].state, cit_[c].group);
    if (benefit != kNone) {
      const RefundSchedule& schedule = m.refund.schedules[m.benefits[benefit].refund_schedule];
      if (keeps_ledger_) book_ledger(c, benefit, schedule, from, t);
      if (dated_refund_) book_dated_benefit_weeks(result_, dated_periods_, m, benefit, cit_[c].state, from, t, refund_clock_[c]);
      refund_clock_[c] = book_benefit_weeks(result_, years_, benefit, schedule, from, t, refund_clock_[c]);
    }
    if (st.cost_per_week > 0.0) {
      years_.split(from, t, [&](int y, double lo, double hi) { result_.programme_cost[y] += st.cost_per_week * (hi - lo); });
    }
    if (has_participants_) flush_participation(c, t);
  }

  /// Books participation up to t; kept apart from benefit booking so that switching the arm
  /// on or off does not split benefit intervals (which would change sums in the last bit).
  void flush_participation(std::uint32_t c, double t) {
    const double from = participation_until_[c];
    if (t <= from) return;
    participation_until_[c] = t;
    if (arm_active_) {
      accrue_participation(c, from, t);
    } else if (has_after_effects_ && records_participation_) {
      note_after_effects(c, from, t);
    }
  }

  /// After the arm's rules stopped, an effect that still acts (a fade, a receipt) makes a
  /// participant (impact.csv) of a citizen it first reaches then; nothing is priced (the cost
  /// lines have stopped).
  void note_after_effects(std::uint32_t c, double from, double to) {
    if (first_participation_[c] < kInfinity) return;
    const std::vector<double> cuts = participation_cuts(c, from, to, true);
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      if (cuts[i + 1] <= cuts[i] || cuts[i + 1] <= 0.0 || !effect_changes_rates(c, 0.5 * (cuts[i] + cuts[i + 1]), false)) continue;
      participate(c, cuts[i], true);
      return;
    }
  }

  /// [from, to) split where an effect target's spell window opens or closes, a receipt runs out
  /// or (`fading`) the fade steps: within each piece whether an effect reaches c is one answer.
  std::vector<double> participation_cuts(std::uint32_t c, double from, double to, bool fading) const {
    std::vector<double> cuts{from, to};
    for (const Effect& e : arm_.effects) {
      for (double b : {cit_[c].spell_start + e.target.min_spell_weeks, cit_[c].spell_start + e.target.max_spell_weeks}) {
        if (b > from && b < to) cuts.push_back(b);
      }
    }
    receipts_.add_all_cuts(c, from, cuts);
    if (fading) fade_.add_cuts(from, cuts);
    std::erase_if(cuts, [&](double b) { return b > to; });
    std::sort(cuts.begin(), cuts.end());
    return cuts;
  }

  /// Participation: while the arm is active, a citizen takes part when an effect targets it or
  /// it is on a meeting track that only this arm has (e.g. the job brokers' track).
  void accrue_participation(std::uint32_t c, double from, double to) {
    bool on_new_track = false;
    for (int k : new_tracks_) on_new_track = on_new_track || tracks_[slot_of(c, k)].status == kServed;
    const std::vector<double> cuts = participation_cuts(c, from, to, false);
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      const double a = cuts[i], b = cuts[i + 1];
      if (b <= a) continue;
      const double mid = 0.5 * (a + b);
      bool takes_part = on_new_track;
      for (std::size_t e = 0; e < arm_.effects.size(); ++e) takes_part = takes_part || effect_weight(static_cast<int>(e), c, mid, true, false) > 0.0;
      if (records_participation_ && effect_changes_rates(c, mid)) participate_during(c, a, b);
      if (!takes_part) continue;
      // Participant-weeks are priced (per_participant_week): none after the cost lines stop.
      if (a < cost_until_) years_.split(a, std::min(b, cost_until_), [&](int y, double lo, double hi) { result_.participant_weeks[y] += hi - lo; });
      if (first_treated_[c] == kInfinity && b > 0.0 && a < horizon_) first_treated_[c] = std::max(a, 0.0);
    }
  }

  /// The refund clock's restart rule, checked when a self-supporting spell ends (the
  /// self-support within the window only grows during self-support, so its maximum is reached
  /// then): the clock restarts once the citizen has had `self_support_weeks` of self-support
  /// within the last `window_weeks`. Every spell that can still reach into a later window is
  /// kept, warm-up spells included, with exact (double) times.
  void end_self_support(std::uint32_t c, double t) {
    if (!has_benefits_) return;  // no refund clock to reset
    const RefundRules& rules = active_model().refund;
    const double window_start = t - rules.window_weeks;
    std::vector<SelfSupportSpell>& spells = self_support_spells_[c];
    std::erase_if(spells, [&](const SelfSupportSpell& s) { return s.end <= window_start; });
    spells.push_back(SelfSupportSpell{self_support_since_[c], t});
    double total = 0.0;
    for (const SelfSupportSpell& s : spells) total += s.end - std::max(window_start, s.begin);
    // The tolerance absorbs rounding in the sum of spell lengths (times are sums of draws), so
    // that a spell of exactly `self_support_weeks` counts as one.
    if (total >= rules.self_support_weeks - kSelfSupportTolerance) {
      refund_clock_[c] = 0.0;
      spells.clear();
    }
  }

  bool t_in_horizon(double t) const { return t >= 0.0 && t < horizon_; }

  /// The budget year containing t (-1: none). Nearly every call asks about the present, so the
  /// last answer is tried first.
  int year_of(double t) {
    if (year_hint_ >= 0 && t >= years_.begin(year_hint_) && t < years_.end(year_hint_)) return year_hint_;
    const int y = years_.index_of(t);
    if (y >= 0) year_hint_ = y;
    return y;
  }

  void flow(double t, StateId from, StateId to) {
    const int y = year_of(t);
    if (y >= 0) result_.flows[(static_cast<std::size_t>(y) * state_count_ + from) * state_count_ + to] += 1.0;
  }

  // ---- hazards --------------------------------------------------------------------------------
  bool matches(const Filter& f, std::uint32_t c, double t) const {
    if (!f.groups.empty() && !contains(f.groups, cit_[c].group)) return false;
    if (!f.states.empty() && !contains(f.states, cit_[c].state)) return false;
    // Compared as absolute times, the same expression that schedules eligibility checks.
    if (t < cit_[c].spell_start + f.min_spell_weeks || t >= cit_[c].spell_start + f.max_spell_weeks) return false;
    if (f.served_by != kNone && !served_by(c, f.served_by)) return false;
    return true;
  }

  bool served_by(std::uint32_t c, int pool) const {
    const Model& m = active_model();
    for (std::size_t k = 0; k < m.meetings.size(); ++k) {
      if (m.meetings[k].pool == pool && tracks_[slot_of(c, static_cast<int>(k))].status == kServed) return true;
    }
    return false;
  }

  /// The multiplier on transition `tr` for citizen c from time t on, as long as nothing but the
  /// passage of time changes (spell windows open and close on their own).
  MultiplierPath multiplier_path(std::uint32_t c, int tr, double t) const { return multiplier_path(c, tr, t, *tables_, arm_active_); }

  MultiplierPath multiplier_path(std::uint32_t c, int tr, double t, const Tables& tables, bool effects_on) const {
    if (tables.effects_on_transition[tr].empty()) return MultiplierPath::constant(t, 1.0);
    std::vector<double> cuts{t};
    for (int e : tables.effects_on_transition[tr]) {
      const Filter& f = arm_.effects[e].target;
      for (double b : {cit_[c].spell_start + f.min_spell_weeks, cit_[c].spell_start + f.max_spell_weeks}) {
        if (b > t && std::isfinite(b)) cuts.push_back(b);
      }
    }
    receipts_.add_cuts(c, tables.effects_on_transition[tr], t, cuts);
    if (!effects_on) fade_.add_cuts(t, cuts);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    MultiplierPath path;
    for (std::size_t i = 0; i < cuts.size(); ++i) {
      // Evaluate at a point inside the segment (the segment's start is inclusive).
      const double probe = i + 1 < cuts.size() ? 0.5 * (cuts[i] + cuts[i + 1]) : cuts[i] + 1.0;
      double m = 1.0;
      for (int e : tables.effects_on_transition[tr]) {
        const double w = effect_weight(e, c, probe, effects_on, true);
        if (w > 0.0) m *= EffectFade::scaled(arm_.effects[e].multiplier, w);
      }
      // Adjacent segments with the same multiplier are one segment, so that equal rules give
      // equal paths (a multiplier of 1 from week 26 on is no change at all).
      if (!path.value.empty() && path.value.back() == m) continue;
      path.begin.push_back(cuts[i]);
      path.value.push_back(m);
    }
    return path;
  }

  /// multiplier_path under the active rules without allocating when no effect is on `tr`: the
  /// shared unit path from -infinity, which time_to_threshold and weighted_hazard_between clip
  /// to their own start, so the arithmetic (and every result) is that of a unit path from t.
  const MultiplierPath& current_path(std::uint32_t c, int tr, double t) {
    if (tables_->effects_on_transition[tr].empty()) return unit_path_;  // before the start, and after the end without after-effects
    scratch_path_ = multiplier_path(c, tr, t);
    return scratch_path_;
  }

  double clock_origin(std::uint32_t c, const Hazard& h) const {
    return h.clock == Hazard::Clock::spell ? cit_[c].spell_start : cit_[c].entered;
  }

  /// The earliest of c's competing hazards: when it fires and where it leads.
  struct NextHazard {
    double at = kInfinity;
    StateId to = 0;
  };

  /// Schedules the earliest of c's competing hazards. Thresholds count from the hazard anchor
  /// (state entry, the first simulated day for the initial stock, or the last change of rates),
  /// so calling this again without a change of rates gives the same times. `skip_to` is a
  /// destination not to schedule (blocked by a full slot).
  void schedule_hazards(std::uint32_t c, int skip_to = -1) {
    const NextHazard hazard = next_hazard(c, skip_to);
    note_sure_exit(c, hazard);
    push_hazard(c, hazard);
  }

  // Once per stay, on the hot path: kept inlined into start_state.
  [[gnu::always_inline]] NextHazard next_hazard(std::uint32_t c, int skip_to = -1) {
    NextHazard best;
    const auto& list = tables_->hazards_from[cit_[c].state];
    if (list.empty()) return best;
    const double t = cit_[c].hazard_anchor;
    const Model& m = active_model();
    const RandomStream stream = streams_.stream(stream_key(c), kHazard);
    for (std::size_t j = 0; j < list.size(); ++j) {
      const Transition& tr = m.transitions[list[j]];
      if (tr.to == skip_to) continue;
      const double threshold = keep_thresholds_ ? remaining_[c * max_hazards_ + j] : stream.exponential(hazard_counter(c, tr.to));
      const Hazard& h = tr.hazard_for(cit_[c].group);
      const double at = time_to_threshold(h, clock_origin(c, h), t, threshold, current_path(c, list[j], t));
      if (at < best.at) {
        best.at = at;
        best.to = tr.to;
      }
    }
    return best;
  }

  void push_hazard(std::uint32_t c, const NextHazard& hazard) {
    if (hazard.at < horizon_ && !after_sure_exit(c, hazard.at)) {
      queue_.push(hazard.at, kRelease, static_cast<std::uint16_t>(Kind::hazard_exit), c, cit_[c].hazard_version, hazard.to);
    }
  }

  /// A hazard ends the stay for certain when nothing can move it (no change of rates during
  /// the run, no rates that depend on being served by a pool) and its destination has no slot
  /// that could be full.
  void note_sure_exit(std::uint32_t c, const NextHazard& hazard) {
    if (hazard.at < horizon_ && hazards_fixed_in_stay_ && active_model().states[hazard.to].slot == kNone) {
      cit_[c].sure_exit = std::min(cit_[c].sure_exit, hazard.at);
    }
  }

  /// Whether an event of c's at time t comes after an event that ends c's stay for certain: it
  /// would only be dropped as stale, so it is not pushed at all. At the same instant the order
  /// of classes decides, so only strictly later events are left out.
  bool after_sure_exit(std::uint32_t c, double t) const { return t > cit_[c].sure_exit; }

  /// Uses up the thresholds' consumed part up to t under the current rules (before a change).
  void freeze_hazards(std::uint32_t c, double t) {
    const auto& list = tables_->hazards_from[cit_[c].state];
    const Model& m = active_model();
    for (std::size_t j = 0; j < list.size(); ++j) {
      const Transition& tr = m.transitions[list[j]];
      remaining_[c * max_hazards_ + j] -=
          weighted_hazard_between(tr.hazard_for(cit_[c].group), clock_origin(c, tr.hazard_for(cit_[c].group)), cit_[c].hazard_anchor, t,
                                  current_path(c, list[j], cit_[c].hazard_anchor));
    }
    cit_[c].hazard_anchor = t;
  }

  /// Re-targets the remaining thresholds from the current tables' hazard list to `next`'s,
  /// matching by destination; a destination new in `next` gets its own (unused) draw.
  void carry_thresholds(std::uint32_t c, const Tables& next) {
    const auto& old_list = tables_->hazards_from[cit_[c].state];
    const auto& new_list = next.hazards_from[cit_[c].state];
    std::vector<double> carried(new_list.size());
    const RandomStream stream = streams_.stream(stream_key(c), kHazard);
    for (std::size_t j = 0; j < new_list.size(); ++j) {
      const StateId to = next.model->transitions[new_list[j]].to;
      carried[j] = stream.exponential(hazard_counter(c, to));
      for (std::size_t i = 0; i < old_list.size(); ++i) {
        if (tables_->model->transitions[old_list[i]].to == to) carried[j] = remaining_[c * max_hazards_ + i];
      }
    }
    for (std::size_t j = 0; j < carried.size(); ++j) remaining_[c * max_hazards_ + j] = carried[j];
  }

  void reschedule_hazards(std::uint32_t c) {
    ++cit_[c].hazard_version;
    schedule_hazards(c);
  }

  // ---- meetings and pools -----------------------------------------------------------------
  std::size_t slot_of(std::uint32_t c, int track) const { return static_cast<std::size_t>(c) * track_count_ + track; }

  std::int64_t pool_capacity(int p) const {
    const Model& m = active_model();
    if (p >= static_cast<int>(m.pools.size()) || m.pools[p].caseload_per_fte <= 0.0) return std::numeric_limits<std::int64_t>::max();
    return static_cast<std::int64_t>(std::floor(pools_[p].fte * m.pools[p].caseload_per_fte + 1e-9));
  }

  std::int64_t capacity_of_slot(int s) const {
    const Model& m = active_model();
    return s < static_cast<int>(m.slots.size()) ? m.slots[s].capacity : 0;
  }

  double meeting_interval(const MeetingTrack& track) const {
    if (track.pool == kNone) return track.interval_min;
    const Pool& pool = active_model().pools[track.pool];
    const double throughput = pools_[track.pool].fte * pool.meetings_per_fte_week;
    if (throughput <= 0.0) return track.interval_max;
    const double interval = static_cast<double>(pools_[track.pool].served) / throughput;
    return std::clamp(interval, track.interval_min, track.interval_max);
  }

  /// Puts c on every track of its state that it is eligible for now, and schedules checks for
  /// when eligibility by spell length begins or ends.
  void join_tracks(std::uint32_t c, double t) {
    if (track_count_ == 0) return;
    for (int k : tables_->tracks_in[cit_[c].state]) {
      const std::size_t at = slot_of(c, k);
      tracks_[at].meeting_index = 0;
      consider_track(c, k, t);
    }
  }

  /// Whether c may be on track k at time t (the state is one of the track's).
  bool eligible_for_track(std::uint32_t c, int k, double t) const {
    return matches(active_model().meetings[k].eligible, c, t);
  }

  void consider_track(std::uint32_t c, int k, double t) {
    Citizen& me = cit_[c];
    const MeetingTrack& track = active_model().meetings[k];
    if (track.max_per_citizen > 0 && meetings_held_[slot_of(c, k)] >= static_cast<std::uint32_t>(track.max_per_citizen)) return;
    const Filter& f = track.eligible;
    const bool group_ok = f.groups.empty() || contains(f.groups, me.group);
    const bool state_ok = f.states.empty() || contains(f.states, me.state);
    if (!group_ok || !state_ok) return;
    if (t < me.spell_start + f.min_spell_weeks) {
      schedule_track_check(c, k, me.spell_start + f.min_spell_weeks);
      return;
    }
    if (!eligible_for_track(c, k, t)) return;
    if (std::isfinite(f.max_spell_weeks)) schedule_track_check(c, k, me.spell_start + f.max_spell_weeks);
    if (cap_ > 0 && k >= base_track_count_ && !admit_to_intervention(c, t, true)) return;  // the capped intervention is full
    const std::size_t at = slot_of(c, k);
    if (track.pool == kNone) {
      tracks_[at].status = kServed;
      book_meeting_unless_booked(c, k, t);
      return;
    }
    PoolRuntime& pool = pools_[track.pool];
    // A pool without staff does not exist (an added pool after the arm's end, a staffing change
    // to 0): nobody is served or waits; on_staff_change lets the eligible join when staff come.
    if (pool.fte <= 0.0) return;
    touch_pool(track.pool);
    if (pool.served < pool_capacity(track.pool)) {
      assign_to_pool(c, k, t);
      if (!rebuilding_pools_) join_at_once(track.pool, t);
    } else {
      tracks_[at].status = kWaiting;
      track_wait_since_[at] = t;
      ++pool.waiting;
      pool.queue.push_back(Waiter{c, me.version * 64u + static_cast<std::uint32_t>(k)});
      if (!rebuilding_pools_) begin_wait(track.pool, t, true);
    }
  }

  /// A check of c's eligibility for track k when a spell-length window opens or closes.
  void schedule_track_check(std::uint32_t c, int k, double at) {
    if (after_sure_exit(c, at)) return;
    queue_.push(at, kCheck, static_cast<std::uint16_t>(Kind::track_check), c, cit_[c].version, static_cast<std::uint16_t>(k));
  }

  void assign_to_pool(std::uint32_t c, int k, double t) {
    const MeetingTrack& track = active_model().meetings[k];
    const std::size_t at = slot_of(c, k);
    if (service_changes_hazards_) freeze_hazards(c, t);
    tracks_[at].status = kServed;
    ++pools_[track.pool].served;
    if (records_participation_) note_pool_place(c, track.pool, t);
    book_meeting_unless_booked(c, k, t);
    if (service_changes_hazards_) reschedule_hazards(c);
  }

  /// Keeps a meeting already booked (when the arm switches on or off the schedule goes on);
  /// otherwise books the next one an interval from now.
  void book_meeting_unless_booked(std::uint32_t c, int k, double t) {
    const double booked = tracks_[slot_of(c, k)].next_meeting;
    if (booked > t && std::isfinite(booked)) return;
    book_next_meeting(c, k, t);
  }

  void schedule_meeting(std::uint32_t c, int k, double at) {
    tracks_[slot_of(c, k)].next_meeting = at;
    if (at < horizon_ && !after_sure_exit(c, at)) {
      queue_.push(at, kMeeting, static_cast<std::uint16_t>(Kind::meeting), c, cit_[c].version, static_cast<std::uint16_t>(k));
    }
  }

  void leave_track(std::uint32_t c, int k, double t, bool admit_next) {
    const std::size_t at = slot_of(c, k);
    if (!pending_meeting_.empty()) confirm_pending_meeting(c, k, t);
    const std::uint8_t status = tracks_[at].status;
    if (status == kOff) return;
    tracks_[at].status = kOff;
    tracks_[at].next_meeting = kInfinity;
    const int p = active_model().meetings[k].pool;
    if (p == kNone) return;
    touch_pool(p);
    if (status == kWaiting) {
      --pools_[p].waiting;
      end_wait(p, t - track_wait_since_[at]);
      return;
    }
    --pools_[p].served;
    if (admit_next) admit_from_pool_queue(p, t);
  }

  void leave_tracks(std::uint32_t c, double t) {
    if (track_count_ == 0) return;
    for (int k : tables_->tracks_in[cit_[c].state]) leave_track(c, k, t, true);
  }

  void admit_from_pool_queue(int p, double t) {
    PoolRuntime& pool = pools_[p];
    while (pool.served < pool_capacity(p) && !pool.queue.empty()) {
      const Waiter w = pool.queue.front();
      pool.queue.pop_front();
      const int k = static_cast<int>(w.version % 64u);
      const std::size_t at = slot_of(w.citizen, k);
      if (w.version / 64u != cit_[w.citizen].version || tracks_[at].status != kWaiting) continue;
      touch_pool(p);
      --pool.waiting;
      end_wait(p, t - track_wait_since_[at]);
      assign_to_pool(w.citizen, k, t);
    }
  }

  void on_meeting(std::uint32_t c, int k) {
    const double t = now_;
    if (records_participation_ && participation_track_[k]) participate(c, t);
    const MeetingTrack& track = active_model().meetings[k];
    if (track.pool != kNone) {
      const int y = year_of(t);
      if (y >= 0) result_.resource(y, track.pool).meetings += 1.0;
    }
    const RandomStream stream = streams_.stream(stream_key(c), kMeetingOutcome);
    const int to = meeting_destination(c, k, t, meeting_draw(stream, c, k, tracks_[slot_of(c, k)].meeting_index++));
    // A receipt (the effects that follow the citizen hold from now on) re-times its hazards.
    const bool receipt = arm_active_ && receipts_.on_track(k);
    if (receipt) {
      freeze_hazards(c, t);
      receipts_.meeting(c, k, t);
    }
    const bool last = track.max_per_citizen > 0 && ++meetings_held_[slot_of(c, k)] >= static_cast<std::uint32_t>(track.max_per_citizen);
    if (to != kNone && move(c, static_cast<StateId>(to))) return;  // the new state books its own meetings
    if (receipt) reschedule_hazards(c);
    // A one-off track ends with its last meeting.
    if (last) {
      end_track_now(c, k, t);
      return;
    }
    // Nobody moved, or the citizen is queued for a slot: meetings go on meanwhile.
    book_next_meeting(c, k, t);
  }

  /// The draw of the `index`-th meeting of c's stay on track k (stream: c's meeting outcomes).
  double meeting_draw(const RandomStream& stream, std::uint32_t c, int k, std::uint32_t index) const {
    return stream.uniform(meeting_counter(c, k, index));
  }

  /// The draw number of that meeting: the stay (entry count), the track and the meeting's number.
  std::uint64_t meeting_counter(std::uint32_t c, int k, std::uint32_t index) const {
    return (static_cast<std::uint64_t>(cit_[c].entries) << 32) | (static_cast<std::uint64_t>(k) << 20) | index;
  }

  /// Where a meeting of track k held at t with draw u sends c (kNone: nowhere).
  int meeting_destination(std::uint32_t c, int k, double t, double u) const {
    const auto& outcomes = tables_->outcomes(k, cit_[c].state);
    if (!outcome_effects_apply(k)) return first_outcome(outcomes, u);
    for (const MeetingOutcome& outcome : outcomes) {
      const double p = outcome.probability * outcome_multiplier(c, k, outcome.to, t);
      if (u < p) return outcome.to;
      u -= p;
    }
    return kNone;
  }

  bool outcome_effects_apply(int k) const { return tables_->outcome_effects_on[k] != 0; }  // set in the arm's tables (and after-end ones)

  /// The outcome a draw u picks when no effect scales the probabilities (the same sums as with
  /// multipliers of 1).
  static int first_outcome(const std::vector<MeetingOutcome>& outcomes, double u) {
    for (const MeetingOutcome& outcome : outcomes) {
      if (u < outcome.probability) return outcome.to;
      u -= outcome.probability;
    }
    return kNone;
  }

  /// Books the meeting after one held at t. Where idle meetings need no event, the meetings that
  /// would move nobody are passed over here, with the same draws and times as holding them, and
  /// only the first that moves the citizen is booked; the search stops at the stay's sure exit,
  /// after which no meeting would be held (sim/README.md, "Events that are left out").
  void book_next_meeting(std::uint32_t c, int k, double t) {
    const MeetingTrack& track = active_model().meetings[k];
    const double interval = meeting_interval(track);
    double at = t + interval;
    if (!pending_meeting_.empty() && tables_->skips_idle_meetings[k]) note_pending_meeting(c, k, at);
    if (tables_->skips_idle_meetings[k]) {
      TrackSlot& slot = tracks_[slot_of(c, k)];
      const RandomStream stream = streams_.stream(stream_key(c), kMeetingOutcome);
      std::uint32_t index = slot.meeting_index;
      int to = kNone;
      if (outcome_effects_apply(k)) {
        while (at < horizon_ && !after_sure_exit(c, at) && (to = meeting_destination(c, k, at, meeting_draw(stream, c, k, index))) == kNone) {
          ++index;
          at += interval;
        }
      } else {
        // The hot loop of a caseload model: the draws of the coming meetings, one by one.
        const auto& outcomes = tables_->outcomes(k, cit_[c].state);
        const std::uint64_t stay = meeting_counter(c, k, 0);
        while (at < horizon_ && !after_sure_exit(c, at) && (to = first_outcome(outcomes, stream.uniform(stay | index))) == kNone) {
          ++index;
          at += interval;
        }
      }
      slot.meeting_index = index;
      // This meeting ends the stay for certain if its destination has no slot that could be
      // full and the track's spell window is still open then.
      if (to != kNone && active_model().states[to].slot == kNone && at < cit_[c].spell_start + track.eligible.max_spell_weeks) {
        schedule_meeting(c, k, at);
        cit_[c].sure_exit = std::min(cit_[c].sure_exit, at);
        return;
      }
    }
    schedule_meeting(c, k, at);
  }

  double outcome_multiplier(std::uint32_t c, int k, StateId outcome, double t) const {
    if (!arm_active_ && !has_after_effects_) return 1.0;
    double m = 1.0;
    for (std::size_t i = 0; i < arm_.effects.size(); ++i) {
      const Effect& e = arm_.effects[i];
      if (e.kind != Effect::Kind::meeting_outcome || e.meeting != k || e.outcome != outcome) continue;
      const double w = effect_weight(static_cast<int>(i), c, t, arm_active_, false);
      if (w > 0.0) m *= EffectFade::scaled(e.multiplier, w);
    }
    return m;
  }

  /// c leaves track k at t while staying in its state (a spell window closed, a one-off track's
  /// last meeting); rates that depend on being served are re-timed.
  void end_track_now(std::uint32_t c, int k, double t) {
    if (service_changes_hazards_ && tracks_[slot_of(c, k)].status == kServed) freeze_hazards(c, t);
    leave_track(c, k, t, true);
    if (service_changes_hazards_) reschedule_hazards(c);
  }

  void on_track_check(std::uint32_t c, int k) {
    const double t = now_;
    const std::size_t at = slot_of(c, k);
    if (k >= static_cast<int>(active_model().meetings.size()) || !contains(tables_->tracks_in[cit_[c].state], k)) return;
    const bool on_track = tracks_[at].status != kOff;
    const bool eligible = eligible_for_track(c, k, t);
    if (on_track && !eligible) {
      end_track_now(c, k, t);  // the spell window has closed
    } else if (!on_track && eligible) {
      consider_track(c, k, t);
    }
  }

  // ---- slots --------------------------------------------------------------------------------
  void leave_slot_queue(std::uint32_t c) {
    if (!has_slots_) return;
    const int s = waiting_slot_[c];
    if (s == -1) return;
    touch_slot(s);
    --slots_[s].waiting;
    end_wait(slot_resource(s), now_ - wait_since_[c]);
    waiting_slot_[c] = -1;
  }

  void admit_from_slot_queue(int s) {
    SlotRuntime& slot = slots_[s];
    while (slot.occupied < capacity_of_slot(s) && !slot.queue.empty()) {
      const Waiter w = slot.queue.front();
      slot.queue.pop_front();
      if (w.version != cit_[w.citizen].version || waiting_slot_[w.citizen] != s) continue;
      const StateId to = waiting_target_[w.citizen];
      change_state(w.citizen, to);  // clears the queue entry and takes the place
    }
  }

  // ---- resource statistics --------------------------------------------------------------------
  void touch_pool(int p) {
    PoolRuntime& pool = pools_[p];
    const double from = pool.last_touch;
    if (now_ <= from) return;
    pool.last_touch = now_;
    const Model& m = active_model();
    const double cap = m.pools.size() > static_cast<std::size_t>(p) && m.pools[p].caseload_per_fte > 0.0
                           ? static_cast<double>(pool_capacity(p))
                           : 0.0;
    const double throughput = p < static_cast<int>(m.pools.size()) ? pool.fte * m.pools[p].meetings_per_fte_week : 0.0;
    const bool open = pool.fte > 0.0;
    years_.split(from, now_, [&](int y, double lo, double hi) {
      ResourceYear& r = result_.resource(y, p);
      r.waiting_area += static_cast<double>(pool.waiting) * (hi - lo);
      r.busy_area += static_cast<double>(pool.served) * (hi - lo);
      r.capacity_area += cap * (hi - lo);
      r.meeting_capacity += throughput * (hi - lo);
      if (open) {
        r.open_weeks += hi - lo;
        r.open_busy_area += static_cast<double>(pool.served) * (hi - lo);
      }
    });
  }

  void touch_slot(int s) {
    SlotRuntime& slot = slots_[s];
    const double from = slot.last_touch;
    if (now_ <= from) return;
    slot.last_touch = now_;
    const double cap = static_cast<double>(capacity_of_slot(s));
    const int r_index = slot_resource(s);
    years_.split(from, now_, [&](int y, double lo, double hi) {
      ResourceYear& r = result_.resource(y, r_index);
      r.waiting_area += static_cast<double>(slot.waiting) * (hi - lo);
      r.busy_area += static_cast<double>(slot.occupied) * (hi - lo);
      r.capacity_area += cap * (hi - lo);
      if (cap > 0.0) {
        r.open_weeks += hi - lo;
        r.open_busy_area += static_cast<double>(slot.occupied) * (hi - lo);
      }
    });
  }

  int slot_resource(int s) const { return static_cast<int>(pools_.size()) + s; }

  /// A citizen joins a resource at t and gets its place or caseworker at once.
  void join_at_once(int resource, double t) {
    const int y = year_of(t);
    if (y >= 0) result_.resource(y, resource).joined += 1.0;
  }

  /// A citizen starts waiting for a place at t: `joins` unless it had joined before (it lost
  /// its place when the rules switched).
  void begin_wait(int resource, double t, bool joins) {
    const int y = year_of(t);
    if (y < 0) return;
    if (joins) result_.resource(y, resource).joined += 1.0;
    result_.resource(y, resource).waits_begun += 1.0;
  }

  /// A wait of `length` weeks ends now (a place, another route, or the resource's end); it is
  /// counted in the year it ended and, for the means over joiners, in the year it began.
  void end_wait(int resource, double length) {
    const int y = year_of(now_);
    if (y >= 0) {
      result_.resource(y, resource).waits_ended += 1.0;
      result_.resource(y, resource).wait_weeks += length;
    }
    const int began = year_of(now_ - length);
    if (began >= 0) result_.resource(began, resource).joined_wait_weeks += length;
  }

  /// At the horizon: the waits still going count until then in the year they began.
  void close_open_waits() {
    const std::size_t n = cit_.size();
    for (std::uint32_t c = 0; c < n; ++c) {
      if (!cit_[c].active) continue;
      if (has_slots_ && waiting_slot_[c] != -1) {
        const int y = year_of(wait_since_[c]);
        if (y >= 0) result_.resource(y, slot_resource(waiting_slot_[c])).joined_wait_weeks += now_ - wait_since_[c];
      }
      for (int k = 0; k < track_count_ && has_pools_; ++k) {
        const std::size_t at = slot_of(c, k);
        if (tracks_[at].status != kWaiting) continue;
        const int y = year_of(track_wait_since_[at]);
        if (y >= 0) result_.resource(y, active_model().meetings[k].pool).joined_wait_weeks += now_ - track_wait_since_[at];
      }
    }
  }

  // ---- control events -------------------------------------------------------------------------
  void on_staff_change(const engine::Event& e) {
    // subject: 0 = a change in the baseline's staffing, 1 = in the arm's; each applies only
    // while its model is the active one.
    const bool arm_model_active = arm_active_ && !is_baseline_;
    if ((e.subject() == 1) != arm_model_active) return;
    const Model& m = active_model();
    const int p = e.aux();
    if (p >= static_cast<int>(m.pools.size())) return;
    touch_pool(p);
    const double before = pools_[p].fte;
    pools_[p].fte = m.pools[p].fte_schedule[e.version].second;
    if (before > 0.0 && pools_[p].fte <= 0.0) close_pool(p);
    if (before <= 0.0 && pools_[p].fte > 0.0) open_pool(p);
    replan_meetings(p, before);
    admit_from_pool_queue(p, now_);
  }

  /// Pool p lost its last staff: it no longer exists, so those served leave its tracks and
  /// those waiting stop waiting (consider_track lets nobody join a pool without staff).
  void close_pool(int p) {
    const std::size_t n = cit_.size();
    for (std::uint32_t c = 0; c < n; ++c) {
      if (!cit_[c].active) continue;
      for (int k : tables_->tracks_in[cit_[c].state]) {
        if (active_model().meetings[k].pool != p || tracks_[slot_of(c, k)].status == kOff) continue;
        const bool served = tracks_[slot_of(c, k)].status == kServed;
        if (service_changes_hazards_ && served) freeze_hazards(c, now_);
        leave_track(c, k, now_, false);
        if (service_changes_hazards_ && served) reschedule_hazards(c);
      }
    }
    pools_[p].queue.clear();
  }

  /// Pool p has staff again: the citizens eligible for its tracks join (in id order).
  void open_pool(int p) {
    const std::size_t n = cit_.size();
    for (std::uint32_t c = 0; c < n; ++c) {
      if (!cit_[c].active) continue;
      for (int k : tables_->tracks_in[cit_[c].state]) {
        if (active_model().meetings[k].pool == p && tracks_[slot_of(c, k)].status == kOff) consider_track(c, k, now_);
      }
    }
  }

  /// After pool p's staffing changed from `fte_before`: the team re-plans its calendar, so the
  /// time left to each booked meeting scales with old / new capacity (within the track's
  /// longest interval).
  void replan_meetings(int p, double fte_before) {
    const double after = pools_[p].fte;
    if (after == fte_before || after <= 0.0 || fte_before <= 0.0 || track_count_ == 0) return;
    const double factor = fte_before / after;
    const Model& m = active_model();
    const std::size_t n = cit_.size();
    for (int k = 0; k < static_cast<int>(m.meetings.size()); ++k) {
      if (m.meetings[k].pool != p) continue;
      for (std::uint32_t c = 0; c < n; ++c) {
        const std::size_t at = slot_of(c, k);
        if (tracks_[at].status != kServed || !std::isfinite(tracks_[at].next_meeting)) continue;
        const double left = std::min((tracks_[at].next_meeting - now_) * factor, m.meetings[k].interval_max);
        schedule_meeting(c, k, now_ + left);
      }
    }
  }

  /// The intervention starts or ends. Citizens whose rules differ between the two models are
  /// re-evaluated (hazard thresholds carried over, so their draws stay aligned); everyone else is
  /// left exactly as they are, so a null intervention reproduces the baseline bit for bit. Pools
  /// are rebuilt with the citizens served first and the waiting lines in their old order.
  void switch_model() {
    const double t = now_;
    const std::size_t n = cit_.size();
    const Tables& next = arm_active_ ? after_tables_ : arm_tables_;
    const bool next_active = !arm_active_;
    std::vector<std::uint8_t> changes(n, 0);
    // Citizens in a state whose stays are receipts receive it from the start on.
    for (std::uint32_t c = 0; c < n && next_active && receipts_.any(); ++c) {
      if (cit_[c].active) receipts_.enter(c, cit_[c].state, t);
    }
    for (std::uint32_t c = 0; c < n; ++c) {
      if (!cit_[c].active) continue;
      if (has_participants_) flush_participation(c, t);
      if (booking_differs(c, next)) accrue(c, t);
      if (hazards_differ(c, next, next_active)) {
        changes[c] = 1;
        freeze_hazards(c, t);
      }
    }
    for (std::size_t p = 0; p < pools_.size(); ++p) touch_pool(static_cast<int>(p));
    for (std::size_t s = 0; s < slots_.size(); ++s) touch_slot(static_cast<int>(s));
    // Who was served (id order) and who waited (queue order), then empty the pools.
    std::vector<std::uint32_t> rejoin_order;
    std::vector<std::uint8_t> queued(n, 0);
    if (track_count_ > 0) {
      for (std::uint32_t c = 0; c < n; ++c) {
        bool was_served = false;
        for (int k = 0; k < track_count_ && cit_[c].active; ++k) was_served = was_served || tracks_[slot_of(c, k)].status == kServed;
        if (was_served) {
          rejoin_order.push_back(c);
          queued[c] = 1;
        }
      }
      for (const auto& pool : pools_) {
        for (const Waiter& w : pool.queue) {
          const std::size_t at = slot_of(w.citizen, static_cast<int>(w.version % 64u));
          if (w.version / 64u == cit_[w.citizen].version && tracks_[at].status == kWaiting && !queued[w.citizen]) {
            rejoin_order.push_back(w.citizen);
            queued[w.citizen] = 1;
          }
        }
      }
      for (std::uint32_t c = 0; c < n; ++c) {
        if (cit_[c].active && !queued[c]) rejoin_order.push_back(c);
      }
      // Each citizen's place on each track before the switch, for the joins and waits.
      prior_status_.assign(n * static_cast<std::size_t>(track_count_), kOff);
      prior_pool_.assign(static_cast<std::size_t>(track_count_), kNone);
      prior_wait_since_ = track_wait_since_;
      for (int k = 0; k < track_count_ && k < static_cast<int>(active_model().meetings.size()); ++k) prior_pool_[k] = active_model().meetings[k].pool;
      for (std::uint32_t c = 0; c < n; ++c) {
        for (int k = 0; k < track_count_ && cit_[c].active; ++k) {
          const std::size_t at = slot_of(c, k);
          prior_status_[at] = tracks_[at].status;
          if (tracks_[at].status == kWaiting) tracks_[at].next_meeting = kInfinity;
          tracks_[at].status = kOff;
        }
      }
    }
    for (std::uint32_t c = 0; c < n; ++c) {
      if (changes[c]) carry_thresholds(c, next);
    }
    arm_active_ = next_active;
    tables_ = &next;
    const Model& m = active_model();
    std::vector<double> fte_before(pools_.size());
    for (std::size_t p = 0; p < pools_.size(); ++p) {
      fte_before[p] = pools_[p].fte;
      pools_[p].fte = p < m.pools.size() ? fte_at(m.pools[p], t) : 0.0;
      pools_[p].served = 0;
      pools_[p].waiting = 0;
      pools_[p].queue.clear();
    }
    rebuilding_pools_ = true;
    for (std::uint32_t c : rejoin_order) {
      for (int k : tables_->tracks_in[cit_[c].state]) consider_track(c, k, t);
    }
    rebuilding_pools_ = false;
    count_reseated(t);
    for (std::size_t p = 0; p < pools_.size(); ++p) replan_meetings(static_cast<int>(p), fte_before[p]);
    // Tracks that no longer exist: forget their booked meetings.
    for (std::uint32_t c = 0; c < n && track_count_ > 0; ++c) {
      for (int k = 0; k < track_count_; ++k) {
        const std::size_t at = slot_of(c, k);
        if (tracks_[at].status == kOff) tracks_[at].next_meeting = kInfinity;
      }
    }
    for (std::uint32_t c = 0; c < n; ++c) {
      if (changes[c]) reschedule_hazards(c);
    }
    // A slot the new rules close (an added slot after the arm's end) keeps no waiting line.
    for (std::uint32_t c = 0; c < n && has_slots_; ++c) {
      if (waiting_slot_[c] != -1 && capacity_of_slot(waiting_slot_[c]) == 0) leave_slot_queue(c);
    }
    for (std::size_t s = 0; s < slots_.size(); ++s) admit_from_slot_queue(static_cast<int>(s));
  }

  /// After switch_model re-seated the pools: joins and waits as seen by the citizens. A wait that
  /// goes on in the same pool keeps its start; one that ends (served now, or the track or pool
  /// is gone) ends now; a citizen new to a pool joins it now.
  void count_reseated(double t) {
    const std::size_t n = cit_.size();
    const Model& m = active_model();
    for (std::uint32_t c = 0; c < n && track_count_ > 0; ++c) {
      if (!cit_[c].active) continue;
      for (int k = 0; k < track_count_; ++k) {
        const std::size_t at = slot_of(c, k);
        const std::uint8_t before = prior_status_[at], after = tracks_[at].status;
        const int old_pool = prior_pool_[k];
        const int new_pool = k < static_cast<int>(m.meetings.size()) ? m.meetings[k].pool : kNone;
        const bool same_pool = old_pool == new_pool && old_pool != kNone;
        if (before == kWaiting && after == kWaiting && same_pool) {
          track_wait_since_[at] = prior_wait_since(at);
          continue;
        }
        if (before == kWaiting && old_pool != kNone) end_wait(old_pool, t - prior_wait_since(at));
        if (new_pool == kNone || after == kOff) continue;
        const bool joins = before == kOff || !same_pool;
        if (after == kWaiting) {
          begin_wait(new_pool, t, joins);
        } else if (joins) {
          join_at_once(new_pool, t);
        }
      }
    }
  }

  /// The wait start of a citizen-track waiting before the switch (consider_track overwrites
  /// track_wait_since_ only for those who wait again).
  double prior_wait_since(std::size_t at) const { return prior_wait_since_[at]; }

  /// Whether c's benefit or programme cost differs between the active model and `next`.
  bool booking_differs(std::uint32_t c, const Tables& next) const {
    const State& a = active_model().states[cit_[c].state];
    const State& b = next.model->states[cit_[c].state];
    return benefit_in(active_model(), cit_[c].state, cit_[c].group) != benefit_in(*next.model, cit_[c].state, cit_[c].group) ||
           a.cost_per_week != b.cost_per_week;
  }

  /// Whether c's competing hazards (destinations, hazard functions or multipliers) differ
  /// between the active rules and `next` (with the arm's effects on when `next_active`).
  bool hazards_differ(std::uint32_t c, const Tables& next, bool next_active) const {
    const auto& old_list = tables_->hazards_from[cit_[c].state];
    const auto& new_list = next.hazards_from[cit_[c].state];
    if (old_list.size() != new_list.size()) return true;
    for (std::size_t j = 0; j < old_list.size(); ++j) {
      const Transition& a = tables_->model->transitions[old_list[j]];
      const Transition& b = next.model->transitions[new_list[j]];
      if (a.to != b.to || !(a.hazard_for(cit_[c].group) == b.hazard_for(cit_[c].group))) return true;
      const MultiplierPath pa = multiplier_path(c, old_list[j], now_, *tables_, arm_active_);
      const MultiplierPath pb = multiplier_path(c, new_list[j], now_, next, next_active);
      if (pa.begin != pb.begin || pa.value != pb.value) return true;
    }
    return false;
  }

  void mark_cohort() {
    const std::size_t n = cit_.size();
    in_cohort_.assign(n, 0);
    result_.cohort_exits.assign(static_cast<std::size_t>(result_.weeks), 0);
    for (std::uint32_t c = 0; c < n; ++c) {
      if (cit_[c].active && cit_[c].state == options_.cohort_state && now_ - cit_[c].spell_start >= options_.cohort_min_spell_weeks) {
        in_cohort_[c] = 1;
        ++result_.cohort_size;
      }
    }
  }

  /// A cohort member's first entry into self-support, at time t.
  void record_cohort_exit(std::uint32_t c, double t) {
    in_cohort_[c] = 0;
    const auto first_week = static_cast<std::size_t>(std::ceil(t));
    for (std::size_t w = first_week; w < result_.cohort_exits.size(); ++w) ++result_.cohort_exits[w];
  }

  /// Books every citizen and resource up to a budget year's end.
  void close_year() {
    const std::size_t n = cit_.size();
    for (std::uint32_t c = 0; c < n && books_time_; ++c) {
      if (cit_[c].active) accrue(c, now_);
    }
    for (std::size_t p = 0; p < pools_.size(); ++p) touch_pool(static_cast<int>(p));
    for (std::size_t s = 0; s < slots_.size(); ++s) touch_slot(static_cast<int>(s));
  }

  void on_report(int week) {
    if (week == 0 && options_.cohort_state >= 0) mark_cohort();
    std::copy(counts_.begin(), counts_.end(), result_.occupancy.begin() + static_cast<std::ptrdiff_t>(week) * state_count_);
    if (week + 1 < result_.weeks) queue_.push(week + 1.0, kReport, static_cast<std::uint16_t>(Kind::report), static_cast<std::uint32_t>(week + 1));
  }

  void finish() {
    const double t = horizon_;
    now_ = t;
    const std::size_t n = cit_.size();
    const Model& m = active_model();
    for (std::uint32_t c = 0; c < n; ++c) {
      if (!cit_[c].active) continue;
      accrue(c, t);
      if (record_deadweight_) result_.self_supporting_at_end[c] = m.states[cit_[c].state].self_supporting ? 1 : 0;
    }
    for (std::size_t p = 0; p < pools_.size(); ++p) touch_pool(static_cast<int>(p));
    for (std::size_t s = 0; s < slots_.size(); ++s) touch_slot(static_cast<int>(s));
    close_open_waits();
    finish_impact();
    if (!has_participants_) return;
    for (std::uint32_t c = 0; c < n; ++c) {
      if (first_treated_[c] == kInfinity) continue;
      ++result_.treated;
      const int y = first_treated_[c] < cost_until_ ? years_.index_of(first_treated_[c]) : -1;  // none after the costs stop
      if (y >= 0) result_.first_participants[y] += 1.0;  // per_participant costs
      if (!left_after_treatment_[c]) continue;
      ++result_.left_benefits;
      if (baseline_result_ != nullptr && c < baseline_result_->last_self_support_entry.size()) {
        const bool left_anyway = baseline_result_->last_self_support_entry[c] >= static_cast<float>(first_treated_[c]) ||
                                 baseline_result_->self_supporting_at_end[c] != 0;
        if (left_anyway) ++result_.left_in_baseline_too;
      }
    }
  }

  // ---- effect windows, one-off tracks, caps (model/effect_window.hpp; issue 19) --------------
  void prepare_windows() {
    const Model& m = arm_.model;
    const Model& base = scenario_.arms[0].model;
    base_state_count_all_ = static_cast<int>(base.states.size());
    base_track_count_ = static_cast<int>(base.meetings.size());
    for (const Model* model : {&base, &m}) {
      for (const MeetingTrack& track : model->meetings) has_meeting_limits_ = has_meeting_limits_ || track.max_per_citizen > 0;
    }
    if (is_baseline_) return;
    cap_ = arm_.max_participants;
    receipts_.prepare(arm_.effects, static_cast<int>(m.meetings.size()));
    windows_change_rates_ = receipts_.any() || cap_ > 0;
    has_after_effects_ = std::isfinite(arm_from_) && (fade_.fades() || receipts_.any());
    if (!has_after_effects_) return;
    // After the end the effects act under the rules after the end (their transitions by from/to).
    for (std::size_t e = 0; e < arm_.effects.size(); ++e) {
      const Effect& effect = arm_.effects[e];
      if (effect.kind == Effect::Kind::meeting_outcome && effect.meeting >= 0 && effect.meeting < static_cast<int>(after_model_.meetings.size())) {
        after_tables_.outcome_effects_on[effect.meeting] = 1;
      }
      if (effect.kind != Effect::Kind::hazard) continue;
      for (std::size_t i = 0; i < after_model_.transitions.size(); ++i) {
        const Transition& tr = after_model_.transitions[i];
        if (tr.from == effect.from && tr.to == effect.to) after_tables_.effects_on_transition[i].push_back(static_cast<int>(e));
      }
    }
  }

  /// How strongly effect e acts on c at t, from 0 to 1: its target must match and a capped arm
  /// must have admitted c; then a `received` target holds while c's receipt does, and any other
  /// while the arm's rules apply (`effects_on`) or, after them, by the fade (in weekly steps for
  /// hazards, `stepwise`, the exact line for a meeting).
  double effect_weight(int e, std::uint32_t c, double t, bool effects_on, bool stepwise) const {
    const Effect& effect = arm_.effects[e];
    if (!matches(effect.target, c, t)) return 0.0;
    if (cap_ > 0 && !admitted_[c]) return 0.0;
    if (effect.target.needs_receipt()) return receipts_.holds(c, e, t) ? 1.0 : 0.0;
    if (effects_on) return 1.0;
    return stepwise ? fade_.step_strength(t) : fade_.strength(t);
  }

  void note_receipt_of_state(std::uint32_t c, StateId from, StateId to, double t) {
    receipts_.leave(c, from, t);
    if (arm_active_) receipts_.enter(c, to, t);
  }

  /// Admits c to a capped intervention (its own tracks and states) while there is room and the
  /// arm is on; the effects then reach c, so its hazards are re-timed (`retime`: c is in a stay
  /// whose hazards are scheduled).
  bool admit_to_intervention(std::uint32_t c, double t, bool retime) {
    if (admitted_[c]) return true;
    if (!arm_active_ || admitted_count_ >= cap_) return false;
    if (retime) freeze_hazards(c, t);
    admitted_[c] = 1;
    ++admitted_count_;
    if (retime) reschedule_hazards(c);
    return true;
  }

  /// Whether a capped intervention that is full keeps c out of its own state `to`.
  bool cap_blocks(std::uint32_t c, StateId to) {
    if (cap_ == 0 || to < base_state_count_all_ || to == cit_[c].state) return false;
    return !admit_to_intervention(c, now_, false);
  }

  // ---- participants and the per-citizen ledger (model/participation.hpp; issue 16) -----------
  // Kept apart from the deadweight record above: the baseline keeps a ledger (cost per citizen
  // and year, self-support flips) when other arms will compare with it; an arm compared with it
  // records each citizen's first participation. Nothing here schedules events or draws numbers.
  void prepare_impact() {
    keeps_ledger_ = record_deadweight_ || (!is_baseline_ && baseline_result_ != nullptr && baseline_result_->ledger != nullptr);
    records_participation_ = keeps_ledger_ && !is_baseline_;
    if (!records_participation_) return;
    const Model& base = scenario_.arms[0].model;
    participation_track_ = participation_tracks(base, arm_.model);
    base_state_count_ = static_cast<int>(base.states.size());
  }

  void init_impact(std::size_t n) {
    if (!keeps_ledger_) return;
    ledger_ = std::make_shared<CitizenLedger>();
    ledger_->init(n, years_.size(), has_benefits_);
    // Each benefit's weekly rate per budget year at the price level, as economics::price_arm.
    const auto& budget_years = calendar_.budget_years();
    ledger_rates_.assign(arm_.model.benefits.size() * budget_years.size(), 0.0);
    for (std::size_t b = 0; b < arm_.model.benefits.size(); ++b) {
      for (std::size_t y = 0; y < budget_years.size(); ++y) {
        const int year = budget_years[y].year;
        ledger_rates_[b * budget_years.size() + y] = arm_.model.benefits[b].rate_in(year) * scenario_.report.price_factor(year);
      }
    }
    if (!records_participation_) return;
    first_participation_.assign(n, kInfinity);
    if (track_count_ > 0) pending_meeting_.assign(n * track_count_, kInfinity);
  }

  /// c received the intervention at t (counted from the first reported day).
  void participate(std::uint32_t c, double t, bool after_end = false) {
    if (!arm_active_ && !after_end) return;
    const double at = std::max(t, 0.0);
    if (at < horizon_ && at < first_participation_[c]) first_participation_[c] = at;
  }

  void participate_during(std::uint32_t c, double a, double b) {
    if (b > 0.0 && a < horizon_) participate(c, a);
  }

  void note_admission(std::uint32_t c, StateId state, double t) {
    ledger_->admit(c, active_model().states[state].self_supporting);
    if (records_participation_ && state >= base_state_count_) participate(c, t);  // a place in a state the arm added
  }

  /// Before c takes its place in state `to` (slot occupancy not yet counted).
  void note_state_change(std::uint32_t c, bool flips, StateId to, double t) {
    if (flips) ledger_->flip(c, t);
    if (!records_participation_) return;
    if (to >= base_state_count_) {
      participate(c, t);  // a state the arm added
      return;
    }
    // A slot place the arm added: c enters when the places the baseline has are all taken.
    const int s = active_model().states[to].slot;
    if (s == kNone) return;
    const Model& base = scenario_.arms[0].model;
    const std::int64_t base_places = s < static_cast<int>(base.slots.size()) ? base.slots[s].capacity : 0;
    if (slots_[s].occupied >= base_places) participate(c, t);
  }

  /// After c got a place in pool p: a place the arm added if the pool is new or it now serves
  /// more citizens than the baseline's caseload cap allows.
  void note_pool_place(std::uint32_t c, int p, double t) {
    const Model& base = scenario_.arms[0].model;
    if (p >= static_cast<int>(base.pools.size())) {
      participate(c, t);
      return;
    }
    const Pool& pool = base.pools[p];
    if (pool.caseload_per_fte <= 0.0) return;
    const auto base_places = static_cast<std::int64_t>(std::floor(fte_at(pool, t) * pool.caseload_per_fte + 1e-9));
    if (pools_[p].served > base_places) participate(c, t);
  }

  /// Prices c's benefit weeks [from, to) into its ledger exactly as economics::price_arm prices
  /// the recorded weeks, so that the split of the savings sums to the savings: the arm's own
  /// rates, each budget year's rate (dated rates, uprating) at the price level, and under dated
  /// or activity-based refund rules the rules in force in each period.
  void book_ledger(std::uint32_t c, int benefit, const RefundSchedule& schedule, double from, double to) {
    const Benefit& priced = arm_.model.benefits[benefit];
    const auto& shares = arm_.model.refund.schedules;
    const double clock = refund_clock_[c];
    const StateId state = cit_[c].state;
    if (!dated_refund_) {
      years_.split(from, to, [&](int y, double lo, double hi) {
        ledger_->book(c, y, schedule, lo, hi, clock + (lo - from), ledger_rate(benefit, y), shares[priced.refund_schedule], state);
      });
      return;
    }
    const Model& m = active_model();
    dated_periods_.split(from, to, [&](int p, double lo, double hi) {
      const double at = dated_periods_.begin(p);
      const int y = result_.dated_period_year[p];
      ledger_->book(c, y, m.refund.schedules[m.benefits[benefit].schedule_at(at)], lo, hi, clock + (lo - from), ledger_rate(benefit, y),
                    shares[priced.schedule_at(at)], state);
    });
  }

  double ledger_rate(int benefit, int year) const { return ledger_rates_[static_cast<std::size_t>(benefit) * years_.size() + year]; }

  /// Whether an effect with a multiplier other than 1 changes one of c's rates at t: a hazard out
  /// of c's state, or an outcome of a meeting track c is served on.
  bool effect_changes_rates(std::uint32_t c, double t, bool effects_on = true) const {
    const StateId state = cit_[c].state;
    for (std::size_t i = 0; i < arm_.effects.size(); ++i) {
      const Effect& e = arm_.effects[i];
      if (e.multiplier == 1.0 || effect_weight(static_cast<int>(i), c, t, effects_on, false) <= 0.0) continue;
      if (e.kind == Effect::Kind::hazard) {
        if (state != e.from) continue;
        for (int tr : tables_->hazards_from[state]) {
          if (active_model().transitions[tr].to == e.to) return true;
        }
      } else if (e.meeting >= 0 && e.meeting < track_count_ && tracks_[slot_of(c, e.meeting)].status == kServed) {
        for (const MeetingOutcome& o : tables_->outcomes(e.meeting, state)) {
          if (o.to == e.outcome) return true;
        }
      }
    }
    return false;
  }

  /// On a track whose idle meetings are not events: the next meeting, held if c is still on the
  /// track then (confirmed when c leaves the track, or at the horizon).
  void note_pending_meeting(std::uint32_t c, int k, double at) {
    if (!arm_active_ || !participation_track_[k] || at >= horizon_) return;
    double& pending = pending_meeting_[slot_of(c, k)];
    pending = std::min(pending, at);
  }

  void confirm_pending_meeting(std::uint32_t c, int k, double t) {
    double& pending = pending_meeting_[slot_of(c, k)];
    if (pending < t) participate(c, pending);
    pending = kInfinity;
  }

  void finish_impact() {
    if (!keeps_ledger_) return;
    for (std::size_t i = 0; i < pending_meeting_.size(); ++i) {
      if (pending_meeting_[i] < horizon_) participate(static_cast<std::uint32_t>(i / track_count_), pending_meeting_[i]);
    }
    ledger_->finalise();
    if (is_baseline_) {
      result_.ledger = std::move(ledger_);
      return;
    }
    result_.participant_outcomes = compare_with_baseline(*ledger_, *baseline_result_->ledger, first_participation_, horizon_);
  }

  const Model& active_model() const { return *tables_->model; }

  struct Arrival {
    double time;
    std::uint32_t source;  ///< index into sources_
    std::uint32_t index;   ///< the citizen's index within its source
  };

  SimulationOptions options_;
  const Scenario& scenario_;
  const Arm& arm_;
  std::size_t arm_index_;
  bool is_baseline_;
  std::uint64_t replication_;
  engine::StreamFamily streams_;  // this replication's streams; the arm is not in the key
  const ArmResult* baseline_result_;
  engine::Calendar calendar_;
  YearAxis years_;
  YearAxis dated_periods_;     // budget years cut at refund-rule change dates (dated rules only)
  std::vector<double> ledger_rates_;  // [benefit * years + y] DKK a week at the price level (ledger only)
  bool dated_refund_ = false;  // the model has dated or activity-based refund rules
  int state_count_;
  Tables base_tables_;
  Tables arm_tables_;
  Model after_model_;    // the rules after the arm's end (rules_after_end)
  Tables after_tables_;  // before its start: base_tables_
  const Tables* tables_ = nullptr;
  bool arm_active_ = false;
  double begin_ = 0.0, horizon_ = 0.0, arm_from_ = kInfinity, arm_until_ = kInfinity, now_ = 0.0;
  bool service_changes_hazards_ = false, has_participants_ = false, switches_ = false, keep_thresholds_ = false;
  bool has_benefits_ = false, has_slots_ = false, has_pools_ = false, record_deadweight_ = false;
  bool rebuilding_pools_ = false;       // switch_model re-seats the pools: joins and waits are its to count
  bool hazards_fixed_in_stay_ = false;  // a scheduled hazard can only turn stale by a change of state
  bool books_time_ = true;               // benefits, programme costs or participation are booked
  int max_steps_ = 1, max_hazards_ = 0, track_count_ = 0, year_hint_ = -1;
  std::vector<int> new_tracks_;
  StateId default_return_state_ = 0;
  std::int64_t initial_count_ = 0;

  ArmResult result_;
  engine::EventQueue queue_;
  const MultiplierPath unit_path_{{-kInfinity}, {1.0}};
  MultiplierPath scratch_path_;
  std::vector<CitizenSource> sources_;
  std::vector<std::pair<const Inflow*, const Inflow*>> source_inflow_;  // per source: the baseline's and the arm's entry
  std::vector<Arrival> arrivals_;
  std::vector<std::int64_t> counts_;
  std::vector<PoolRuntime> pools_;
  std::vector<SlotRuntime> slots_;

  // Citizens, indexed by citizen id: what nearly every event reads or writes sits together in
  // one 64-byte record (one cache line per event at national size), the rest in arrays
  // allocated only when the scenario needs them.
  struct alignas(64) Citizen {
    double entered = 0.0, spell_start = 0.0, accrued_until = 0.0, hazard_anchor = 0.0;
    /// The time of an event already scheduled that ends the current stay for certain (a
    /// programme's end, a hazard nothing can move, a meeting known to move the citizen): later
    /// events of this stay would only turn stale, so they are not scheduled.
    double sure_exit = kInfinity;
    std::uint32_t version = 0, hazard_version = 0, entries = 0;
    StateId state = 0, previous = 0;
    std::uint16_t group = 0;
    std::uint16_t source = 0;  ///< index into sources_
    std::uint8_t active = 0;
  };
  static_assert(sizeof(Citizen) == 64, "a citizen record is one cache line");
  std::vector<Citizen> cit_;
  std::vector<double> refund_clock_, self_support_since_;  // with benefits
  std::vector<std::vector<SelfSupportSpell>> self_support_spells_;  // with benefits
  std::vector<std::int16_t> waiting_slot_;                 // with slots
  std::vector<StateId> waiting_target_;
  std::vector<double> wait_since_;
  // Per citizen and meeting track.
  struct TrackSlot {
    double next_meeting = kInfinity;
    std::uint32_t meeting_index = 0;
    std::uint8_t status = kOff;
  };
  std::vector<TrackSlot> tracks_;
  std::vector<double> track_wait_since_;  // with pools
  // switch_model's scratch: each citizen-track's status and wait start, each track's pool.
  std::vector<std::uint8_t> prior_status_;
  std::vector<double> prior_wait_since_;
  std::vector<int> prior_pool_;
  // Only when rates can change mid-stay.
  std::vector<double> remaining_;
  // Only for arms with participants.
  std::vector<double> first_treated_;
  std::vector<double> participation_until_;
  std::vector<std::uint8_t> left_after_treatment_;
  // Only when following a cohort.
  std::vector<std::uint8_t> in_cohort_;
  // Participants and the per-citizen ledger (prepare_impact).
  bool keeps_ledger_ = false, records_participation_ = false;
  int base_state_count_ = 0;
  std::shared_ptr<CitizenLedger> ledger_;
  std::vector<std::uint8_t> participation_track_;  // [track] -> 1: its meetings make participants
  std::vector<double> first_participation_;        // [citizen]
  std::vector<double> pending_meeting_;            // [citizen * tracks + track]
  // Effects after the end, effects that follow the citizen, one-off tracks and capped
  // interventions (model/effect_window.hpp; issue 19, items 3 and 4).
  double cost_until_ = kInfinity;        // the cost lines stop here (the arm's `end`)
  EffectFade fade_{kInfinity, 0.0};
  Receipts receipts_;
  bool has_after_effects_ = false;       // effects act after the arm's rules stopped
  bool windows_change_rates_ = false;    // receipts or admissions change rates mid-stay
  bool has_meeting_limits_ = false;      // some track has max_per_citizen
  std::int64_t cap_ = 0, admitted_count_ = 0;
  int base_state_count_all_ = 0, base_track_count_ = 0;
  std::vector<std::uint8_t> admitted_;          // [citizen], with a cap
  std::vector<std::uint32_t> meetings_held_;    // [citizen * tracks + track], with one-off tracks
};

template <class T>
bool is_prefix(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() > b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name) return false;
  }
  return true;
}

}  // namespace

std::string check_arm_compatibility(const Scenario& scenario) {
  const Model& base = scenario.arms.front().model;
  for (std::size_t a = 1; a < scenario.arms.size(); ++a) {
    const Model& m = scenario.arms[a].model;
    const std::string arm = scenario.arms[a].name;
    if (!is_prefix(base.states, m.states)) return "interventions." + arm + ".patch: a patch may add states but not reorder or remove them";
    if (!is_prefix(base.groups, m.groups)) return "interventions." + arm + ".patch: a patch may add groups but not reorder or remove them";
    if (!is_prefix(base.meetings, m.meetings)) return "interventions." + arm + ".patch: a patch may add meeting tracks but not reorder or remove them";
    if (!is_prefix(base.pools, m.pools)) return "interventions." + arm + ".patch: a patch may add pools but not reorder or remove them";
    if (!is_prefix(base.slots, m.slots)) return "interventions." + arm + ".patch: a patch may add slots but not reorder or remove them";
    if (!is_prefix(base.benefits, m.benefits)) return "interventions." + arm + ".patch: a patch may add benefits but not reorder or remove them";
    if (m.meetings.size() > 64) return "interventions." + arm + ": at most 64 meeting tracks are supported";
  }
  return "";
}

ArmResult simulate_arm(const Scenario& scenario, std::size_t arm, int replication, const ArmResult* baseline) {
  return simulate_arm(scenario, arm, replication, baseline, SimulationOptions{});
}

ArmResult simulate_arm(const Scenario& scenario, std::size_t arm, int replication, const ArmResult* baseline,
                       const SimulationOptions& options) {
  ArmRun run(scenario, arm, replication, baseline, options);
  return run.run();
}

}  // namespace caseflow::model
