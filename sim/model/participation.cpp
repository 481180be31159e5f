#include "model/participation.hpp"

#include <algorithm>
#include <cmath>

namespace caseflow::model {

void CitizenLedger::init(std::size_t citizens, int years, bool costs) {
  years_ = years;
  starts_self_supporting_.assign(citizens, 0);
  cost_.assign(costs ? citizens * static_cast<std::size_t>(years) : 0, 0.0);
  log_.clear();
  begin_.clear();
  time_.clear();
}

void CitizenLedger::book(std::uint32_t c, int year, const RefundSchedule& steps, double from, double to, double clock,
                         double weekly_rate, const RefundSchedule& shares, StateId state) {
  if (cost_.empty() || to <= from) return;
  double& cost = cost_[static_cast<std::size_t>(c) * years_ + year];
  if (!shares.by_state.empty()) {  // activity-based: the share follows the state, not the clock
    if (state < shares.by_state.size()) cost += (to - from) * weekly_rate * shares.by_state[state];
    return;
  }
  // The same pieces as book_benefit_weeks (model/results.cpp), priced at once.
  walk_refund_steps(steps, clock, clock + (to - from), [&](int step, double weeks) {
    const auto k = static_cast<std::size_t>(step);
    if (k < shares.steps.size()) cost += weeks * weekly_rate * shares.steps[k].second;
  });
}

void CitizenLedger::finalise() {
  const std::size_t n = size();
  begin_.assign(n + 1, 0);
  for (const auto& [c, t] : log_) {
    if (c < n) ++begin_[c + 1];
  }
  for (std::size_t c = 0; c < n; ++c) begin_[c + 1] += begin_[c];
  time_.assign(begin_[n], 0.0);
  std::vector<std::uint32_t> next(begin_.begin(), begin_.end() - 1);
  for (const auto& [c, t] : log_) {  // in time order, so each citizen's flips stay in order
    if (c < n) time_[next[c]++] = t;
  }
  log_.clear();
  log_.shrink_to_fit();
}

bool CitizenLedger::self_supporting_at(std::uint32_t c, double t) const {
  if (c >= size()) return false;
  const auto first = time_.begin() + begin_[c], last = time_.begin() + begin_[c + 1];
  const auto flips = std::upper_bound(first, last, t) - first;
  return ((starts_self_supporting_[c] + flips) & 1) != 0;
}

bool CitizenLedger::self_supporting_during(std::uint32_t c, double a, double b) const {
  if (c >= size() || b <= a) return false;
  if (self_supporting_at(c, a)) return true;
  // Not self-supporting at a: any flip in (a, b) is an entry.
  const auto first = time_.begin() + begin_[c], last = time_.begin() + begin_[c + 1];
  const auto after = std::upper_bound(first, last, a);
  return after != last && *after < b;
}

namespace {

bool same_filter(const Filter& a, const Filter& b) {
  return a.groups == b.groups && a.states == b.states && a.min_spell_weeks == b.min_spell_weeks &&
         a.max_spell_weeks == b.max_spell_weeks && a.served_by == b.served_by && a.min_age == b.min_age &&
         a.max_age == b.max_age;
}

bool same_track(const MeetingTrack& a, const MeetingTrack& b) {
  if (a.states != b.states || !same_filter(a.eligible, b.eligible) || a.interval_min != b.interval_min ||
      a.interval_max != b.interval_max || a.pool != b.pool || a.outcomes.size() != b.outcomes.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.outcomes.size(); ++i) {
    if (a.outcomes[i].from != b.outcomes[i].from || a.outcomes[i].to != b.outcomes[i].to ||
        a.outcomes[i].probability != b.outcomes[i].probability) {
      return false;
    }
  }
  return true;
}

bool same_stay(const State& a, const State& b) {
  if (a.duration != b.duration || a.exits.size() != b.exits.size() || a.cost_per_week != b.cost_per_week ||
      a.benefit_rule != b.benefit_rule || a.benefit != b.benefit || a.self_supporting != b.self_supporting) {
    return false;
  }
  for (std::size_t i = 0; i < a.exits.size(); ++i) {
    if (a.exits[i].to != b.exits[i].to || a.exits[i].to_return != b.exits[i].to_return || a.exits[i].probability != b.exits[i].probability) {
      return false;
    }
  }
  return true;
}

bool same_pool(const Pool& a, const Pool& b) {
  return a.fte_schedule == b.fte_schedule && a.meetings_per_fte_week == b.meetings_per_fte_week && a.caseload_per_fte == b.caseload_per_fte;
}

}  // namespace

std::vector<std::uint8_t> participation_tracks(const Model& base, const Model& arm) {
  std::vector<std::uint8_t> tracks(arm.meetings.size(), 0);
  for (std::size_t k = 0; k < arm.meetings.size(); ++k) {
    const MeetingTrack& track = arm.meetings[k];
    bool reached = k >= base.meetings.size() || !same_track(base.meetings[k], track);
    const int p = track.pool;
    if (p != kNone) reached = reached || p >= static_cast<int>(base.pools.size()) || !same_pool(base.pools[p], arm.pools[p]);
    tracks[k] = reached ? 1 : 0;
  }
  return tracks;
}

std::vector<std::uint8_t> participation_states(const Model& base, const Model& arm) {
  const std::size_t shared = std::min(base.states.size(), arm.states.size());
  std::vector<std::uint8_t> states(arm.states.size(), 0);
  for (std::size_t s = 0; s < shared; ++s) {
    states[s] = same_stay(base.states[s], arm.states[s]) ? 0 : 1;
  }
  return states;
}

ParticipantOutcomes compare_with_baseline(const CitizenLedger& arm, const CitizenLedger& base,
                                          const std::vector<double>& first_participation, double horizon) {
  ParticipantOutcomes out;
  const int years = arm.years();
  out.parts.assign(static_cast<std::size_t>(years) * ParticipantOutcomes::kParts, 0.0);
  const std::size_t n = std::max(arm.size(), base.size());
  std::vector<double> delta(static_cast<std::size_t>(years));
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<std::uint32_t>(i);
    double total = 0.0;
    for (int y = 0; y < years; ++y) {
      delta[y] = base.cost(c, y) - arm.cost(c, y);
      total += delta[y];
    }
    const double p = i < first_participation.size() ? first_participation[i] : kInfinity;
    const bool participant = p < horizon;
    int part = 2;
    if (participant) {
      ++out.participants;
      for (int f = 0; f < 2; ++f) {
        const double at = p + ParticipantOutcomes::kFollowUps[f];
        if (at > horizon) continue;
        ++out.followed[f];
        if (arm.self_supporting_at(c, at)) ++out.self_supporting_arm[f];
        if (base.self_supporting_at(c, at)) ++out.self_supporting_baseline[f];
      }
      if (total < 0.0) {
        part = 3;
      } else {
        part = base.self_supporting_during(c, p, horizon) ? 0 : 1;
      }
    }
    for (int y = 0; y < years; ++y) out.parts[static_cast<std::size_t>(y) * ParticipantOutcomes::kParts + part] += delta[y];
  }
  return out;
}

}  // namespace caseflow::model
