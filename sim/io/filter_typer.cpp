/// @file filter_typer.cpp
/// FILTER maps -> model::Filter (see filter_typer.hpp). May call io/typed_reader, io/key_registry.
#include "io/filter_typer.hpp"

#include <algorithm>

#include "io/key_registry.hpp"

namespace caseflow::io {
namespace {

using model::kInfinity;
using model::kNone;

/// `received: TRACK_OR_STATE` with `within_weeks: N` (effect targets only): the effect follows
/// the citizens who received that service.
void received(const TypedReader& r, const Node& n, const model::Model& m, bool effect_target, model::Filter& f) {
  const Node* what = n.find("received");
  const Node* within = n.find("within_weeks");
  if (what == nullptr && within == nullptr) return;
  if (!effect_target) {
    r.error(what != nullptr ? *what : *within,
            "'received' and 'within_weeks' select an effect's target, not who a "
            "meeting track is for (expected them under an effect's 'target')");
    return;
  }
  if (what == nullptr || within == nullptr) {
    r.error(n, fmt::format("missing required key '{}' ('received' names a meeting track or state, 'within_weeks' "
                           "how long the effect lasts after it)",
                           what == nullptr ? "received" : "within_weeks"));
    return;
  }
  if (const auto w = r.number(*within, closed(0.0, 1e6))) f.received_within_weeks = *w;
  if (!r.expect(*what, Node::Kind::scalar)) return;
  const auto tracks = names_of(m.meetings);
  const auto states = names_of(m.states);
  const auto track = std::find(tracks.begin(), tracks.end(), what->text);
  const auto state = std::find(states.begin(), states.end(), what->text);
  if (track != tracks.end() && state != states.end()) {
    r.error(*what,
            fmt::format("'{}' is both a meeting track and a state; rename one so 'received' names one service", what->text));
  } else if (track != tracks.end()) {
    f.received_track = static_cast<int>(track - tracks.begin());
  } else if (state != states.end()) {
    f.received_state = static_cast<int>(state - states.begin());
  } else {
    std::vector<std::string> both = tracks;
    both.insert(both.end(), states.begin(), states.end());
    const std::string guess = closest_match(what->text, both);
    r.error(*what, guess.empty()
                       ? fmt::format("unknown meeting track or state '{}' (expected one of: {})", what->text, list_names(both))
                       : fmt::format("unknown meeting track or state '{}'; did you mean '{}'?", what->text, guess));
  }
}

}  // namespace

model::Filter type_filter(const TypedReader& r, const Node& n, const model::Model& m, bool effect_target) {
  model::Filter f;
  if (n.is_null()) return f;
  if (!r.expect(n, Node::Kind::map)) return f;
  r.check_keys(n, "FILTER");
  f = type_filter_lists(r, n, m);
  f.min_spell_weeks = r.number_or(n, "min_spell_weeks", at_least(0.0), numeric_default("FILTER", "min_spell_weeks"));
  if (const Node* max = n.find("max_spell_weeks")) {
    f.max_spell_weeks = r.number(*max, at_least(f.min_spell_weeks)).value_or(kInfinity);
  }
  if (const Node* pool = n.find("served_by")) f.served_by = r.lookup(*pool, "pool", names_of(m.pools));
  f.min_age = r.number_or(n, "min_age", closed(0.0, kMaxAgeYears), 0.0);
  if (const Node* max = n.find("max_age")) f.max_age = r.number(*max, closed(f.min_age, kMaxAgeYears)).value_or(kInfinity);
  received(r, n, m, effect_target, f);
  return f;
}

model::Filter type_filter_lists(const TypedReader& r, const Node& v, const model::Model& m) {
  model::Filter f;
  for (const char* key : {"groups", "states"}) {
    const Node* list = v.find(key);
    if (list == nullptr || !r.expect(*list, Node::Kind::sequence)) continue;
    const bool groups = std::string_view(key) == "groups";
    const auto names = groups ? names_of(m.groups) : names_of(m.states);
    for (const auto& item : list->items) {
      const int id = r.lookup(item, groups ? "group" : "state", names);
      if (id == kNone) continue;
      if (groups)
        f.groups.push_back(id);
      else
        f.states.push_back(static_cast<model::StateId>(id));
    }
  }
  return f;
}

}  // namespace caseflow::io
