#pragma once
/// @file participation.hpp
/// Who an intervention reached and what it did for them, as evaluators define it (sim/README.md,
/// "Participants and deadweight"). The simulation keeps, per citizen, a small ledger (municipal
/// benefit cost per budget year and the times its self-support status flipped); at the end of an
/// arm's run its ledger is compared with the baseline's for the same citizens (common random
/// numbers: a citizen id means the same citizen in every arm).

#include <cstdint>
#include <utility>
#include <vector>

#include "model/results.hpp"
#include "model/spec.hpp"

namespace caseflow::model {

/// Per citizen: municipal benefit cost per budget year, and whether and when it was
/// self-supporting.
class CitizenLedger {
 public:
  /// `citizens` citizens, `years` budget years; `costs`: keep the cost per citizen and year.
  void init(std::size_t citizens, int years, bool costs);
  [[nodiscard]] std::size_t size() const { return starts_self_supporting_.size(); }
  [[nodiscard]] int years() const { return years_; }

  /// The citizen enters the simulation; `self_supporting` is its status then.
  void admit(std::uint32_t c, bool self_supporting) { starts_self_supporting_[c] = self_supporting ? 1 : 0; }
  /// Its self-support status flips at time t (calls come in time order).
  void flip(std::uint32_t c, double t) { log_.emplace_back(c, t); }
  /// Books benefit weeks [from, to), all inside budget year `year` and under one set of refund
  /// rules, starting at refund clock `clock`: the clock runs through the steps of `steps` (the
  /// rules the simulation uses), each week costs `weekly_rate` (that year's rate at the price
  /// level) times the share of its step in `shares` (the arm's own rules, as economics/ prices
  /// them; a step without a share costs nothing), or, when `shares` is activity-based, the
  /// share of `state`. The caller splits intervals at year ends and rule changes.
  void book(std::uint32_t c, int year, const RefundSchedule& steps, double from, double to, double clock, double weekly_rate,
            const RefundSchedule& shares, StateId state);
  /// Sorts the flips by citizen; call once after the run, before the queries below.
  void finalise();

  [[nodiscard]] double cost(std::uint32_t c, int year) const {
    return cost_.empty() || c >= size() ? 0.0 : cost_[static_cast<std::size_t>(c) * years_ + year];
  }
  [[nodiscard]] bool has_costs() const { return !cost_.empty(); }
  /// Self-supporting at time t (flips at t count).
  [[nodiscard]] bool self_supporting_at(std::uint32_t c, double t) const;
  /// Self-supporting at some time in [a, b).
  [[nodiscard]] bool self_supporting_during(std::uint32_t c, double a, double b) const;

 private:
  int years_ = 0;
  std::vector<double> cost_;  // [c * years + y]
  std::vector<std::uint8_t> starts_self_supporting_;
  std::vector<std::pair<std::uint32_t, double>> log_;  // during the run
  std::vector<std::uint32_t> begin_;                   // after finalise: flips of c are time_[begin_[c], begin_[c+1])
  std::vector<double> time_;
};

/// Meeting tracks whose meetings make a citizen a participant in `arm`: tracks the patch added
/// or changed, and tracks held by a pool it added or changed. [track] -> 1.
std::vector<std::uint8_t> participation_tracks(const Model& base, const Model& arm);

/// States of the baseline whose stays the patch of `arm` changed: a programme's duration or exits,
/// its running cost, benefit or self-support. Being in one while the arm's rules apply makes a
/// participant (a programme delivered differently reaches everyone in it). A changed transition
/// does not: a referral route reaches those it refers, who enter an added state or place (an
/// effect is the way to count those whose rates change). [state] -> 1; states the patch added
/// are not listed (entering one already makes a participant).
std::vector<std::uint8_t> participation_states(const Model& base, const Model& arm);

/// Compares an arm's ledger with the baseline's for the same citizens. `first_participation[c]`
/// is the citizen's first participation (weeks; infinity: never); `horizon` the end of the last
/// budget year.
ParticipantOutcomes compare_with_baseline(const CitizenLedger& arm, const CitizenLedger& base,
                                          const std::vector<double>& first_participation, double horizon);

}  // namespace caseflow::model
