/// @file arm_typer.cpp
/// An intervention's keys -> model::Arm (see arm_typer.hpp). May call io/typed_reader,
/// io/model_typer, io/filter_typer, io/yaml_tree.
#include "io/arm_typer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "io/filter_typer.hpp"
#include "io/model_typer.hpp"

namespace caseflow::io {

using model::kNone;

namespace {

constexpr std::string_view kCostKinds[] = {"per_year",        "once",          "per_participant_week", "per_budget_year",
                                           "per_participant", "per_place_year"};

constexpr std::string_view kPatchable[] = {"benefits", "refund", "groups", "states",  "transitions", "meetings",
                                           "pools",    "slots",  "inflow", "initial", "age_rules",   "benefit_clocks"};

/// The same problem seen again while typing an arm: same place, same key. The wording may
/// differ (a list of defined names grows when the patch adds some), so it is not compared.
bool same(const Diagnostic& a, const Diagnostic& b) {
  return a.severity == b.severity && a.file == b.file && a.line == b.line && a.column == b.column && a.key_path == b.key_path;
}

model::CostItem::Kind cost_kind_of(const std::string& kind) {
  return kind == "per_year"               ? model::CostItem::Kind::per_year
         : kind == "once"                 ? model::CostItem::Kind::once
         : kind == "per_participant_week" ? model::CostItem::Kind::per_participant_week
         : kind == "per_participant"      ? model::CostItem::Kind::per_participant
                                          : model::CostItem::Kind::per_place_year;
}

}  // namespace

std::optional<model::Arm> ArmTyper::arm(const MapEntry& e) {
  model::Arm arm;
  arm.name = e.key;
  arm.origin = origin_of(e);
  arm.start_week = 0.0;
  if (e.key == "baseline") key_error(e, "'baseline' is reserved for the arm without intervention");
  if (e.value.is_null()) {  // `name:` alone: an arm identical to the baseline (a null intervention)
    arm.model = baseline_model();
    return arm;
  }
  if (!expect(e.value, Node::Kind::map)) return std::nullopt;
  const Node& v = e.value;
  check_keys(v, "interventions.NAME");
  patched_model(e, arm);
  if (const Node* x = v.find("description")) arm.description = text(*x).value_or("");
  arm.label = label_of(v);
  windows(v, arm);
  costs(v.find("costs"), arm, "interventions.NAME.costs[]");
  costs(v.find("financing"), arm, "interventions.NAME.financing[]");
  effects(v.find("effects"), arm);
  after_end(v.find("after_end"), arm);
  if (const Node* x = v.find("max_participants")) max_participants(*x, arm);
  stated_savings(v.find("stated_savings"), arm);
  return arm;
}

/// This arm's model: the patch merged into the baseline's tree. Problems of the baseline's own
/// parts are reported once, by the baseline; what is new here comes from the patch, or from
/// the patch's effect on baseline parts (a state the patch removed), which is said.
void ArmTyper::patched_model(const MapEntry& e, model::Arm& arm) {
  const Node* patch = e.value.find("patch");
  if (patch == nullptr || patch->is_null()) {
    arm.model = baseline_model();
    return;
  }
  if (!expect(*patch, Node::Kind::map)) return;
  const Node merged = deep_merge(base_tree_, usable_patch(*patch));
  DiagnosticSink arm_sink;
  arm.model = ModelTyper(arm_sink).model(merged, calendar_);
  const std::string& own_prefix = e.value.path;
  for (auto d : arm_sink.items()) {
    const bool known =
        std::any_of(base_sink_.items().begin(), base_sink_.items().end(), [&](const Diagnostic& b) { return same(b, d); });
    if (known) continue;
    if (d.key_path.rfind(own_prefix, 0) != 0) d.message += fmt::format(" (in intervention '{}')", e.key);
    sink().add(std::move(d));
  }
}

/// The patch's model sections; run settings and unknown keys are reported and left out.
Node ArmTyper::usable_patch(const Node& patch) const {
  Node usable = patch;
  usable.entries.clear();
  const std::vector<std::string> patchable(std::begin(kPatchable), std::end(kPatchable));
  for (const auto& pe : patch.entries) {
    if (std::find(patchable.begin(), patchable.end(), pe.key) != patchable.end()) {
      usable.entries.push_back(pe);
    } else if (pe.key == "scenario" || pe.key == "report" || pe.key == "interventions") {
      key_error(pe, fmt::format("'{}' cannot be patched: an intervention changes the model, not the run settings", pe.key));
    } else {
      const std::string guess = closest_match(pe.key, patchable);
      key_error(pe, guess.empty() ? fmt::format("unknown key '{}' (expected one of: {})", pe.key, list_names(patchable))
                                  : fmt::format("unknown key '{}'; did you mean '{}'?", pe.key, guess));
    }
  }
  return usable;
}

/// `start` and `end`: the weeks the arm's rules apply (from week 0 to the horizon by default).
void ArmTyper::windows(const Node& v, model::Arm& arm) {
  const model::Scenario& sc = scenario_;
  std::optional<engine::Date> start_date, end_date;
  if (const Node* x = v.find("start")) start_date = date(*x);
  if (const Node* x = v.find("end")) end_date = date(*x);
  if (calendar_ == nullptr) return;
  if (start_date) {
    arm.start_week = calendar_->week_of(*start_date);
    if (arm.start_week < 0.0) {
      warning(*v.find("start"), fmt::format("starts before the scenario start {} (during the warm-up)", sc.start.iso()));
    }
  }
  // The initial stock is placed on the first simulated day, under the rules in force then:
  // an arm that starts later never sees its own `initial` (model/sources.cpp).
  const Node* patch = v.find("patch");
  const Node* patched_initial = patch != nullptr && patch->is_map() ? patch->find("initial") : nullptr;
  if (patched_initial != nullptr && arm.start_week > calendar_->simulation_begin()) {
    warning(*patched_initial,
            fmt::format("has no effect: the initial stock is placed on the first simulated day ({}{}), and this "
                        "intervention starts on {}; to add citizens from its start, patch `inflow` instead, or "
                        "remove `start`",
                        calendar_->date_of_week(calendar_->simulation_begin()).iso(),
                        sc.warmup_years > 0 ? ", the start of the warm-up" : "", start_date ? start_date->iso() : ""));
  }
  if (end_date) arm.end_week = calendar_->week_of(*end_date);
  if (end_date && arm.end_week <= arm.start_week) {
    error(*v.find("end"),
          fmt::format("the end {} is not after the start {}", end_date->iso(), start_date ? start_date->iso() : sc.start.iso()));
  }
}

/// `max_participants`: a cap needs a service the patch adds (citizens are admitted on joining it).
void ArmTyper::max_participants(const Node& x, model::Arm& arm) {
  arm.max_participants = integer(x, 1, 2000000000).value_or(0);
  const model::Model& base_model = baseline_model();
  const bool own_service =
      arm.model.meetings.size() > base_model.meetings.size() || arm.model.states.size() > base_model.states.size();
  if (arm.max_participants > 0 && !own_service) {
    error(x,
          "a cap on participants needs a meeting track or state the patch adds (citizens are admitted "
          "when they join it; expected one under 'patch')");
  }
}

/// Cost lines (`costs`) or financing lines (`financing`): the same forms. Amounts are not
/// negative; income goes under `financing`.
void ArmTyper::costs(const Node* n, model::Arm& arm, std::string_view section) {
  if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::sequence)) return;
  const bool financing = section == "interventions.NAME.financing[]";
  const std::string_view hint =
      financing ? "a financing line is income paid towards the intervention; write it as a positive amount"
                : "a grant or other income that pays for the intervention goes under 'financing' as a positive "
                  "amount";
  for (const auto& item : n->items) {
    if (!expect(item, Node::Kind::map)) continue;
    check_keys(item, section);
    model::CostItem c;
    if (const Node* l = item.find("label")) c.label = text(*l).value_or("");
    const MapEntry* chosen = cost_kind(item, financing);
    const Node* places = item.find("places");
    const Node* slot = item.find("slot");
    if (chosen == nullptr) {
      error(item,
            "expected one of 'per_year', 'once', 'per_participant_week', 'per_budget_year', 'per_participant' "
            "or 'per_place_year'");
      continue;
    }
    const std::string& kind = chosen->key;
    if (kind != "per_place_year" && (places != nullptr || slot != nullptr)) {
      error(places != nullptr ? *places : *slot,
            fmt::format("'{}' only goes with 'per_place_year' (this line is '{}')", places != nullptr ? "places" : "slot", kind));
      continue;
    }
    if (kind == "per_budget_year") {
      c.kind = model::CostItem::Kind::per_budget_year;
      budget_year_amounts(*chosen, c, hint);
    } else {
      c.kind = cost_kind_of(kind);
      c.amount = money_amount(chosen->value, money(), hint).value_or(0.0);
    }
    if (kind == "per_place_year" && !place_count(item, places, slot, arm, c)) continue;
    (financing ? arm.financing : arm.costs).push_back(std::move(c));
  }
}

/// The one kind key of a cost line (`per_year`, `once`, …), or nullptr; a second one is reported.
const MapEntry* ArmTyper::cost_kind(const Node& item, bool financing) const {
  const MapEntry* chosen = nullptr;
  for (const auto& e : item.entries) {
    if (std::find(std::begin(kCostKinds), std::end(kCostKinds), e.key) == std::end(kCostKinds)) continue;
    if (chosen != nullptr) {
      key_error(e, fmt::format("'{}' and '{}' both given; a {} line has exactly one kind (write two items)", chosen->key, e.key,
                               financing ? "financing" : "cost"));
      continue;
    }
    chosen = &e;
  }
  return chosen;
}

/// `per_budget_year: {YEAR: DKK}`; a year outside the reported budget years is a warning.
void ArmTyper::budget_year_amounts(const MapEntry& chosen, model::CostItem& c, std::string_view hint) const {
  c.by_year = year_table(chosen.value, [&](const Node& v) { return money_amount(v, money(), hint); });
  if (calendar_ == nullptr) return;
  const auto& years = calendar_->budget_years();
  for (const auto& e : chosen.value.entries) {
    const int year = std::atoi(e.key.c_str());
    const bool inside = std::any_of(years.begin(), years.end(), [&](const auto& y) { return y.year == year; });
    if (!c.by_year.empty() && !inside) {
      sink().warning(e.value.file, e.key_mark.line, e.key_mark.column, e.value.path,
                     fmt::format("year {} is outside the reported budget years {}-{}; its amount is not booked", year,
                                 years.front().year, years.back().year));
    }
  }
}

/// `per_place_year`'s `places` (a number) or `slot` (its capacity); false when the line is unusable.
bool ArmTyper::place_count(const Node& item, const Node* places, const Node* slot, const model::Arm& arm,
                           model::CostItem& c) const {
  if ((places == nullptr) == (slot == nullptr)) {
    error(item, places == nullptr ? "'per_place_year' needs 'places' (how many) or 'slot' (a slot whose capacity "
                                    "is the number of places)"
                                  : "'places' and 'slot' both given; give one");
    return false;
  }
  if (places != nullptr) c.places = number(*places, closed(0.0, std::numeric_limits<int>::max())).value_or(0.0);
  if (slot != nullptr) {
    c.slot = lookup(*slot, "slot", names_of(arm.model.slots));
    if (c.slot == kNone) return false;
  }
  return true;
}

/// `stated_savings: {YEAR: DKK, …}`: a calendar year (an integer) to an amount in DKK, read as
/// the cost lines' amounts are: a Danish thousands point (`200.000`) is caught, and a negative
/// amount (documents print a saving as a reduction, `-200.000`) is an error that says so.
void ArmTyper::stated_savings(const Node* n, model::Arm& arm) {
  if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::map)) return;
  for (const auto& e : n->entries) {
    double year = 0.0;
    if (!parse_number(e.key, year) || year != std::floor(year) || year < 1900.0 || year > 2200.0) {
      key_error(e, fmt::format("expected a budget year (e.g. 2026), got '{}'", e.key));
      continue;
    }
    constexpr std::string_view hint =
        "a stated saving is what the municipality expects to save, written as a positive amount (a budget "
        "table's reduction of -200.000 is a saving of 200000)";
    if (const auto dkk = money_amount(e.value, money(), hint)) arm.stated_savings.emplace_back(static_cast<int>(year), *dkk);
  }
  std::sort(arm.stated_savings.begin(), arm.stated_savings.end());
}

/// `after_end: {continue_weeks, fade_weeks}`: what goes on after the intervention's `end`.
void ArmTyper::after_end(const Node* n, model::Arm& arm) {
  if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::map)) return;
  check_keys(*n, "interventions.NAME.after_end");
  arm.continue_weeks = number_or(*n, "continue_weeks", closed(0.0, 1e4), 0.0);
  arm.fade_weeks = number_or(*n, "fade_weeks", closed(0.0, 1e4), 0.0);
  if (!std::isfinite(arm.end_week) && (arm.continue_weeks > 0.0 || arm.fade_weeks > 0.0)) {
    warning(*n, "the intervention has no 'end', so nothing comes after it (expected an 'end' date with 'after_end')");
  }
}

void ArmTyper::effects(const Node* n, model::Arm& arm) {
  if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::sequence)) return;
  const model::Model& m = arm.model;
  const auto state_names = names_of(m.states);
  for (const auto& item : n->items) {
    if (!expect(item, Node::Kind::map)) continue;
    check_keys(item, "interventions.NAME.effects[]");
    model::Effect fx;
    fx.origin = origin_of(item);
    bool ok = true;
    if (const Node* t = item.find("target")) fx.target = type_filter(*this, *t, m, true);
    if (const Node* x = item.find("multiplier")) {
      const auto v = number(*x, at_least(0.0));
      ok = v.has_value();
      fx.multiplier = v.value_or(1.0);
    }
    const Node* tr = item.find("transition");
    const Node* meeting = item.find("meeting");
    const Node* outcome = item.find("outcome");
    if (tr != nullptr && (meeting != nullptr || outcome != nullptr)) {
      error(item, "an effect scales either a 'transition' or a 'meeting' outcome, not both");
      continue;
    }
    if (tr != nullptr) {
      fx.kind = model::Effect::Kind::hazard;
      if (!expect(*tr, Node::Kind::map)) continue;
      check_keys(*tr, "interventions.NAME.effects[].transition");
      const Node* from = tr->find("from");
      const Node* to = tr->find("to");
      if (from == nullptr || to == nullptr) continue;
      const int f = lookup(*from, "state", state_names);
      const int t = lookup(*to, "state", state_names);
      if (f == kNone || t == kNone) continue;
      const bool exists = std::any_of(m.transitions.begin(), m.transitions.end(),
                                      [&](const model::Transition& x) { return x.from == f && x.to == t; });
      if (!exists) {
        error(*tr, fmt::format("there is no transition {} -> {} in this arm's model to scale", from->text, to->text));
        continue;
      }
      fx.from = static_cast<model::StateId>(f);
      fx.to = static_cast<model::StateId>(t);
    } else if (meeting != nullptr || outcome != nullptr) {
      fx.kind = model::Effect::Kind::meeting_outcome;
      if (meeting == nullptr || outcome == nullptr) {
        error(item, fmt::format("missing required key '{}' (a meeting effect names 'meeting' and 'outcome')",
                                meeting == nullptr ? "meeting" : "outcome"));
        continue;
      }
      fx.meeting = lookup(*meeting, "meeting", names_of(m.meetings));
      const int o = lookup(*outcome, "state", state_names);
      if (fx.meeting == kNone || o == kNone) continue;
      const auto& track = m.meetings[static_cast<std::size_t>(fx.meeting)];
      const bool exists =
          std::any_of(track.outcomes.begin(), track.outcomes.end(), [&](const model::MeetingOutcome& x) { return x.to == o; });
      if (!exists) {
        error(*outcome, fmt::format("meeting '{}' has no outcome '{}' to scale", track.name, outcome->text));
        continue;
      }
      fx.outcome = static_cast<model::StateId>(o);
    } else {
      error(item, "expected 'transition' or 'meeting' with 'outcome' (what the effect scales)");
      continue;
    }
    if (ok) arm.effects.push_back(std::move(fx));
  }
}

}  // namespace caseflow::io
