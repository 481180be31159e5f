/// @file arm_run.cpp
/// The loop and the lifecycle of one arm's run: set-up (citizens and their optional columns,
/// the queue's buckets, resources, control events, the initial stock), the event loop (stale
/// events dropped, the runaway-citizen watch, dispatch by kind to the processes in the other
/// files), the weekly report and cohort, and the end of the run. Owns the queue, the result's
/// shape and the loop's watch; everything else it touches through the processes' functions.

#include "model/arm_run.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace caseflow::model {
namespace {

// Event-queue buckets: aim at a few dozen events per bucket by a guess of events per
// citizen-week that is generous (in the default scenario about ten events land in a bucket),
// at most kMaxBuckets buckets, at most a week wide. Small buckets keep each bucket's sort short;
// a bucket's header is 12 bytes and says how full its last block is, so an append reads no
// block and many buckets cost little. The guess and the bounds only tune speed; results never
// depend on them.
constexpr double kEventsPerCitizenWeekGuess = 0.25;
constexpr double kEventsPerBucket = 64.0;
constexpr std::size_t kMaxBuckets = 16384;
// How many events ahead the loop prefetches the citizen record (and meeting slot) of: far
// enough to hide a memory access behind the events in between.
constexpr std::size_t kPrefetchAhead = 24;

}  // namespace

ArmRun::ArmRun(const Scenario& scenario, std::size_t arm, int replication, const ArmResult* baseline, const SimulationOptions& options,
               bool shared_prefix)
    : options_(options),
      scenario_(scenario),
      arm_(scenario.arms[arm]),
      replication_(static_cast<std::uint64_t>(replication)),
      streams_(scenario.seed, replication_),
      baseline_result_(baseline),
      plan_(scenario, arm, options.skip_needless_events, arm != 0 && baseline != nullptr && baseline->ledger != nullptr, shared_prefix,
            options.baseline_keeps_records) {
  const Model& m = arm_.model;
  result_.years = plan_.years.size();
  result_.states = plan_.state_count;
  result_.benefits = static_cast<int>(m.benefits.size());
  result_.steps = std::max(1, plan_.max_steps);
  result_.resources = static_cast<int>(m.pools.size() + m.slots.size());
  result_.weeks = plan_.calendar.reported_weeks();
  result_.benefit_weeks.assign(static_cast<std::size_t>(result_.years) * result_.benefits * result_.steps, 0.0);
  result_.programme_cost.assign(result_.years, 0.0);
  result_.participant_weeks.assign(result_.years, 0.0);
  result_.first_participants.assign(result_.years, 0.0);
  dated_refund_ = prepare_dated_refund(result_, scenario_.arms[0].model, m, plan_.arm_from, plan_.arm_until, plan_.calendar.budget_years(), dated_periods_);
  result_.occupancy.assign(static_cast<std::size_t>(result_.weeks) * plan_.state_count, 0);
  result_.flows.assign(static_cast<std::size_t>(result_.years) * plan_.state_count * plan_.state_count, 0.0);
  result_.arrivals.assign(static_cast<std::size_t>(result_.years) * plan_.state_count, 0.0);
  result_.resource_years.assign(static_cast<std::size_t>(result_.years) * result_.resources, ResourceYear{});
  counts_.assign(plan_.state_count, 0);
}

ArmResult ArmRun::run() {
  start();
  loop<false>(kInfinity);
  return std::move(result_);
}

/// Everything before the first event: citizens, queue, resources, control events, the stock.
void ArmRun::start() {
  arm_active_ = plan_.arm_from <= plan_.begin;
  tables_ = arm_active_ ? &plan_.arm_tables : &plan_.base_tables;
  create_citizens();
  configure_queue();
  init_resources(plan_.begin);
  schedule_control_events();
  place_initial_stock();
  if (!arrivals_.empty()) queue_.push(arrivals_[0].time, kArrival, static_cast<std::uint16_t>(EventKind::arrival), 0);
  if (result_.weeks > 0) queue_.push(0.0, kReport, static_cast<std::uint16_t>(EventKind::report), 0);
  queue_.push(plan_.horizon, kControl, static_cast<std::uint16_t>(EventKind::stop), 0);
}

// Citizens come from sources (model/sources.hpp): ids are laid out in one block per source,
// the same in every arm, and a citizen's streams are keyed by its source and index there.
// Arrivals for the whole run are drawn up front (model/arrivals.hpp).
void ArmRun::create_citizens() {
  sources_ = citizen_sources(scenario_, streams_, plan_.calendar);
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
  }
  // A run forked from a shared past whose arrivals are the past's takes them (fork.cpp).
  arrivals_ = forked_arrivals_ != nullptr ? *forked_arrivals_ : draw_arrivals(scenario_, plan_.arm_index, sources_, streams_, plan_.calendar);
  initial_count_ = initial;
  result_.citizens = initial + static_cast<std::int64_t>(arrivals_.size());
  const std::size_t n = sources_.empty() ? 0 : std::size_t{sources_.back().first_id} + sources_.back().block;
  // Only what the scenario uses: a national run has millions of citizens, and every byte
  // per citizen is megabytes (and cache misses) per run.
  if (forked_arrivals_ == nullptr) cit_.assign(n, Citizen{});  // a forked run copies the past's (adopt)
  if (plan_.has_benefits) {
    cols_.refund_clock.assign(n, 0.0);
    cols_.self_support_since.assign(n, 0.0);
    cols_.self_support_spells.assign(n, {});
  }
  if (plan_.has_slots) {
    cols_.waiting_slot.assign(n, -1);
    cols_.waiting_target.assign(n, 0);
    cols_.wait_since.assign(n, 0.0);
  }
  if (plan_.track_count > 0) {
    cols_.tracks.assign(n * plan_.track_count, TrackSlot{});
    if (plan_.has_pools) cols_.track_wait_since.assign(n * plan_.track_count, 0.0);
  }
  if (plan_.keep_thresholds) cols_.remaining.assign(n * std::max(1, plan_.max_hazards), 0.0);
  if (plan_.has_participants) {
    cols_.first_treated.assign(n, kInfinity);
    cols_.left_after_treatment.assign(n, 0);
  }
  if (options_.trace_citizens) result_.citizen_trajectories.assign(n, 0);
  if (options_.record_spells) {
    spells_.init(n, options_.spells_per_source);
    // An initial-stock and an inflow entry may share a name (both GROUP.STATE by default).
    for (const CitizenSource& source : sources_) result_.spell_sources.push_back((source.initial ? "initial:" : "inflow:") + source.name);
  }
  prepare_clocks(n);
  cols_.participation_until.assign(plan_.has_participants ? n : 0, 0.0);
  receipts_.prepare(arm_.effects, plan_.track_count);
  receipts_.reset(n);
  admitted_.assign(plan_.cap > 0 ? n : 0, 0);
  if (plan_.has_meeting_limits) meetings_held_.assign(n * plan_.track_count, 0);
  init_impact(n);
  if (plan_.record_deadweight) {
    result_.last_self_support_entry.assign(n, -std::numeric_limits<float>::infinity());
    result_.self_supporting_at_end.assign(n, 0);
  }
}

/// Buckets over the simulated period: most events are scheduled weeks ahead, so the queue's
/// heap holds only the current bucket's events (engine/event_queue.hpp).
void ArmRun::configure_queue() {
  const double span = std::max(1.0, plan_.horizon - plan_.begin);
  const double mean_population = static_cast<double>(initial_count_) + 0.5 * static_cast<double>(arrivals_.size());
  const double per_week = std::max(1.0, mean_population * kEventsPerCitizenWeekGuess);
  const double width = std::clamp(kEventsPerBucket / per_week, span / static_cast<double>(kMaxBuckets), 1.0);
  // Waiting events: about one or two per citizen present (a hazard, a meeting, a programme's end).
  const auto pending = static_cast<std::size_t>(2.0 * (static_cast<double>(initial_count_) + static_cast<double>(arrivals_.size())));
  queue_.set_buckets(plan_.begin, width, static_cast<std::size_t>(std::ceil(span / width)) + 1, pending);
}

void ArmRun::init_resources(double t) {
  const Model& m = active_model();
  pools_.assign(arm_.model.pools.size(), PoolRuntime{});
  slots_.assign(arm_.model.slots.size(), SlotRuntime{});
  for (std::size_t p = 0; p < pools_.size(); ++p) {
    pools_[p].fte = p < m.pools.size() ? fte_at(m.pools[p], t) : 0.0;
    pools_[p].last_touch = t;
  }
  for (auto& s : slots_) s.last_touch = t;
}

void ArmRun::schedule_control_events() {
  // Year ends first: pushed before anything else at the same instant, so each year's sums
  // are complete (and added in the same order in every arm) before any change of rules.
  for (int y = 0; y < plan_.years.size(); ++y) {
    if (plan_.years.end(y) < plan_.horizon) queue_.push(plan_.years.end(y), kControl, static_cast<std::uint16_t>(EventKind::year_end), 0);
  }
  if (plan_.switches) {
    if (plan_.arm_from > plan_.begin) queue_.push(plan_.arm_from, kControl, static_cast<std::uint16_t>(EventKind::model_switch), 0);
    if (plan_.arm_until < plan_.horizon) queue_.push(plan_.arm_until, kControl, static_cast<std::uint16_t>(EventKind::model_switch), 0);
  }
  // Staffing changes of both models; each applies only while its model is active.
  schedule_staff_changes(StaffRules::baseline, 0, plan_.begin);
  if (!plan_.is_baseline) schedule_staff_changes(StaffRules::arm, 0, plan_.begin);
}

/// Queues the staffing changes of `rules` (the baseline's include the added pools' after the
/// arm's end) for pools from `first_pool` on, after time `after`; returns how many it queued.
int ArmRun::schedule_staff_changes(StaffRules rules, std::size_t first_pool, double after) {
  const Model& m = rules == StaffRules::baseline ? plan_.after_model : arm_.model;
  int queued = 0;
  for (std::size_t p = first_pool; p < m.pools.size(); ++p) {
    for (std::size_t i = 1; i < m.pools[p].fte_schedule.size(); ++i) {
      const double at = m.pools[p].fte_schedule[i].first;
      if (at > after && at < plan_.horizon) {
        push_staff_change(queue_, at, StaffChange{rules, static_cast<std::uint32_t>(i), static_cast<std::uint16_t>(p)});
        ++queued;
      }
    }
  }
  return queued;
}

void ArmRun::place_initial_stock() {
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
      set_age(id, stock->age_years, plan_.begin);
      admit_citizen(id, static_cast<std::uint16_t>(stock->group), stock->state, plan_.begin, elapsed);
    }
  }
}

std::string ArmRun::burst_message(std::uint32_t c, double from, double to, const std::vector<StateId>& states) const {
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

/// The event loop, to the stop event or, for a shared prefix (kPrefix), up to the first event at
/// or after `until`; a prefix also counts the events the baseline's own run would have held
/// (model/fork.cpp). Two instances, so the ordinary run's loop carries none of the prefix's work.
template <bool kPrefix>
void ArmRun::loop(double until) {
  BurstWatch& watch = watch_;
  while (!queue_.empty()) {
    if constexpr (kPrefix) {
      if (queue_.next_time() >= until) return;
    }
    const engine::Event e = queue_.pop();
    // At national size nearly every event's citizen record is a cache miss: ask for the
    // record (and meeting slot) of the event a few places ahead, so the misses overlap with
    // work. A hint only: a wrong guess costs nothing. (Written out here: GCC drops a call to
    // a function whose only effect is a prefetch, as if it had none.)
    if (const engine::Event* ahead = cit_.empty() ? nullptr : queue_.lookahead(kPrefetchAhead)) {
      const std::size_t c = std::min<std::size_t>(ahead->subject(), cit_.size() - 1);  // non-citizen subjects: any valid line
      const char* record = reinterpret_cast<const char*>(cit_.data() + c);
      __builtin_prefetch(record);  // a record is one cache line
      if (plan_.track_count > 0) {
        __builtin_prefetch(cols_.tracks.data() + c * static_cast<std::size_t>(plan_.track_count) + std::min<std::size_t>(ahead->aux(), plan_.track_count - 1));
      }
    }
    const auto kind = static_cast<EventKind>(e.kind());
    if (is_stale(e, kind)) continue;
    if ((result_.events & 4095u) == 0 && options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed)) {
      throw Cancelled();
    }
    now_ = e.time;
    ++result_.events;
    result_.fingerprint = fingerprint_step(result_.fingerprint, e);
    watch_for_bursts(e, kind, watch);
    switch (kind) {
      case EventKind::stop:
        finish();
        return;
      case EventKind::year_end:
        close_year();
        break;
      case EventKind::model_switch:
        switch_model();
        break;
      case EventKind::staff_change:
        on_staff_change(staff_change_of(e));
        break;
      case EventKind::programme_end:
        on_programme_end(e.subject());
        break;
      case EventKind::hazard_exit:
        if (!move(e.subject(), e.aux())) {
          // Blocked by a full slot: the citizen waits in line; its other hazards run on.
          ++cit_[e.subject()].hazard_version;
          schedule_hazards(e.subject(), static_cast<int>(e.aux()));
        }
        break;
      case EventKind::arrival:
        on_arrival(e.subject());
        break;
      case EventKind::meeting:
        on_meeting(e.subject(), e.aux());
        break;
      case EventKind::track_check:
        on_track_check(e.subject(), e.aux());
        break;
      case EventKind::report:
        on_report(static_cast<int>(e.subject()));
        break;
      case EventKind::age_rule:
        on_age_rule(e.subject(), e.aux());
        break;
      case EventKind::benefit_clock:
        on_benefit_clock(e.subject(), e.aux());
        break;
    }
    if constexpr (kPrefix) count_for_baseline(e, kind);
  }
}

/// One citizen is watched at a time: the subject of the first citizen event after the previous
/// watch's window has passed, so a runaway citizen, whose events crowd out the others', is soon
/// the one watched (sim/README.md, "Bounded work").
void ArmRun::watch_for_bursts(const engine::Event& e, EventKind kind, BurstWatch& watch) const {
  if (kind != EventKind::programme_end && kind != EventKind::hazard_exit && kind != EventKind::meeting && kind != EventKind::track_check) return;
  if (e.time - watch.start > kBurstWeeks) {
    watch.citizen = e.subject();
    watch.start = e.time;
    watch.count = 0;
    watch.states.clear();
  } else if (e.subject() == watch.citizen && ++watch.count > kMaxEventsInBurstPerCitizen - 64) {
    const StateId st = cit_[watch.citizen].state;
    if (std::find(watch.states.begin(), watch.states.end(), st) == watch.states.end()) watch.states.push_back(st);
    if (watch.count > kMaxEventsInBurstPerCitizen) throw std::runtime_error(burst_message(watch.citizen, watch.start, e.time, watch.states));
  }
}

bool ArmRun::is_stale(const engine::Event& e, EventKind kind) const {
  switch (kind) {
    case EventKind::hazard_exit:
      return cit_[e.subject()].hazard_version != e.version;
    case EventKind::programme_end:
    case EventKind::track_check:
    case EventKind::benefit_clock:
      return cit_[e.subject()].version != e.version;
    case EventKind::meeting: {
      const std::size_t at = slot_of(e.subject(), e.aux());
      return cit_[e.subject()].version != e.version || cols_.tracks[at].status != kServed || cols_.tracks[at].next_meeting != e.time;
    }
    default:
      return false;
  }
}

void ArmRun::mark_cohort() {
  const std::size_t n = cit_.size();
  cols_.in_cohort.assign(n, 0);
  result_.cohort_exits.assign(static_cast<std::size_t>(result_.weeks), 0);
  for (std::uint32_t c = 0; c < n; ++c) {
    if (cit_[c].active && cit_[c].state == options_.cohort_state && now_ - cit_[c].spell_start >= options_.cohort_min_spell_weeks) {
      cols_.in_cohort[c] = 1;
      ++result_.cohort_size;
    }
  }
}

/// A cohort member's first entry into self-support, at time t.
void ArmRun::record_cohort_exit(std::uint32_t c, double t) {
  cols_.in_cohort[c] = 0;
  const auto first_week = static_cast<std::size_t>(std::ceil(t));
  for (std::size_t w = first_week; w < result_.cohort_exits.size(); ++w) ++result_.cohort_exits[w];
}

void ArmRun::on_report(int week) {
  if (week == 0 && options_.cohort_state >= 0) mark_cohort();
  std::copy(counts_.begin(), counts_.end(), result_.occupancy.begin() + static_cast<std::ptrdiff_t>(week) * plan_.state_count);
  if (week + 1 < result_.weeks) queue_.push(week + 1.0, kReport, static_cast<std::uint16_t>(EventKind::report), static_cast<std::uint32_t>(week + 1));
}

void ArmRun::finish() {
  const double t = plan_.horizon;
  now_ = t;
  const std::size_t n = cit_.size();
  const Model& m = active_model();
  for (std::uint32_t c = 0; c < n; ++c) {
    if (!cit_[c].active) continue;
    accrue(c, t);
    if (plan_.record_deadweight) result_.self_supporting_at_end[c] = m.states[cit_[c].state].self_supporting ? 1 : 0;
  }
  for (std::size_t p = 0; p < pools_.size(); ++p) touch_pool(static_cast<int>(p));
  for (std::size_t s = 0; s < slots_.size(); ++s) touch_slot(static_cast<int>(s));
  close_open_waits();
  finish_impact();
  if (spells_.on()) result_.spells = spells_.finish(plan_.horizon);
  if (!plan_.has_participants) return;
  for (std::uint32_t c = 0; c < n; ++c) {
    if (cols_.first_treated[c] == kInfinity) continue;
    ++result_.treated;
    const int y = cols_.first_treated[c] < plan_.cost_until ? plan_.years.index_of(cols_.first_treated[c]) : -1;  // none after the costs stop
    if (y >= 0) result_.first_participants[y] += 1.0;  // per_participant costs
    if (!cols_.left_after_treatment[c]) continue;
    ++result_.left_benefits;
    if (baseline_result_ != nullptr && c < baseline_result_->last_self_support_entry.size()) {
      const bool left_anyway = baseline_result_->last_self_support_entry[c] >= static_cast<float>(cols_.first_treated[c]) ||
                               baseline_result_->self_supporting_at_end[c] != 0;
      if (left_anyway) ++result_.left_in_baseline_too;
    }
  }
}

}  // namespace caseflow::model
