/// @file model_typer.cpp
/// The model's tables: refund schedules, benefits, groups, slots, pools, states and
/// programmes, transitions and hazards (see model_typer.hpp). May call io/typed_reader,
/// io/distribution_typer, io/key_registry.
#include "io/model_typer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "io/distribution_typer.hpp"
#include "io/key_registry.hpp"

namespace caseflow::io {

using model::kInfinity;
using model::kNone;

model::Model ModelTyper::model(const Node& root, const engine::Calendar* calendar) {
  model::Model m;
  refund(root.find("refund"), m);
  benefits(root.find("benefits"), m, calendar);
  groups(root.find("groups"), m);
  slots(root.find("slots"), m);
  pools(root.find("pools"), m, calendar);
  states(root.find("states"), m);
  refund_by_state(m);
  transitions(root.find("transitions"), m);
  meetings(root.find("meetings"), m);
  inflow(root.find("inflow"), m);
  initial(root.find("initial"), m);
  age_rules(root.find("age_rules"), m);
  benefit_clocks(root.find("benefit_clocks"), m);
  return m;
}

void ModelTyper::refund(const Node* n, model::Model& m) {
  if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::map)) return;
  check_keys(*n, "refund");
  each_named(n->find("schedules"), [&](const MapEntry& e) {
    model::RefundSchedule s;
    s.name = e.key;
    if (e.value.is_map()) {  // an activity-based rule: a share, and shares by state (resolved after the states)
      check_keys(e.value, "refund.schedules.NAME");
      const double share = number_or(e.value, "share", closed(0.0, 1.0), 0.0);
      s.steps = {{0.0, share}};
      pending_by_state_.emplace_back(m.refund.schedules.size(), e.value.find("by_state"));
    } else {
      s.steps = steps(e.value, "from_week", "share", closed(0.0, 1.0));
    }
    m.refund.schedules.push_back(std::move(s));
  });
  if (const Node* reset = n->find("reset"); reset != nullptr && expect(*reset, Node::Kind::map)) {
    check_keys(*reset, "refund.reset");
    m.refund.self_support_weeks =
        number_or(*reset, "self_support_weeks", above(0.0), numeric_default("refund.reset", "self_support_weeks"));
    const double window_default = numeric_default("refund.reset", "window_weeks");
    if (const Node* w = reset->find("window_weeks")) {
      m.refund.window_weeks = number(*w, at_least(m.refund.self_support_weeks)).value_or(window_default);
    } else {
      m.refund.window_weeks = std::max(window_default, m.refund.self_support_weeks);
    }
  }
}

/// The `by_state` shares of activity-based refund schedules, once the states are known.
void ModelTyper::refund_by_state(model::Model& m) {
  const auto names = names_of(m.states);
  for (const auto& [index, node] : pending_by_state_) {
    model::RefundSchedule& s = m.refund.schedules[index];
    s.by_state.assign(m.states.size(), s.steps.front().second);
    if (node == nullptr || node->is_null() || !expect(*node, Node::Kind::map)) continue;
    for (const auto& e : node->entries) {
      const int st = lookup_key(e, "state", names);
      const auto share = number(e.value, closed(0.0, 1.0));
      if (st != kNone && share) s.by_state[static_cast<std::size_t>(st)] = *share;
    }
  }
  pending_by_state_.clear();
}

/// `refund_changes: [{date, refund}, ...]`: the schedule in force from each date on.
void ModelTyper::refund_changes(const Node& list, model::Benefit& b, const std::vector<std::string>& schedules,
                                const engine::Calendar* calendar) {
  if (!expect(list, Node::Kind::sequence)) return;
  const Node* previous = nullptr;
  std::optional<engine::Date> previous_date;
  for (const auto& item : list.items) {
    if (!expect(item, Node::Kind::map)) continue;
    check_keys(item, "benefits.NAME.refund_changes[]");
    const Node* date_node = item.find("date");
    const Node* refund_node = item.find("refund");
    if (date_node == nullptr || refund_node == nullptr) continue;
    const auto d = date(*date_node);
    const int schedule = lookup(*refund_node, "refund schedule", schedules);
    if (!d || schedule == kNone) continue;
    if (previous_date && previous_date->days_since_epoch() >= d->days_since_epoch()) {
      error(*date_node, fmt::format("the date {} is not after the previous change's {} (line {}); changes must be "
                                    "in date order, one per date",
                                    d->iso(), previous_date->iso(), previous->mark.line));
      continue;
    }
    previous = date_node;
    previous_date = d;
    if (calendar != nullptr) b.refund_changes.emplace_back(calendar->week_of(*d), schedule);
  }
}

void ModelTyper::benefits(const Node* n, model::Model& m, const engine::Calendar* calendar) {
  const auto schedules = names_of(m.refund.schedules);
  each_named(n, [&](const MapEntry& e) {
    model::Benefit b;
    b.name = e.key;
    if (e.key == "none" || e.key == "group") {
      key_error(e, fmt::format("'{}' is reserved (states use `benefit: {}`); choose another name", e.key, e.key));
    }
    if (expect(e.value, Node::Kind::map)) {
      check_keys(e.value, "benefits.NAME");
      b.label = label_of(e.value);
      const Node* rate = e.value.find("weekly_rate");
      if (rate != nullptr) b.weekly_rate = money_amount(*rate, money()).value_or(0.0);
      if (const Node* s = e.value.find("refund")) b.refund_schedule = std::max(0, lookup(*s, "refund schedule", schedules));
      if (const Node* c = e.value.find("refund_changes")) refund_changes(*c, b, schedules, calendar);
      const Node* by_year = e.value.find("weekly_rate_by_year");
      const Node* uprating = e.value.find("uprating");
      if (by_year != nullptr) {
        b.rate_by_year = year_table(*by_year, [&](const Node& v) { return money_amount(v, money()); });
        if (rate == nullptr && !b.rate_by_year.empty()) b.weekly_rate = b.rate_by_year.front().second;
      } else if (rate == nullptr) {
        error(e.value, "missing required key 'weekly_rate' (or give 'weekly_rate_by_year')");
      }
      if (uprating != nullptr && by_year != nullptr) {
        error(*uprating,
              "'weekly_rate_by_year' and 'uprating' both given; give the rates by year, or one rate and "
              "its yearly uprating");
      } else if (uprating != nullptr && expect(*uprating, Node::Kind::map)) {
        check_keys(*uprating, "benefits.NAME.uprating");
        if (const Node* p = uprating->find("per_year")) b.uprating = number(*p, closed(-0.5, 0.5)).value_or(0.0);
        if (const Node* y = uprating->find("base_year")) {
          b.uprating_base_year = static_cast<int>(integer(*y, 1900, 2200).value_or(0));
        }
      }
    }
    m.benefits.push_back(std::move(b));
  });
}

void ModelTyper::groups(const Node* n, model::Model& m) {
  const auto benefit_names = names_of(m.benefits);
  each_named(n, [&](const MapEntry& e) {
    model::Group g;
    g.name = e.key;
    if (expect(e.value, Node::Kind::map)) {
      check_keys(e.value, "groups.NAME");
      g.label = label_of(e.value);
      if (const Node* b = e.value.find("benefit")) {
        if (!(b->is_scalar() && b->text == "none")) g.benefit = lookup(*b, "benefit", benefit_names);
      }
    }
    m.groups.push_back(std::move(g));
  });
}

void ModelTyper::slots(const Node* n, model::Model& m) {
  each_named(n, [&](const MapEntry& e) {
    model::Slot s;
    s.name = e.key;
    s.origin = origin_of(e);
    if (expect(e.value, Node::Kind::map)) {
      check_keys(e.value, "slots.NAME");
      s.label = label_of(e.value);
      if (const Node* c = e.value.find("capacity")) {
        s.capacity = static_cast<int>(integer(*c, 0, std::numeric_limits<int>::max()).value_or(0));
      }
    }
    m.slots.push_back(std::move(s));
  });
}

void ModelTyper::pools(const Node* n, model::Model& m, const engine::Calendar* calendar) {
  each_named(n, [&](const MapEntry& e) {
    model::Pool p;
    p.name = e.key;
    p.origin = origin_of(e);
    if (expect(e.value, Node::Kind::map)) {
      const Node& v = e.value;
      check_keys(v, "pools.NAME");
      p.label = label_of(v);
      const double fte = number_or(v, "fte", at_least(0.0), 0.0);
      p.fte_schedule.emplace_back(-kInfinity, fte);
      p.meetings_per_fte_week = number_or(v, "meetings_per_fte_week", above(0.0), 1.0);
      p.caseload_per_fte = number_or(v, "caseload_per_fte", at_least(0.0), numeric_default("pools.NAME", "caseload_per_fte"));
      if (const Node* changes = v.find("fte_changes"); changes != nullptr && expect(*changes, Node::Kind::sequence)) {
        std::vector<std::pair<double, const Node*>> seen;
        for (const auto& item : changes->items) {
          if (!expect(item, Node::Kind::map)) continue;
          check_keys(item, "pools.NAME.fte_changes[]");
          const Node* date_node = item.find("date");
          const Node* fte_node = item.find("fte");
          if (date_node == nullptr || fte_node == nullptr) continue;
          const auto d = date(*date_node);
          const auto x = number(*fte_node, at_least(0.0));
          if (!d || !x || calendar == nullptr) continue;
          const double week = calendar->week_of(*d);
          const auto twin = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == week; });
          if (twin != seen.end()) {
            error(*date_node, fmt::format("the date {} is given twice (first at line {})", d->iso(), twin->second->mark.line));
            continue;
          }
          seen.emplace_back(week, date_node);
          p.fte_schedule.emplace_back(week, *x);
        }
        std::stable_sort(p.fte_schedule.begin(), p.fte_schedule.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
      }
    }
    m.pools.push_back(std::move(p));
  });
}

void ModelTyper::states(const Node* n, model::Model& m) {
  if (n == nullptr || n->is_null() || !n->is_map()) {
    if (n != nullptr && !n->is_null()) expect(*n, Node::Kind::map);
    return;
  }
  if (n->entries.size() > std::numeric_limits<model::StateId>::max()) {
    error(*n, fmt::format("too many states ({}; at most {})", n->entries.size(), std::numeric_limits<model::StateId>::max()));
    return;
  }
  // Names first, so that exits may name states defined further down.
  for (const auto& e : n->entries) {
    model::State s;
    s.name = e.key;
    s.origin = origin_of(e);
    m.states.push_back(std::move(s));
  }
  const auto state_names = names_of(m.states);
  const auto benefit_names = names_of(m.benefits);
  const auto slot_names = names_of(m.slots);
  std::size_t index = 0;
  each_named(n, [&](const MapEntry& e) {
    model::State& s = m.states[index++];
    if (e.key == "return") key_error(e, "'return' is reserved (a programme's exit back to the state before)");
    if (e.value.is_null()) return;  // `job:` alone: a plain state with every default
    if (!expect(e.value, Node::Kind::map)) return;
    const Node& v = e.value;
    check_keys(v, "states.NAME");
    s.label = label_of(v);
    if (const Node* b = v.find("benefit")) state_benefit(*b, s, benefit_names);
    if (const Node* x = v.find("self_supporting")) s.self_supporting = boolean(*x).value_or(false);
    if (const Node* x = v.find("absorbing")) s.absorbing = boolean(*x).value_or(false);
    if (const Node* x = v.find("duration")) s.duration = type_distribution(*this, *x, true);
    if (const Node* x = v.find("slots")) s.slot = lookup(*x, "slot", slot_names);
    if (const Node* c = v.find("cost_per_week"))
      s.cost_per_week = money_amount(*c, money()).value_or(numeric_default("states.NAME", "cost_per_week"));
    programme_exits(v, s, state_names);
  });
}

/// A state's `benefit`: `group`, `none` or a benefit's name.
void ModelTyper::state_benefit(const Node& b, model::State& s, const std::vector<std::string>& benefit_names) {
  if (b.is_scalar() && b.text == "group") {
    s.benefit_rule = model::State::BenefitRule::group;
  } else if (b.is_scalar() && b.text == "none") {
    s.benefit_rule = model::State::BenefitRule::none;
  } else if (b.is_scalar() && index_of(benefit_names, b.text) == kNone) {
    // `group` and `none` are the likeliest intended words, so suggest them too.
    auto candidates = benefit_names;
    candidates.insert(candidates.end(), {"group", "none"});
    const std::string guess = closest_match(b.text, candidates);
    error(b, guess.empty() ? undefined("benefit", b.text, benefit_names)
                           : fmt::format("undefined benefit '{}'; did you mean '{}'?", b.text, guess));
  } else {
    s.benefit = lookup(b, "benefit", benefit_names);
    s.benefit_rule = model::State::BenefitRule::fixed;
  }
}

/// A programme's `exits`: where its leavers go, with probabilities that sum to 1.
void ModelTyper::programme_exits(const Node& v, model::State& s, const std::vector<std::string>& state_names) {
  const MapEntry* exits = v.entry("exits");
  if (v.find("duration") != nullptr && exits == nullptr) {
    error(v, "missing required key 'exits' (a programme routes its leavers by 'exits')");
  }
  if (exits != nullptr && v.find("duration") == nullptr) {
    key_error(*exits, "only a programme (a state with 'duration') has exits");
  } else if (exits != nullptr && expect(exits->value, Node::Kind::map)) {
    double sum = 0.0;
    bool ok = true;
    for (const auto& x : exits->value.entries) {
      model::ProgrammeExit out;
      if (x.key == "return") {
        out.to_return = true;
      } else {
        out.to = lookup_key(x, "state", state_names);
        if (out.to == kNone) ok = false;
      }
      const auto p = number(x.value, closed(0.0, 1.0));
      if (!p) {
        ok = false;
        continue;
      }
      out.probability = *p;
      sum += *p;
      s.exits.push_back(out);
    }
    if (ok && std::abs(sum - 1.0) > 1e-9) {
      error(exits->value, fmt::format("probabilities sum to {} (expected 1)", num(sum)));
    }
  }
}

model::Hazard ModelTyper::hazard(const Node& v, std::string_view section) {
  model::Hazard h;
  check_keys(v, section);
  const MapEntry* chosen = nullptr;
  for (const auto& e : v.entries) {
    if (e.key != "rate" && e.key != "piecewise" && e.key != "weibull") continue;
    if (chosen != nullptr) {
      // In a patch the baseline's hazard is still there after the merge: say how to drop it.
      key_error(e, fmt::format("'{0}' and '{1}' both given; a transition has exactly one hazard (a patch is merged into "
                               "the baseline's value: to replace '{0}' by '{1}' there, also write '{0}: null')",
                               chosen->key, e.key));
      continue;
    }
    chosen = &e;
  }
  if (chosen == nullptr) {
    error(v, "expected one of 'rate', 'piecewise' or 'weibull'");
  } else if (chosen->key == "rate") {
    h.kind = model::Hazard::Kind::rate;
    h.rate = number(chosen->value, at_least(0.0)).value_or(0.0);
  } else if (chosen->key == "piecewise") {
    h.kind = model::Hazard::Kind::piecewise;
    h.steps = steps(chosen->value, "from_week", "rate", at_least(0.0));
  } else {
    h.kind = model::Hazard::Kind::weibull;
    const Node& w = chosen->value;
    if (expect(w, Node::Kind::map)) {
      check_keys(w, "transitions.FROM.TO.weibull");
      h.shape = number_or(w, "shape", above(0.0), 1.0);
      h.scale = number_or(w, "scale", above(0.0), 1.0);
    }
  }
  if (const Node* c = v.find("clock")) {
    if (c->is_scalar() && c->text == "state") {
      h.clock = model::Hazard::Clock::state;
    } else if (c->is_scalar() && c->text == "spell") {
      h.clock = model::Hazard::Clock::spell;
    } else {
      error(*c, fmt::format("expected 'state' or 'spell', got {}", c->describe()));
    }
  }
  return h;
}

void ModelTyper::transitions(const Node* n, model::Model& m) {
  if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::map)) return;
  const auto state_names = names_of(m.states);
  const auto group_names = names_of(m.groups);
  for (const auto& from : n->entries) {
    const int f = lookup_key(from, "state", state_names);
    if (from.value.is_null()) continue;
    if (!expect(from.value, Node::Kind::map)) continue;
    for (const auto& to : from.value.entries) {
      const int t = lookup_key(to, "state", state_names);
      if (f != kNone && t == f) key_error(to, "a transition from a state to itself");
      if (!expect(to.value, Node::Kind::map)) continue;
      model::Transition tr;
      tr.hazard = hazard(to.value);
      tr.origin = origin_of(to);
      if (const Node* own = to.value.find("by_group"); own != nullptr && expect(*own, Node::Kind::map)) {
        // A group's own hazard replaces the default for that group's citizens.
        tr.by_group.resize(m.groups.size());
        for (const auto& g : own->entries) {
          const int group = lookup_key(g, "group", group_names);
          if (!expect(g.value, Node::Kind::map)) continue;
          model::Hazard h = hazard(g.value, "transitions.FROM.TO.by_group.GROUP");
          if (group != kNone) tr.by_group[group] = h;
        }
      }
      if (f == kNone || t == kNone || f == t) continue;
      tr.from = static_cast<model::StateId>(f);
      tr.to = static_cast<model::StateId>(t);
      m.transitions.push_back(std::move(tr));
    }
  }
}

}  // namespace caseflow::io
