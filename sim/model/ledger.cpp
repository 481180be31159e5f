/// @file ledger.cpp
/// Money and time accounting: each citizen's time in a state is booked up to now when it moves,
/// at year ends and at the horizon (benefit weeks by year, benefit and refund step, programme
/// costs, participant weeks; under dated or activity-based refund rules also by rule period),
/// the refund clock and its restart rule, flows between states, and the year close. Owns
/// Citizen::accrued_until and the booking columns (refund_clock, self_support_since,
/// self_support_spells, participation_until, first_treated, left_after_treatment); writes the
/// result's money and flow tables. Schedules no events and draws no numbers.

#include "model/arm_run.hpp"

#include <algorithm>
#include <vector>

namespace caseflow::model {
namespace {

// Weeks of self-support that rounding may lose in a sum of spell lengths.
constexpr double kSelfSupportTolerance = 1e-9;

}  // namespace

int ArmRun::benefit_in(const Model& m, StateId state, int group) {
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
void ArmRun::accrue(std::uint32_t c, double t) {
  if (!plan_.books_time) return;
  const double from = cit_[c].accrued_until;
  if (t <= from) return;
  cit_[c].accrued_until = t;
  const Model& m = active_model();
  const State& st = m.states[cit_[c].state];
  const int benefit = benefit_of(cit_[c].state, cit_[c].group);
  if (benefit != kNone) {
    const RefundSchedule& schedule = m.refund.schedules[m.benefits[benefit].refund_schedule];
    if (plan_.keeps_ledger) book_ledger(c, benefit, schedule, from, t);
    if (dated_refund_) book_dated_benefit_weeks(result_, dated_periods_, scenario_.arms[0].model, arm_.model, benefit, cit_[c].state, from, t, cols_.refund_clock[c]);
    cols_.refund_clock[c] = book_benefit_weeks(result_, plan_.years, benefit, schedule, from, t, cols_.refund_clock[c]);
  }
  if (st.cost_per_week > 0.0) {
    plan_.years.split(from, t, [&](int y, double lo, double hi) { result_.programme_cost[y] += st.cost_per_week * (hi - lo); });
  }
  if (plan_.has_participants) flush_participation(c, t);
}

/// Books participation up to t; kept apart from benefit booking so that switching the arm
/// on or off does not split benefit intervals (which would change sums in the last bit).
void ArmRun::flush_participation(std::uint32_t c, double t) {
  const double from = cols_.participation_until[c];
  if (t <= from) return;
  cols_.participation_until[c] = t;
  if (arm_active_) {
    accrue_participation(c, from, t);
  } else if (plan_.has_after_effects && plan_.records_participation) {
    note_after_effects(c, from, t);
  }
}

/// Participation: while the arm is active, a citizen takes part when an effect targets it or
/// it is on a meeting track that only this arm has (e.g. the job brokers' track).
void ArmRun::accrue_participation(std::uint32_t c, double from, double to) {
  bool on_new_track = false;
  for (int k : plan_.new_tracks) on_new_track = on_new_track || cols_.tracks[slot_of(c, k)].status == kServed;
  // Without bounds on the effects' targets their windows open at the spell's start, never
  // after `from` (participation is booked whenever a spell starts), and never close: one piece.
  if (!plan_.effect_windows_cut_stays) {
    accrue_participation_piece(c, from, to, on_new_track);
    return;
  }
  // Split [from, to) where an effect target's window opens or closes (track membership is
  // constant over [from, to): every change of it books participation first).
  std::vector<double>& cuts = participation_cuts_;
  participation_cuts(c, from, to, false, cuts);
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    if (cuts[i + 1] > cuts[i]) accrue_participation_piece(c, cuts[i], cuts[i + 1], on_new_track);
  }
}

/// [a, b): a piece of c's time within which whether an effect reaches c is one answer.
void ArmRun::accrue_participation_piece(std::uint32_t c, double a, double b, bool on_new_track) {
  const double mid = 0.5 * (a + b);
  bool takes_part = on_new_track;
  for (std::size_t e = 0; e < arm_.effects.size(); ++e) takes_part = takes_part || effect_weight(static_cast<int>(e), c, mid, true, false) > 0.0;
  // Only a first participation is recorded: once c has one by a, nothing here can change it.
  const bool may_be_first = plan_.records_participation && cols_.first_participation[c] > std::max(a, 0.0);
  if (may_be_first && effect_changes_rates(c, mid)) participate_during(c, a, b);
  if (!takes_part) return;
  // Participant-weeks are priced (per_participant_week): none after the cost lines stop.
  if (a < plan_.cost_until) {
    plan_.years.split(a, std::min(b, plan_.cost_until), [&](int y, double lo, double hi) { result_.participant_weeks[y] += hi - lo; });
  }
  if (cols_.first_treated[c] == kInfinity && b > 0.0 && a < plan_.horizon) cols_.first_treated[c] = std::max(a, 0.0);
}

/// The refund clock's restart rule, checked when a self-supporting spell ends (the
/// self-support within the window only grows during self-support, so its maximum is reached
/// then): the clock restarts once the citizen has had `self_support_weeks` of self-support
/// within the last `window_weeks`. Every spell that can still reach into a later window is
/// kept, warm-up spells included, with exact (double) times.
void ArmRun::end_self_support(std::uint32_t c, double t) {
  if (!plan_.has_benefits) return;  // no refund clock to reset
  const RefundRules& rules = active_model().refund;
  const double window_start = t - rules.window_weeks;
  std::vector<SelfSupportSpell>& spells = cols_.self_support_spells[c];
  std::erase_if(spells, [&](const SelfSupportSpell& s) { return s.end <= window_start; });
  spells.push_back(SelfSupportSpell{cols_.self_support_since[c], t});
  double total = 0.0;
  for (const SelfSupportSpell& s : spells) total += s.end - std::max(window_start, s.begin);
  // The tolerance absorbs rounding in the sum of spell lengths (times are sums of draws), so
  // that a spell of exactly `self_support_weeks` counts as one.
  if (total >= rules.self_support_weeks - kSelfSupportTolerance) {
    cols_.refund_clock[c] = 0.0;
    spells.clear();
  }
}

/// The budget year containing t (-1: none). Nearly every call asks about the present, so the
/// last answer is tried first.
int ArmRun::year_of(double t) {
  if (year_hint_ >= 0 && t >= plan_.years.begin(year_hint_) && t < plan_.years.end(year_hint_)) return year_hint_;
  const int y = plan_.years.index_of(t);
  if (y >= 0) year_hint_ = y;
  return y;
}

void ArmRun::flow(double t, StateId from, StateId to) {
  const int y = year_of(t);
  if (y >= 0) result_.flows[(static_cast<std::size_t>(y) * plan_.state_count + from) * plan_.state_count + to] += 1.0;
}

/// Books every citizen and resource up to a budget year's end.
void ArmRun::close_year() {
  const std::size_t n = cit_.size();
  for (std::uint32_t c = 0; c < n && plan_.books_time; ++c) {
    if (cit_[c].active) accrue(c, now_);
  }
  for (std::size_t p = 0; p < pools_.size(); ++p) touch_pool(static_cast<int>(p));
  for (std::size_t s = 0; s < slots_.size(); ++s) touch_slot(static_cast<int>(s));
}

}  // namespace caseflow::model
