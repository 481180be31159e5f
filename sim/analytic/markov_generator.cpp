// The chain's numbers: per regime, the generator (hazards, clocks' phases, what a programme's
// end or a meeting does) and where citizens arriving from outside land. The layout it fills is
// markov_layout.cpp's; see markov_builder.hpp.
#include <algorithm>

#include "analytic/markov_builder.hpp"

namespace caseflow::analytic::detail {
namespace {

/// Q(from, j) += rate × p for every target j other than `from` itself.
void add_rates(Eigen::MatrixXd& Q, int from, const Targets& targets, double rate) {
  for (const auto& [j, p] : targets) {
    if (j != from) Q(from, j) += rate * p;
  }
}

}  // namespace

MarkovForm Builder::build() {
  lay_out();
  MarkovForm form;
  form.size = size_;
  form.approximate = approximate_;
  form.state_of.resize(static_cast<std::size_t>(size_));
  for (std::size_t s = 0; s < layout_.size(); ++s) {
    const auto& L = layout_[s];
    if (L.vanishing) continue;
    for (int i = 0; i < static_cast<int>(L.origins.size()) * L.block; ++i) {
      form.state_of[static_cast<std::size_t>(L.base + i)] = static_cast<model::StateId>(s);
    }
  }
  for (int regime = 0; regime < 2; ++regime) {
    form.generator.push_back(generator(regime));
    const auto& m = *models_[static_cast<std::size_t>(regime)];
    std::vector<std::vector<std::pair<int, double>>> arrival(layout_.size());
    std::vector<bool> starts(layout_.size(), false);
    for (const auto& f : m.inflow) starts[f.state] = true;
    for (const auto& i : m.initial) starts[i.state] = true;
    for (std::size_t s = 0; s < layout_.size(); ++s) {
      if (starts[s]) enter(regime, static_cast<int>(s), default_return_, 1.0, arrival[s], 0);
    }
    form.arrival.push_back(std::move(arrival));
  }
  return form;
}

double Builder::hazard_multiplier(const model::Transition& t, std::size_t s, int regime) const {
  double m = 1.0;
  if (regime == 0) return m;
  for (const auto& e : effects_) {
    if (e.kind == model::Effect::Kind::hazard && e.from == t.from && e.to == t.to && effect_applies(e, s)) {
      m *= e.multiplier;
    }
  }
  return m;
}

double Builder::outcome_multiplier(const std::string& meeting, const model::MeetingOutcome& o, std::size_t s, int regime) const {
  double m = 1.0;
  if (regime == 0) return m;
  const auto& active = *models_[1];
  for (const auto& e : effects_) {
    if (e.kind == model::Effect::Kind::meeting_outcome && e.meeting >= 0 &&
        active.meetings[static_cast<std::size_t>(e.meeting)].name == meeting && e.outcome == o.to && effect_applies(e, s)) {
      m *= e.multiplier;
    }
  }
  return m;
}

Eigen::MatrixXd Builder::generator(int regime) {
  const auto& m = *models_[static_cast<std::size_t>(regime)];
  Eigen::MatrixXd Q = Eigen::MatrixXd::Zero(size_, size_);
  Targets to;
  for (std::size_t s = 0; s < std::min(layout_.size(), m.states.size()); ++s) {
    const auto& L = layout_[s];
    if (L.vanishing) continue;
    const auto& state = m.states[s];
    // The regime's own clocks: equal in shape to the layout's (checked), rates may differ.
    const auto clocks = clocks_of(m, s, false);
    for (int copy = 0; copy < static_cast<int>(L.origins.size()); ++copy) {
      MicroState here;
      here.state = s;
      here.first = L.base + copy * L.block;
      here.memory = state.is_programme() ? L.origins[static_cast<std::size_t>(copy)] : static_cast<int>(s);
      for (int local = 0; local < L.block; ++local) {
        here.index = here.first + local;
        here.local = local;
        int piece = 0;
        for (std::size_t k = 0; k < clocks.clocks.size(); ++k) {
          const auto& c = clocks.clocks[k];
          const int stride = L.clocks.clocks[k].stride;
          if (c.kind == Clock::Kind::piecewise) piece = c.segment[static_cast<std::size_t>((local / stride) % c.phases)];
        }
        hazard_rates(Q, regime, clocks, piece, here, to);
        clock_rates(Q, regime, clocks, here, to);
      }
    }
  }
  for (int i = 0; i < size_; ++i) {
    Q(i, i) = 0.0;
    Q(i, i) = -Q.row(i).sum();
  }
  return Q;
}

void Builder::hazard_rates(Eigen::MatrixXd& Q, int regime, const Clocks& clocks, int piece, const MicroState& here,
                           Targets& to) const {
  const auto& m = *models_[static_cast<std::size_t>(regime)];
  const std::size_t s = here.state;
  for (const auto& t : m.transitions) {
    if (t.from != s) continue;
    const double base_rate = is_constant(t.hazard)
                                 ? constant_rate(t.hazard)
                                 : piecewise_rate_at(t.hazard, clocks.breakpoints[static_cast<std::size_t>(piece)]);
    const double rate = base_rate * hazard_multiplier(t, s, regime);
    if (rate <= 0.0) continue;
    to.clear();
    if (t.to == s) {
      to.emplace_back(here.first, 1.0);  // re-entering restarts the state's clocks
    } else {
      enter(regime, t.to, here.memory, 1.0, to, 0);
    }
    add_rates(Q, here.index, to, rate);
  }
}

void Builder::clock_rates(Eigen::MatrixXd& Q, int regime, const Clocks& clocks, const MicroState& here, Targets& to) const {
  const auto& m = *models_[static_cast<std::size_t>(regime)];
  const std::size_t s = here.state;
  const auto& state = m.states[s];
  const auto& L = layout_[s];
  const int i = here.index, first = here.first, memory = here.memory;
  for (std::size_t k = 0; k < clocks.clocks.size(); ++k) {
    const auto& c = clocks.clocks[k];
    const int stride = L.clocks.clocks[k].stride;
    const int phase = (here.local / stride) % c.phases;
    const double rate = c.advance[static_cast<std::size_t>(phase)];
    if (rate <= 0.0) continue;
    if (phase + 1 < c.phases) {
      Q(i, i + stride) += rate;
      continue;
    }
    to.clear();
    if (c.kind == Clock::Kind::duration) {
      for (const auto& e : state.exits) {
        if (e.to_return) {
          const int back = memory == model::kNone ? default_return_ : memory;
          enter(regime, back, back, e.probability, to, 0);
        } else {
          enter(regime, e.to, memory, e.probability, to, 0);
        }
      }
    } else if (c.kind == Clock::Kind::meeting) {
      const auto& track = m.meetings[static_cast<std::size_t>(c.meeting)];
      double moved = 0.0;
      for (const auto& o : track.outcomes) {
        if (o.from != s) continue;
        const double q = std::min(1.0, o.probability * outcome_multiplier(track.name, o, s, regime));
        moved += q;
        if (o.to == s) {
          to.emplace_back(first, q);
        } else {
          enter(regime, o.to, memory, q, to, 0);
        }
      }
      // No outcome: the citizen stays and its next meeting interval starts.
      if (moved < 1.0) to.emplace_back(i - phase * stride, 1.0 - moved);
    }
    add_rates(Q, i, to, rate);
  }
}

}  // namespace caseflow::analytic::detail
