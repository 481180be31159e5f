#include "model/effect_window.hpp"

#include <algorithm>
#include <cmath>

namespace caseflow::model {

EffectFade::EffectFade(double practice_end, double fade_weeks) : practice_end_(practice_end), fade_weeks_(fade_weeks) {
  if (!fades()) return;
  // Steps of at most a week that divide the fade evenly: an integer fade in whole weeks from a
  // week boundary steps on the week boundaries.
  steps_ = static_cast<int>(std::ceil(fade_weeks_ - 1e-9));
  steps_ = std::max(steps_, 1);
  step_ = fade_weeks_ / steps_;
}

double EffectFade::strength(double t) const {
  if (t < practice_end_) return 1.0;
  if (!fades() || t >= practice_end_ + fade_weeks_) return 0.0;
  return 1.0 - (t - practice_end_) / fade_weeks_;
}

double EffectFade::step_strength(double t) const {
  if (t < practice_end_) return 1.0;
  if (!fades() || t >= practice_end_ + fade_weeks_) return 0.0;
  const int k = std::min(steps_ - 1, static_cast<int>(std::floor((t - practice_end_) / step_)));
  return 1.0 - (k + 0.5) / steps_;
}

void EffectFade::add_cuts(double t, std::vector<double>& cuts) const {
  if (!fades()) return;
  for (int k = 0; k <= steps_; ++k) {
    const double at = k == steps_ ? practice_end_ + fade_weeks_ : practice_end_ + k * step_;
    if (at > t) cuts.push_back(at);
  }
}

void Receipts::prepare(const std::vector<Effect>& effects, int tracks) {
  sources_.clear();
  slot_of_effect_.assign(effects.size(), -1);
  by_track_.assign(static_cast<std::size_t>(std::max(tracks, 0)), 0);
  for (std::size_t e = 0; e < effects.size(); ++e) {
    const Filter& f = effects[e].target;
    if (!f.needs_receipt()) continue;
    slot_of_effect_[e] = static_cast<int>(sources_.size());
    sources_.push_back(Source{static_cast<int>(e), f.received_track, f.received_state, f.received_within_weeks});
    if (f.received_track >= 0 && f.received_track < tracks) by_track_[f.received_track] = 1;
  }
}

void Receipts::reset(std::size_t citizens) { windows_.assign(sources_.empty() ? 0 : citizens * sources_.size(), Window{}); }

bool Receipts::on_state(StateId s) const {
  return std::any_of(sources_.begin(), sources_.end(), [&](const Source& r) { return r.state == s; });
}

// A receipt at t that holds until `until`: a window still open goes on from its start, an
// expired one starts again now.
void Receipts::open(std::uint32_t c, std::size_t r, double t, double until) {
  Window& w = windows_[c * sources_.size() + r];
  if (!(w.since <= t && t < w.until)) w.since = t;
  w.until = std::max(w.until, until);
}

void Receipts::meeting(std::uint32_t c, int k, double t) {
  for (std::size_t r = 0; r < sources_.size(); ++r) {
    if (sources_[r].track == k) open(c, r, t, t + sources_[r].within);
  }
}

void Receipts::enter(std::uint32_t c, StateId s, double t) {
  for (std::size_t r = 0; r < sources_.size(); ++r) {
    if (sources_[r].state == s) open(c, r, t, kInfinity);
  }
}

void Receipts::leave(std::uint32_t c, StateId s, double t) {
  for (std::size_t r = 0; r < sources_.size(); ++r) {
    Window& w = windows_[c * sources_.size() + r];
    if (sources_[r].state == s && w.until == kInfinity) w.until = t + sources_[r].within;
  }
}

int Receipts::index_of(int effect) const {
  return effect >= 0 && static_cast<std::size_t>(effect) < slot_of_effect_.size() ? slot_of_effect_[effect] : -1;
}

bool Receipts::holds(std::uint32_t c, int e, double t) const {
  const int r = index_of(e);
  if (r < 0) return false;
  const Window& w = windows_[c * sources_.size() + static_cast<std::size_t>(r)];
  return w.since <= t && t < w.until;
}

void Receipts::add_cuts(std::uint32_t c, const std::vector<int>& effects, double t, std::vector<double>& cuts) const {
  for (int e : effects) {
    const int r = index_of(e);
    if (r < 0) continue;
    const double until = windows_[c * sources_.size() + static_cast<std::size_t>(r)].until;
    if (until > t && std::isfinite(until)) cuts.push_back(until);
  }
}

void Receipts::add_all_cuts(std::uint32_t c, double t, std::vector<double>& cuts) const {
  for (std::size_t r = 0; r < sources_.size(); ++r) {
    const double until = windows_[c * sources_.size() + r].until;
    if (until > t && std::isfinite(until)) cuts.push_back(until);
  }
}

}  // namespace caseflow::model
