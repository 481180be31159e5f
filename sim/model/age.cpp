#include "model/age.hpp"

namespace caseflow::model {

bool uses_ages(const Model& m, const std::vector<Effect>& effects) {
  if (!m.age_rules.empty()) return true;
  for (const auto& in : m.inflow) {
    if (in.age_years) return true;
  }
  for (const auto& st : m.initial) {
    if (st.age_years) return true;
  }
  for (const auto& track : m.meetings) {
    if (track.eligible.has_age_bounds()) return true;
  }
  for (const auto& e : effects) {
    if (e.target.has_age_bounds()) return true;
  }
  return false;
}

}  // namespace caseflow::model
