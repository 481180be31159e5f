#include "model/trace.hpp"

#include <algorithm>

namespace caseflow::model {

void SpellRecorder::init(std::size_t citizens, std::uint32_t per_source) {
  on_ = true;
  per_source_ = per_source;
  open_.assign(citizens, -1);
  spells_.clear();
}

void SpellRecorder::begin(std::uint32_t c, std::uint16_t source, std::uint16_t group, StateId state, double t, double clock,
                          double entered) {
  if (open_[c] >= 0) spells_[static_cast<std::size_t>(open_[c])].end = t;
  open_[c] = static_cast<std::int64_t>(spells_.size());
  spells_.push_back(TraceSpell{c, source, group, state, t, kInfinity, clock, entered});
}

std::vector<TraceSpell> SpellRecorder::finish(double horizon) {
  for (std::int64_t& i : open_) {
    if (i >= 0) spells_[static_cast<std::size_t>(i)].end = horizon;
    i = -1;
  }
  // Recorded in event order; each citizen's spells are already in time order.
  std::stable_sort(spells_.begin(), spells_.end(), [](const TraceSpell& a, const TraceSpell& b) { return a.citizen < b.citizen; });
  return std::move(spells_);
}

}  // namespace caseflow::model
