#include "model/run_plan.hpp"

#include <algorithm>
#include <cmath>

#include "model/participation.hpp"

namespace caseflow::model {

Tables::Tables(const Model& m, int states) : model(&m), hazards_from(states), tracks_in(states), state_count(states) {
  for (std::size_t i = 0; i < m.transitions.size(); ++i) hazards_from[m.transitions[i].from].push_back(static_cast<int>(i));
  outcomes_from.resize(m.meetings.size() * static_cast<std::size_t>(states));
  for (std::size_t k = 0; k < m.meetings.size(); ++k) {
    for (StateId s : m.meetings[k].states) tracks_in[s].push_back(static_cast<int>(k));
    for (const MeetingOutcome& o : m.meetings[k].outcomes) outcomes_from[k * states + o.from].push_back(o);
  }
  effects_on_transition.resize(m.transitions.size());
  outcome_effects_on.assign(m.meetings.size(), 0);
}

double fte_at(const Pool& pool, double t) {
  double fte = 0.0;
  for (const auto& [from, value] : pool.fte_schedule) {
    if (from <= t) fte = value;
  }
  return fte;
}

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

RunPlan::RunPlan(const Scenario& scenario, std::size_t arm, bool skip_events, bool compared_with_ledger, bool shared_prefix_run,
                 bool baseline_records)
    : arm_index(arm),
      is_baseline(arm == 0),
      calendar(scenario.calendar()),
      years(calendar.budget_years()),
      state_count(static_cast<int>(scenario.arms[arm].model.states.size())),
      base_tables(scenario.arms[0].model, state_count),
      arm_tables(scenario.arms[arm].model, state_count),
      after_model(rules_after_end(scenario.arms[0].model, scenario.arms[arm].model)),
      after_tables(after_model, state_count),
      skip_needless_events(skip_events) {
  const Arm& me = scenario.arms[arm];
  begin = calendar.simulation_begin();
  horizon = calendar.horizon();
  arm_from = is_baseline ? kInfinity : std::max(me.start_week, begin);
  arm_until = is_baseline ? kInfinity : me.practice_end_week();  // the patch goes on for `continue_weeks`
  if (arm_from >= arm_until || arm_from >= horizon) arm_from = arm_until = kInfinity;
  cost_until = is_baseline ? kInfinity : std::min(arm_until, me.end_week);
  fade = EffectFade(arm_until, is_baseline ? 0.0 : me.fade_weeks);
  prepare_effects(scenario, me);
  for (int s = 0; s < state_count; ++s) {
    const State& st = me.model.states[s];
    if (!st.is_programme() && !st.self_supporting) {
      default_return_state = static_cast<StateId>(s);
      break;
    }
  }
  // Participants and the per-citizen ledger (model/participation.hpp; issue 16): the baseline
  // keeps a ledger (cost per citizen and year, self-support flips) when other arms will compare
  // with it; an arm compared with it records each citizen's first participation.
  if (!baseline_records) record_deadweight = false;
  if (shared_prefix_run) run_as_shared_prefix();
  keeps_ledger = record_deadweight || (!is_baseline && compared_with_ledger);
  records_participation = keeps_ledger && !is_baseline;
  if (!records_participation) return;
  participation_track = participation_tracks(scenario.arms[0].model, me.model);
  participation_state = participation_states(scenario.arms[0].model, me.model);
  base_state_count = static_cast<int>(scenario.arms[0].model.states.size());
}

/// The baseline's plan run as the arms run before their start (model/fork.cpp): every idle
/// meeting an event, thresholds kept, no hazard taken as a sure exit, time booked; what the
/// baseline itself leaves out is kept aside to count its events.
void RunPlan::run_as_shared_prefix() {
  shared_prefix = true;
  baseline_skips = base_tables.skips_idle_meetings;
  for (Tables* t : {&base_tables, &arm_tables, &after_tables}) std::fill(t->skips_idle_meetings.begin(), t->skips_idle_meetings.end(), 0);
  keep_thresholds = true;
  hazards_fixed_in_stay = false;
  hazards_fixed_after_start = false;
  books_time = true;
}

/// Which effects act on which transitions and tracks, which tracks make participants, and the
/// flags that follow from them.
void RunPlan::prepare_effects(const Scenario& scenario, const Arm& arm) {
  const Model& m = arm.model;
  for (std::size_t e = 0; e < arm.effects.size(); ++e) {
    const Effect& effect = arm.effects[e];
    if (effect.target.served_by != kNone) service_changes_hazards = true;
    if (effect.kind == Effect::Kind::meeting_outcome && effect.meeting >= 0 && effect.meeting < static_cast<int>(m.meetings.size())) {
      arm_tables.outcome_effects_on[effect.meeting] = 1;
    }
    if (effect.kind != Effect::Kind::hazard) continue;
    for (std::size_t i = 0; i < m.transitions.size(); ++i) {
      if (m.transitions[i].from == effect.from && m.transitions[i].to == effect.to) {
        arm_tables.effects_on_transition[i].push_back(static_cast<int>(e));
      }
    }
  }
  const Model& base = scenario.arms[0].model;
  for (std::size_t k = base.meetings.size(); k < m.meetings.size(); ++k) new_tracks.push_back(static_cast<int>(k));
  // Tracks held by a pool the patch added or changed (more staff, another cap) also make
  // their citizens participants: a lower caseload treats the whole caseload.
  for (std::size_t k = 0; k < m.meetings.size(); ++k) {
    const int pool = m.meetings[k].pool;
    if (pool == kNone || contains(new_tracks, static_cast<int>(k))) continue;
    const bool added = pool >= static_cast<int>(base.pools.size());
    const bool changed = !added && (m.pools[pool].fte_schedule != base.pools[pool].fte_schedule ||
                                    m.pools[pool].meetings_per_fte_week != base.pools[pool].meetings_per_fte_week ||
                                    m.pools[pool].caseload_per_fte != base.pools[pool].caseload_per_fte);
    if (added || changed) new_tracks.push_back(static_cast<int>(k));
  }
  has_participants = !is_baseline && (!arm.effects.empty() || !new_tracks.empty());
  switches = !is_baseline && std::isfinite(arm_from) && (arm_from > begin || arm_until < horizon);
  prepare_windows(scenario, arm);
  keep_thresholds = switches || service_changes_hazards || windows_change_rates;
  for (const Effect& effect : arm.effects) {
    const Filter& f = effect.target;
    const bool bounded = f.min_spell_weeks > 0.0 || f.max_spell_weeks < kInfinity || f.has_age_bounds();
    effect_windows_cut_stays = effect_windows_cut_stays || bounded || f.needs_receipt();
  }
  hazards_fixed_in_stay = skip_needless_events && !switches && !service_changes_hazards && !windows_change_rates;
  hazards_fixed_after_start = skip_needless_events && switches && !(arm_until < horizon) && !service_changes_hazards &&
                              !windows_change_rates && !has_after_effects;
  for (const auto& schedule : m.refund.schedules) max_steps = std::max<int>(max_steps, static_cast<int>(schedule.steps.size()));
  for (const auto& s : base.refund.schedules) max_steps = std::max<int>(max_steps, static_cast<int>(s.steps.size()));
  for (const Tables* t : {&base_tables, &arm_tables, &after_tables}) {
    for (const auto& list : t->hazards_from) max_hazards = std::max<int>(max_hazards, static_cast<int>(list.size()));
  }
  track_count = static_cast<int>(m.meetings.size());
  has_benefits = !m.benefits.empty() || !base.benefits.empty();
  has_slots = !m.slots.empty() || !base.slots.empty();
  has_pools = !m.pools.empty() || !base.pools.empty();
  // Whether time in a state is ever booked (benefits, programme costs, participation); a
  // model without money (the benchmark's) skips the booking on every move.
  books_time = has_benefits || has_participants;
  for (const Model* model : {&base, &m}) {
    for (const State& st : model->states) books_time = books_time || st.cost_per_week > 0.0;
  }
  // The baseline keeps per-citizen exits for the other arms' deadweight count.
  record_deadweight = is_baseline && scenario.arms.size() > 1;
  mark_idle_meeting_skips(base_tables, arm, false);
  mark_idle_meeting_skips(after_tables, arm, false);
  mark_idle_meeting_skips(arm_tables, arm, !is_baseline);
}

/// Tracks whose meetings that move nobody need no event under `tables` (sim/README.md, "Events
/// that are left out"): no pool (so the interval is fixed and nobody waits), no switch of rules
/// during the run, and no outcome effect that depends on being served by a pool, so that whether
/// a future meeting moves the citizen is known when it is booked.
void RunPlan::mark_idle_meeting_skips(Tables& tables, const Arm& arm, bool effects_on) const {
  const Model& m = *tables.model;
  tables.skips_idle_meetings.assign(m.meetings.size(), 0);
  if (!skip_needless_events || switches || windows_change_rates) return;
  for (std::size_t k = 0; k < m.meetings.size(); ++k) {
    // A one-off track ends after its last meeting, whether it moves the citizen or not.
    bool skips = m.meetings[k].pool == kNone && m.meetings[k].max_per_citizen == 0;
    for (const Effect& e : arm.effects) {
      const bool on_track = e.kind == Effect::Kind::meeting_outcome && e.meeting == static_cast<int>(k);
      if (effects_on && on_track && e.target.served_by != kNone) skips = false;
    }
    tables.skips_idle_meetings[k] = skips ? 1 : 0;
  }
}

/// Effects after the end, effects that follow the citizen, one-off tracks and a cap on
/// participants (model/effect_window.hpp): the flags they need, and the effects' transitions and
/// tracks under the rules after the end when effects act then.
void RunPlan::prepare_windows(const Scenario& scenario, const Arm& arm) {
  const Model& m = arm.model;
  const Model& base = scenario.arms[0].model;
  base_state_total = static_cast<int>(base.states.size());
  base_track_count = static_cast<int>(base.meetings.size());
  for (const Model* model : {&base, &m}) {
    for (const MeetingTrack& track : model->meetings) has_meeting_limits = has_meeting_limits || track.max_per_citizen > 0;
  }
  if (is_baseline) return;
  cap = arm.max_participants;
  has_receipts = std::any_of(arm.effects.begin(), arm.effects.end(), [](const Effect& e) { return e.target.needs_receipt(); });
  windows_change_rates = has_receipts || cap > 0;
  has_after_effects = std::isfinite(arm_from) && (fade.fades() || has_receipts);
  if (!has_after_effects) return;
  for (std::size_t e = 0; e < arm.effects.size(); ++e) {
    const Effect& effect = arm.effects[e];
    if (effect.kind == Effect::Kind::meeting_outcome && effect.meeting >= 0 && effect.meeting < static_cast<int>(after_model.meetings.size())) {
      after_tables.outcome_effects_on[effect.meeting] = 1;
    }
    if (effect.kind != Effect::Kind::hazard) continue;
    for (std::size_t i = 0; i < after_model.transitions.size(); ++i) {
      const Transition& tr = after_model.transitions[i];
      if (tr.from == effect.from && tr.to == effect.to) after_tables.effects_on_transition[i].push_back(static_cast<int>(e));
    }
  }
}

}  // namespace caseflow::model
