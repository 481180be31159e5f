/// @file model_typer_flows.cpp
/// What moves citizens besides hazards: meeting tracks and their outcomes, inflow and the
/// initial stock (with their source names), age rules and benefit clocks (see model_typer.hpp).
/// May call io/typed_reader, io/distribution_typer, io/filter_typer.
#include <algorithm>
#include <cmath>

#include "io/distribution_typer.hpp"
#include "io/filter_typer.hpp"
#include "io/model_typer.hpp"

namespace caseflow::io {

using model::kInfinity;
using model::kNone;

void ModelTyper::meetings(const Node* n, model::Model& m) {
  const auto state_names = names_of(m.states);
  const auto pool_names = names_of(m.pools);
  each_named(n, [&](const MapEntry& e) {
    model::MeetingTrack t;
    t.name = e.key;
    t.origin = origin_of(e);
    if (!expect(e.value, Node::Kind::map)) {
      m.meetings.push_back(std::move(t));
      return;
    }
    const Node& v = e.value;
    check_keys(v, "meetings.NAME");
    std::vector<std::string> track_states;
    if (const Node* s = v.find("states"); s != nullptr && expect(*s, Node::Kind::sequence)) {
      if (s->items.empty()) error(*s, "expected at least one state, got an empty list");
      for (const auto& item : s->items) {
        const int id = lookup(item, "state", state_names);
        if (id == kNone) continue;
        t.states.push_back(static_cast<model::StateId>(id));
        track_states.push_back(item.text);
      }
    }
    if (const Node* el = v.find("eligible")) t.eligible = type_filter(*this, *el, m);
    if (const Node* p = v.find("pool")) t.pool = lookup(*p, "pool", pool_names);
    if (const Node* x = v.find("max_per_citizen")) t.max_per_citizen = static_cast<int>(integer(*x, 1, 1000000).value_or(0));
    if (const Node* iv = v.find("interval_weeks")) interval(v, *iv, t);
    if (const Node* oc = v.find("outcomes")) meeting_outcomes(*oc, t, track_states, state_names);
    m.meetings.push_back(std::move(t));
  });
}

/// A track's `interval_weeks`: a number, or `{min, max}` (a range only with a pool).
void ModelTyper::interval(const Node& v, const Node& iv, model::MeetingTrack& t) {
  if (iv.is_map()) {
    check_keys(iv, "meetings.NAME.interval_weeks");
    const Node* lo = iv.find("min");
    const Node* hi = iv.find("max");
    if (lo != nullptr && hi != nullptr) {
      const auto a = number(*lo, above(0.0));
      const auto b = a ? number(*hi, at_least(*a)) : number(*hi, above(0.0));
      if (a && b) {
        t.interval_min = *a;
        t.interval_max = *b;
        if (t.pool == kNone && v.find("pool") == nullptr && *a != *b) {
          error(iv, fmt::format("without a pool the interval is fixed: give min == max or a plain number "
                                "(got min {}, max {})",
                                num(*a), num(*b)));
        }
      }
    }
  } else {
    const auto x = number(iv, above(0.0));
    t.interval_min = t.interval_max = x.value_or(4.0);
  }
}

/// A track's `outcomes`: FROM -> TO -> probability, FROM one of the track's states.
void ModelTyper::meeting_outcomes(const Node& oc, model::MeetingTrack& t, const std::vector<std::string>& track_states,
                                  const std::vector<std::string>& state_names) {
  if (oc.is_null() || !expect(oc, Node::Kind::map)) return;
  for (const auto& from : oc.entries) {
    const int f = lookup_key(from, "state", state_names);
    if (f != kNone && std::find(t.states.begin(), t.states.end(), f) == t.states.end()) {
      key_error(from, fmt::format("'{}' is not one of this meeting's states ({})", from.key, list_names(track_states)));
    }
    if (!expect(from.value, Node::Kind::map)) continue;
    double sum = 0.0;
    bool ok = true;
    for (const auto& to : from.value.entries) {
      const int id = lookup_key(to, "state", state_names);
      if (id != kNone && id == f) key_error(to, "a meeting outcome must move the citizen to another state");
      const auto p = number(to.value, closed(0.0, 1.0));
      if (!p || id == kNone || f == kNone) {
        ok = ok && p.has_value();
        continue;
      }
      sum += *p;
      t.outcomes.push_back(model::MeetingOutcome{static_cast<model::StateId>(f), static_cast<model::StateId>(id), *p});
    }
    if (ok && sum > 1.0 + 1e-9) {
      error(from.value, fmt::format("probabilities sum to {} (expected at most 1)", num(sum)));
    }
  }
}

/// Common part of `inflow` and `initial` items: group and state.
void ModelTyper::group_and_state(const Node& item, const model::Model& m, int& group, model::StateId& state) {
  if (const Node* g = item.find("group")) group = std::max(0, lookup(*g, "group", names_of(m.groups)));
  if (const Node* s = item.find("state")) {
    state = static_cast<model::StateId>(std::max(0, lookup(*s, "state", names_of(m.states))));
  }
}

/// An `inflow` or `initial` entry's name: its citizens' identity (their random streams are
/// keyed by it, model/sources.hpp). `GROUP.STATE` unless given (`GROUP.STATE#2` for a second
/// entry of the same group and state); names must be unique within the list.
std::string ModelTyper::source_name(const Node& item, const model::Model& m, int group, model::StateId state,
                                    std::set<std::string>& seen) {
  std::string name;
  const Node* given = item.find("name");
  if (given != nullptr) name = text(*given).value_or("");
  if (given != nullptr && name.empty()) error(*given, "expected a non-empty name");
  if (given == nullptr && group < static_cast<int>(m.groups.size()) && state < m.states.size()) {
    // The default; a second entry of the same group and state is GROUP.STATE#2, and so on.
    const std::string base = m.groups[group].name + "." + m.states[state].name;
    name = base;
    for (int k = 2; seen.count(name) != 0; ++k) name = base + "#" + std::to_string(k);
  }
  if (!name.empty() && !seen.insert(name).second) {
    error(given != nullptr ? *given : item,
          fmt::format("two entries are named '{}'; give each a different `name` (the default is GROUP.STATE)", name));
  }
  return name;
}

void ModelTyper::inflow(const Node* n, model::Model& m) {
  if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::sequence)) return;
  std::set<std::string> names;
  for (const auto& item : n->items) {
    if (!expect(item, Node::Kind::map)) continue;
    check_keys(item, "inflow[]");
    model::Inflow in;
    group_and_state(item, m, in.group, in.state);
    in.per_year = number_or(item, "per_year", at_least(0.0), 0.0);
    in.name = source_name(item, m, in.group, in.state, names);
    if (const Node* a = item.find("age_years")) in.age_years = type_distribution(*this, *a, true);
    m.inflow.push_back(in);
  }
}

void ModelTyper::initial(const Node* n, model::Model& m) {
  if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::sequence)) return;
  std::set<std::string> names;
  for (const auto& item : n->items) {
    if (!expect(item, Node::Kind::map)) continue;
    check_keys(item, "initial[]");
    model::InitialStock stock;
    group_and_state(item, m, stock.group, stock.state);
    stock.name = source_name(item, m, stock.group, stock.state, names);
    if (const Node* c = item.find("count")) {
      stock.count = integer(*c, 0, std::numeric_limits<std::int64_t>::max()).value_or(0);
    }
    if (const Node* el = item.find("elapsed_weeks")) {
      if (auto d = type_distribution(*this, *el, true)) stock.elapsed_weeks = *d;
    }
    if (const Node* a = item.find("age_years")) stock.age_years = type_distribution(*this, *a, true);
    m.initial.push_back(std::move(stock));
  }
}

/// The move of an age rule or a benefit clock's outcome (`group`, `state`; at least one).
model::ClockMove ModelTyper::clock_move(const Node& v, const model::Model& m) {
  model::ClockMove move;
  if (const Node* g = v.find("group")) move.group = lookup(*g, "group", names_of(m.groups));
  if (const Node* st = v.find("state")) {
    move.state = lookup(*st, "state", names_of(m.states));
    if (move.state != kNone && m.states[move.state].slot != kNone) {
      error(*st, fmt::format("state '{}' needs a place in a slot; a clock moves citizens at once (expected a state "
                             "without `slots`)",
                             st->text));
    }
  }
  if (v.find("group") == nullptr && v.find("state") == nullptr)
    error(v, "missing key 'group' or 'state' (where the clock moves the citizen)");
  return move;
}

/// `age_rules.NAME: {at_years, groups, states, group, state}`.
void ModelTyper::age_rules(const Node* n, model::Model& m) {
  each_named(n, [&](const MapEntry& e) {
    if (!expect(e.value, Node::Kind::map)) return;
    check_keys(e.value, "age_rules.NAME");
    model::AgeRule rule;
    rule.name = e.key;
    rule.origin = origin_of(e);
    if (const Node* at = e.value.find("at_years")) rule.at_years = number(*at, closed(0.0, kMaxAgeYears)).value_or(0.0);
    const model::Filter who = type_filter_lists(*this, e.value, m);
    rule.groups = who.groups;
    rule.states = who.states;
    rule.move = clock_move(e.value, m);
    m.age_rules.push_back(std::move(rule));
  });
}

/// `benefit_clocks.NAME: {benefit, limit_weeks, window_weeks, outcomes: [{share, group, state}]}`.
void ModelTyper::benefit_clocks(const Node* n, model::Model& m) {
  each_named(n, [&](const MapEntry& e) {
    if (!expect(e.value, Node::Kind::map)) return;
    check_keys(e.value, "benefit_clocks.NAME");
    model::BenefitClock clock;
    clock.name = e.key;
    clock.origin = origin_of(e);
    if (const Node* b = e.value.find("benefit")) clock.benefit = lookup(*b, "benefit", names_of(m.benefits));
    if (const Node* x = e.value.find("window_weeks")) clock.window_weeks = number(*x, above(0.0)).value_or(0.0);
    if (const Node* x = e.value.find("limit_weeks")) {
      const double window = clock.window_weeks > 0.0 ? clock.window_weeks : kInfinity;
      clock.limit_weeks = number(*x, Range{0.0, window, false, true}).value_or(0.0);
    }
    if (const Node* list = e.value.find("outcomes"); list != nullptr && expect(*list, Node::Kind::sequence)) {
      double sum = 0.0;
      bool ok = !list->items.empty();
      if (list->items.empty()) error(*list, "expected at least one outcome, got an empty list");
      for (const auto& item : list->items) {
        if (!expect(item, Node::Kind::map)) {
          ok = false;
          continue;
        }
        check_keys(item, "benefit_clocks.NAME.outcomes[]");
        model::ClockMove move = clock_move(item, m);
        const auto share =
            item.find("share") == nullptr ? std::optional<double>(1.0) : number(*item.find("share"), closed(0.0, 1.0));
        if (!share) {
          ok = false;
          continue;
        }
        move.share = *share;
        sum += *share;
        clock.outcomes.push_back(move);
      }
      if (ok && std::abs(sum - 1.0) > 1e-9) error(*list, fmt::format("shares sum to {} (expected 1)", num(sum)));
    }
    m.benefit_clocks.push_back(std::move(clock));
  });
}

}  // namespace caseflow::io
