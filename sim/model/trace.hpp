#pragma once
/// @file trace.hpp
/// Individual trajectories for `caseflow run --trace` (sim/README.md, "Trajectories"): one record
/// per spell of each traced citizen, from its creation (warm-up included) to the horizon. Kept
/// out of the simulation's hot path: the simulation calls the recorder only when a trace is
/// asked for, and then only where a citizen enters the simulation or changes state.

#include <cstdint>
#include <vector>

#include "model/results.hpp"

namespace caseflow::model {

class SpellRecorder {
 public:
  /// For `citizens` ids; `per_source`: trace the first that many citizens of each source (0: all).
  void init(std::size_t citizens, std::uint32_t per_source);
  [[nodiscard]] bool on() const { return on_; }
  /// Whether the `index`-th citizen of its source is traced.
  [[nodiscard]] bool wants(std::uint32_t index) const { return per_source_ == 0 || index < per_source_; }
  /// Citizen c is in `state` (group `group`) from t on, with refund clock `clock` then; its
  /// previous spell, if any, ends at t. `entered`: when it entered the state (before t only for
  /// the initial stock, which was placed with time already spent in it).
  void begin(std::uint32_t c, std::uint16_t source, std::uint16_t group, StateId state, double t, double clock, double entered);
  /// Ends every open spell at `horizon`; returns the spells, by citizen and then by time.
  std::vector<TraceSpell> finish(double horizon);

 private:
  bool on_ = false;
  std::uint32_t per_source_ = 0;
  std::vector<std::int64_t> open_;  // [citizen] index of its open spell in spells_, -1: none
  std::vector<TraceSpell> spells_;
};

}  // namespace caseflow::model
