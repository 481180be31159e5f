#include "io/scenario_diff.hpp"

#include <algorithm>
#include <map>

#include <fmt/core.h>

#include "io/key_path.hpp"

namespace caseflow::io {
namespace {

/// `a.b[2].c` -> {"a", "b", "[2]", "c"} (io/key_path's steps, an index kept in its brackets);
/// empty on a malformed path.
std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  for (const PathStep& step : parse_key_path(path).steps) out.push_back(step.is_index ? fmt::format("[{}]", step.index) : step.key);
  return out;
}

/// The value at `path` in `root`, or nullptr (why it is missing is not needed here).
const Node* value_at(const Node& root, std::string_view path) {
  std::string why;
  return find_path(root, path, why);
}

bool is_leaf(const Node& n) {
  if (!n.is_sequence()) return !n.is_map();
  return std::all_of(n.items.begin(), n.items.end(), [](const Node& i) { return is_leaf(i); });
}

/// A value as one line of flow-style YAML.
std::string render(const Node& n) {
  switch (n.kind) {
    case Node::Kind::null: return "";
    case Node::Kind::scalar: return n.text;
    case Node::Kind::sequence: {
      std::string out = "[";
      for (std::size_t i = 0; i < n.items.size(); ++i) out += (i ? ", " : "") + render(n.items[i]);
      return out + "]";
    }
    case Node::Kind::map: {
      std::string out = "{";
      for (std::size_t i = 0; i < n.entries.size(); ++i) out += (i ? ", " : "") + n.entries[i].key + ": " + render(n.entries[i].value);
      return out + "}";
    }
  }
  return "";
}

void diff_into(const Node* a, const Node* b, const std::string& path, std::vector<Difference>& out) {
  static const Node kNull;
  const Node& x = a ? *a : kNull;
  const Node& y = b ? *b : kNull;
  if (x.is_map() || y.is_map()) {
    if (x.is_map() && y.is_map()) {
      for (const auto& e : x.entries) diff_into(&e.value, y.find(e.key), join_path(path, e.key), out);
      for (const auto& e : y.entries) {
        if (x.find(e.key) == nullptr) diff_into(nullptr, &e.value, join_path(path, e.key), out);
      }
      return;
    }
    if (x.is_null() || y.is_null()) {  // a map added or removed: one row per value in it
      const Node& present = x.is_map() ? x : y;
      for (const auto& e : present.entries) {
        diff_into(x.is_map() ? &e.value : nullptr, y.is_map() ? &e.value : nullptr, join_path(path, e.key), out);
      }
      return;
    }
  } else if (x.is_sequence() && y.is_sequence() && !(is_leaf(x) && is_leaf(y))) {  // lists of maps: item by item
    for (std::size_t i = 0; i < std::max(x.items.size(), y.items.size()); ++i) {
      diff_into(i < x.items.size() ? &x.items[i] : nullptr, i < y.items.size() ? &y.items[i] : nullptr, fmt::format("{}[{}]", path, i), out);
    }
    return;
  } else if (x.is_null() != y.is_null() && !is_leaf(x.is_null() ? y : x)) {  // a list of maps added or removed
    const Node& present = x.is_null() ? y : x;
    for (std::size_t i = 0; i < present.items.size(); ++i) {
      diff_into(x.is_null() ? nullptr : &present.items[i], y.is_null() ? nullptr : &present.items[i], fmt::format("{}[{}]", path, i), out);
    }
    return;
  }
  const std::string before = render(x), after = render(y);
  if (before != after) out.push_back(Difference{"", path, "", before, after, "", false, false});
}

template <typename T>
std::string label_in(const std::vector<T>& items, const std::string& name) {
  for (const auto& i : items) {
    if (i.name == name) return i.label.empty() ? i.name : i.label;
  }
  return name;
}

std::string key_word(const std::string& key) {
  static const std::map<std::string, std::string> words = {
      {"weekly_rate", "sats pr. uge"}, {"rate", "afgangsrate pr. uge"}, {"piecewise", "afgangsrate over tid"},
      {"fte", "årsværk"}, {"meetings_per_fte_week", "samtaler pr. årsværk pr. uge"}, {"caseload_per_fte", "sager pr. årsværk"},
      {"capacity", "pladser"}, {"per_year", "pr. år"}, {"count", "antal"}, {"duration", "varighed"}, {"exits", "afgang til"},
      {"multiplier", "multiplikator"}, {"cost_per_week", "pris pr. deltageruge"}, {"elapsed_weeks", "forløbet tid"},
      {"interval_weeks", "interval (uger)"}, {"start", "start"}, {"end", "slut"}, {"once", "engangsbeløb"},
      {"per_participant_week", "pr. deltageruge"}, {"per_participant", "pr. deltager"}, {"per_budget_year", "pr. budgetår"},
      {"per_place_year", "pr. plads pr. år"}, {"places", "pladser"}, {"slot", "pladser"}, {"weekly_rate_by_year", "sats pr. uge pr. år"},
      {"uprating", "regulering"}, {"base_year", "basisår"}, {"refund_changes", "ændring i refusion"}, {"refund", "refusion"},
      {"share", "andel"}, {"by_state", "efter tilstand"}, {"price_level", "prisniveau"}, {"index", "indeks"}, {"year", "år"}, {"benefit", "ydelse"}, {"self_supporting", "selvforsørgende"},
      {"schedules", "refusionstrappe"}, {"outcomes", "udfald"}, {"label", "navn"}, {"description", "beskrivelse"},
      {"target", "målgruppe"}, {"eligible", "målgruppe"}, {"groups", "målgrupper"}, {"min_spell_weeks", "mindst uger i forløbet"},
      {"max_spell_weeks", "højst uger i forløbet"}, {"pool", "medarbejdere"}, {"min", "mindst"}, {"max", "højst"},
      {"self_support_weeks", "uger i selvforsørgelse"}, {"window_weeks", "inden for uger"}, {"reset", "nulstilling"}, {"fte_changes", "ændring i bemanding"}, {"slots", "pladser"}, {"states", "tilstande"},
      {"min_age", "mindst alder"}, {"max_age", "under alder"}, {"age_years", "alder"}, {"at_years", "ved alder"},
      {"limit_weeks", "højst uger"}, {"group", "målgruppe"}, {"state", "tilstand"},
      {"after_end", "efter slut"}, {"continue_weeks", "virkningen fortsætter (uger)"}, {"fade_weeks", "virkningen aftager over (uger)"},
      {"max_participants", "højst deltagere"}, {"max_per_citizen", "højst samtaler pr. borger"},
      {"within_weeks", "virkning efter modtaget indsats (uger)"},
  };
  const auto it = words.find(key);
  return it == words.end() ? key : it->second;
}

/// A readable name for a key path of an arm whose model is `m`.
std::string describe(const std::string& path, const model::Model& m, const model::Arm& arm, const Node& arm_node) {
  const auto s = split(path);
  if (s.empty()) return path;
  std::string head;
  std::size_t rest = 1;
  auto state = [&](std::size_t i) { return i < s.size() ? label_in(m.states, s[i]) : std::string(); };
  if (s[0] == "benefits" && s.size() > 1) head = "Ydelse " + label_in(m.benefits, s[1]), rest = 2;
  else if (s[0] == "groups" && s.size() > 1) head = "Målgruppe " + label_in(m.groups, s[1]), rest = 2;
  else if (s[0] == "states" && s.size() > 1) head = "Tilstand " + state(1), rest = 2;
  else if (s[0] == "pools" && s.size() > 1) head = label_in(m.pools, s[1]), rest = 2;  // "Jobkonsulenter: årsværk"
  else if (s[0] == "slots" && s.size() > 1) head = label_in(m.slots, s[1]), rest = 2;  // "Praktikpladser: pladser"
  else if (s[0] == "meetings" && s.size() > 1) head = "Samtaler " + s[1], rest = 2;
  else if (s[0] == "transitions" && s.size() > 2) head = "Overgang " + state(1) + " → " + state(2), rest = 3;
  else if (s[0] == "age_rules" && s.size() > 1) head = "Aldersregel " + s[1], rest = 2;
  else if (s[0] == "benefit_clocks" && s.size() > 1) head = "Ydelsesperiode " + s[1], rest = 2;
  else if (s[0] == "refund") head = "Refusion";
  else if (s[0] == "report") head = "Opgørelse";
  else if ((s[0] == "inflow" || s[0] == "initial") && s.size() > 1) {
    head = s[0] == "inflow" ? "Tilgang" : "Startbestand";
    rest = 2;
    if (const Node* e = value_at(arm_node, s[0] + s[1])) {
      const Node* g = e->find("group");
      const Node* st = e->find("state");
      if (g && st) head += " (" + label_in(m.groups, g->text) + ", " + label_in(m.states, st->text) + ")";
    }
  } else if (s[0] == "interventions" && s.size() > 2) {
    const std::string arm_name = arm.label.empty() ? arm.name : arm.label;
    if (s[2] == "effects" && s.size() > 3) {
      head = "Effekt";
      rest = 4;
      const Node* e = value_at(arm_node, "interventions." + s[1] + ".effects" + s[3]);
      if (e != nullptr) {
        if (const Node* t = e->find("transition")) {
          const Node* f = t->find("from");
          const Node* to = t->find("to");
          if (f && to) head += " på overgang " + label_in(m.states, f->text) + " → " + label_in(m.states, to->text);
        } else if (const Node* mt = e->find("meeting")) {
          head += " på samtaler " + mt->text;
          if (const Node* o = e->find("outcome")) head += " → " + label_in(m.states, o->text);
        }
      }
    } else if ((s[2] == "costs" || s[2] == "financing") && s.size() > 3) {
      head = s[2] == "costs" ? "Omkostning" : "Finansiering";
      rest = 4;
      const Node* c = value_at(arm_node, "interventions." + s[1] + "." + s[2] + s[3]);
      if (c != nullptr) {
        if (const Node* l = c->find("label")) head += " " + l->text;
      }
    } else {
      head = arm_name;
      rest = 2;
    }
  } else {
    head = s[0];
  }
  std::string tail;
  for (std::size_t i = rest; i < s.size(); ++i) {
    if (s[i].front() == '[') continue;
    if (!tail.empty()) tail += " › ";
    const bool names_state = i > 0 && (s[i - 1] == "exits" || s[i - 1] == "outcomes" || (i > 1 && s[i - 2] == "outcomes"));
    tail += names_state ? label_in(m.states, s[i]) : key_word(s[i]);
  }
  return tail.empty() ? head : head + ": " + tail;
}

/// The source of `path`: the entry with the longest path that is `path` or a prefix of it.
const Source* source_for(const std::vector<Source>& sources, const std::string& path) {
  const Source* best = nullptr;
  for (const auto& s : sources) {
    const bool prefix = path.size() > s.path.size() && path.compare(0, s.path.size(), s.path) == 0 &&
                        (path[s.path.size()] == '.' || path[s.path.size()] == '[');
    if ((s.path == path || prefix) && (best == nullptr || s.path.size() > best->path.size())) best = &s;
  }
  return best;
}

}  // namespace

std::vector<Source> validate_sources(const Node& root, DiagnosticSink& sink) {
  std::vector<Source> out;
  const Node* sources = root.find("sources");
  if (sources == nullptr || sources->is_null()) return out;
  if (!sources->is_map()) {
    sink.error(sources->file, sources->mark.line, sources->mark.column, sources->path,
               "expected a map from key path to {text, assumption}, got " + sources->describe());
    return out;
  }
  for (const auto& e : sources->entries) {
    auto fail = [&](const Node& at, const std::string& what) { sink.error(at.file, at.mark.line, at.mark.column, at.path, what); };
    std::string why = "a source cannot be about the sources";
    if (e.key.rfind("sources", 0) == 0 || find_path(root, e.key, why) == nullptr) {
      sink.error(e.value.file, e.key_mark.line, e.key_mark.column, e.value.path,
                 fmt::format("'{}' names no value in this scenario: {} (a key path such as transitions.jobparat.job.rate, "
                             "interventions.NAME.effects[0].multiplier)", e.key, why));
      continue;
    }
    Source s{e.key, "", false};
    if (e.value.is_scalar()) {  // `path: text` is short for {text: ...}
      s.text = e.value.text;
    } else if (e.value.is_map()) {
      for (const auto& f : e.value.entries) {
        if (f.key == "text" && f.value.is_scalar()) s.text = f.value.text;
        else if (f.key == "assumption" && f.value.is_scalar() && (f.value.text == "true" || f.value.text == "false")) s.assumption = f.value.text == "true";
        else if (f.key == "text" || f.key == "assumption") fail(f.value, fmt::format("expected {}, got {}", f.key == "text" ? "a string" : "true or false", f.value.describe()));
        else sink.error(f.value.file, f.key_mark.line, f.key_mark.column, f.value.path, fmt::format("unknown key '{}' (a source has `text` and `assumption`)", f.key));
      }
      if (e.value.find("text") == nullptr) fail(e.value, "missing required key 'text'");
    } else {
      fail(e.value, "expected {text, assumption} or a string, got " + e.value.describe());
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Difference> diff_trees(const Node& base_tree, const Node& arm_tree, const std::string& path) {
  std::vector<Difference> out;
  diff_into(&base_tree, &arm_tree, path, out);
  return out;
}

std::vector<Difference> scenario_differences(const ScenarioDocument& document, const std::vector<Override>& overrides,
                                             const model::Scenario& scenario, const std::vector<std::size_t>& arms) {
  const Node root = overridden_tree(document, overrides);
  DiagnosticSink sink;
  const std::vector<Source> sources = validate_sources(root, sink);
  Node base = root;
  std::erase_if(base.entries, [](const MapEntry& e) { return e.key == "interventions" || e.key == "sources" || e.key == "scenario"; });
  const Node* interventions = root.find("interventions");
  std::vector<Difference> out;
  for (std::size_t a : arms) {
    if (a == 0 || a >= scenario.arms.size()) continue;
    const model::Arm& arm = scenario.arms[a];
    const Node* node = interventions ? interventions->find(arm.name) : nullptr;
    std::vector<Difference> rows;
    if (node != nullptr && node->is_map()) {
      if (const Node* patch = node->find("patch"); patch != nullptr && patch->is_map()) {
        rows = diff_trees(base, deep_merge(base, *patch), "");
      }
      // The arm's own values: effects (against a multiplier of 1), costs, dates.
      const std::string own = "interventions." + arm.name;
      for (const auto& e : node->entries) {
        if (e.key == "patch" || e.key == "description" || e.key == "label") continue;
        for (auto d : diff_trees(Node{}, e.value, join_path(own, e.key))) {
          // A received effect's weeks are an assumption; the rest of a target says who, not how much.
          const bool descriptive = d.path.find(".transition.") != std::string::npos ||
                                   (d.path.find(".target") != std::string::npos && !d.path.ends_with(".within_weeks")) ||
                                   d.path.ends_with(".meeting") || d.path.ends_with(".outcome") || d.path.ends_with(".label");
          if (descriptive) continue;
          if (d.path.ends_with(".multiplier")) d.baseline = "1";
          if (d.path.find(".costs[") != std::string::npos || d.path.find(".financing[") != std::string::npos) d.baseline = "0";
          rows.push_back(std::move(d));
        }
      }
    }
    // Display names are not assumptions.
    std::erase_if(rows, [](const Difference& d) { return d.path.ends_with(".label") || d.path.ends_with(".description"); });
    for (auto& d : rows) {
      d.arm = arm.name;
      d.label = describe(d.path, arm.model, arm, root);
      const Source* s = d.path.rfind("interventions.", 0) == 0 ? source_for(sources, d.path) : nullptr;
      if (s == nullptr) s = source_for(sources, "interventions." + arm.name + ".patch." + d.path);
      if (s == nullptr) s = source_for(sources, d.path);
      if (s != nullptr) d.source = s->text, d.has_source = true, d.assumption = s->assumption;
      out.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace caseflow::io
