#include "model/baseline_key.hpp"

#include <bit>
#include <optional>

#include "engine/random_stream.hpp"
#include "model/sources.hpp"

namespace caseflow::model {
namespace {

/// Appends fixed-width values to a byte string; every variable-length part is preceded by its
/// length, so different inputs can never run together into the same bytes.
class KeyWriter {
 public:
  void put(std::int64_t v) { text_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void put(int v) { put(static_cast<std::int64_t>(v)); }
  void put(std::uint64_t v) { put(static_cast<std::int64_t>(v)); }
  void put(bool v) { put(static_cast<std::int64_t>(v ? 1 : 0)); }
  void put(double v) { put(std::bit_cast<std::int64_t>(v)); }
  void put(const std::string& s) {
    put(s.size());
    text_ += s;
  }
  template <class T>
  void put(const std::vector<T>& items) {
    put(items.size());
    for (const T& item : items) put(item);
  }
  template <class A, class B>
  void put(const std::pair<A, B>& p) {
    put(p.first);
    put(p.second);
  }
  template <class T>
  void put(const std::optional<T>& v) {
    put(v.has_value());
    if (v) put(*v);
  }
  void put(StateId s) { put(static_cast<std::int64_t>(s)); }

  void put(const engine::Distribution& d) {
    put(static_cast<int>(d.kind));
    put(d.a);
    put(d.b);
    put(d.c);
    put(d.empirical);
  }
  void put(const RefundSchedule& s) {
    put(s.name);
    put(s.steps);
    put(s.by_state);
  }
  void put(const Benefit& b) {
    put(b.name);
    put(b.weekly_rate);
    put(b.refund_schedule);
    put(b.rate_by_year);
    put(b.uprating);
    put(b.uprating_base_year);
    put(b.refund_changes);
  }
  void put(const Group& g) {
    put(g.name);
    put(g.benefit);
  }
  void put(const ProgrammeExit& e) {
    put(e.to);
    put(e.to_return);
    put(e.probability);
  }
  void put(const State& s) {
    put(s.name);
    put(static_cast<int>(s.benefit_rule));
    put(s.benefit);
    put(s.self_supporting);
    put(s.absorbing);
    put(s.duration);
    put(s.exits);
    put(s.slot);
    put(s.cost_per_week);
  }
  void put(const Hazard& h) {
    put(static_cast<int>(h.kind));
    put(static_cast<int>(h.clock));
    put(h.rate);
    put(h.steps);
    put(h.shape);
    put(h.scale);
  }
  void put(const Transition& t) {
    put(t.from);
    put(t.to);
    put(t.hazard);
    put(t.by_group);
  }
  void put(const Filter& f) {
    put(f.groups);
    put(f.states);
    put(f.min_spell_weeks);
    put(f.max_spell_weeks);
    put(f.served_by);
    put(f.min_age);
    put(f.max_age);
    put(f.received_track);
    put(f.received_state);
    put(f.received_within_weeks);
  }
  void put(const MeetingOutcome& o) {
    put(o.from);
    put(o.to);
    put(o.probability);
  }
  void put(const MeetingTrack& m) {
    put(m.name);
    put(m.states);
    put(m.eligible);
    put(m.interval_min);
    put(m.interval_max);
    put(m.pool);
    put(m.outcomes);
    put(m.max_per_citizen);
  }
  void put(const Pool& p) {
    put(p.name);
    put(p.fte_schedule);
    put(p.meetings_per_fte_week);
    put(p.caseload_per_fte);
  }
  void put(const Slot& s) {
    put(s.name);
    put(s.capacity);
  }
  void put(const Inflow& i) {
    put(i.group);
    put(i.state);
    put(i.per_year);
    put(i.name);
    put(i.age_years);
  }
  void put(const InitialStock& i) {
    put(i.group);
    put(i.state);
    put(i.count);
    put(i.elapsed_weeks);
    put(i.name);
    put(i.age_years);
  }
  void put(const ClockMove& m) {
    put(m.group);
    put(m.state);
    put(m.share);
  }
  void put(const AgeRule& r) {
    put(r.name);
    put(r.at_years);
    put(r.groups);
    put(r.states);
    put(r.move);
  }
  void put(const BenefitClock& c) {
    put(c.name);
    put(c.benefit);
    put(c.limit_weeks);
    put(c.window_weeks);
    put(c.outcomes);
  }
  void put(const Effect& e) {
    put(static_cast<int>(e.kind));
    put(e.target);
    put(e.from);
    put(e.to);
    put(e.meeting);
    put(e.outcome);
    put(e.multiplier);
  }
  void put(const Model& m) {
    put(m.benefits);
    put(m.refund.schedules);
    put(m.refund.self_support_weeks);
    put(m.refund.window_weeks);
    put(m.groups);
    put(m.states);
    put(m.transitions);
    put(m.meetings);
    put(m.pools);
    put(m.slots);
    put(m.inflow);
    put(m.initial);
    put(m.age_rules);
    put(m.benefit_clocks);
  }

  [[nodiscard]] std::string take() { return std::move(text_); }

 private:
  std::string text_;
};

}  // namespace

std::string baseline_key(const Scenario& scenario) {
  KeyWriter key;
  key.put(std::string("caseflow baseline key 1"));
  key.put(scenario.seed);
  key.put(scenario.start.year);
  key.put(scenario.start.month);
  key.put(scenario.start.day);
  key.put(scenario.years);
  key.put(scenario.warmup_years);
  // The citizen ledger prices its weeks at the price level (participants.cpp, ledger rates).
  key.put(scenario.report.price_year);
  key.put(scenario.report.price_index);
  // With other arms the baseline keeps its ledger and exit record for them.
  key.put(scenario.arms.size());
  if (scenario.arms.empty()) return key.take();
  const Arm& base = scenario.arms.front();
  key.put(base.name);
  key.put(base.start_week);
  key.put(base.end_week);
  key.put(base.effects);
  key.put(base.model);
  // The other arms lay out the citizen ids (model/sources.cpp): one block per source, as large
  // as the most citizens any arm gives it, so their sources are read by the baseline's run too.
  const engine::Calendar calendar = scenario.calendar();
  for (std::size_t a = 1; a < scenario.arms.size(); ++a) {
    const ArmPeriod period = arm_period(scenario, a, calendar);
    key.put(period.from);
    key.put(period.until);
    const Model& at_begin = model_at_begin(scenario, a, calendar);
    const std::vector<std::string> initial = source_names(at_begin, at_begin.initial);
    key.put(initial);
    for (const InitialStock& stock : at_begin.initial) key.put(stock.count);
    const Model& mine = scenario.arms[a].model;
    key.put(source_names(mine, mine.inflow));
    for (const Inflow& inflow : mine.inflow) key.put(inflow.per_year);
  }
  return key.take();
}

std::uint64_t baseline_key_hash(const std::string& key) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then mixed
  for (const unsigned char ch : key) {
    h ^= ch;
    h *= 0x100000001b3ULL;
  }
  return engine::mix64(h);
}

}  // namespace caseflow::model
