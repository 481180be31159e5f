#include "io/overrides.hpp"

#include "io/key_path.hpp"

#include <optional>
#include <string>

#include <fmt/core.h>

namespace caseflow::io {
namespace {

int char_count(std::string_view text) {
  int n = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++n;
  }
  return n;
}

/// 1-based character column of byte `offset` in `PATH=VALUE`.
int column_of(const std::string& path, std::size_t offset) { return char_count(std::string_view(path).substr(0, offset)) + 1; }

std::string keys_of_map(const Node& map) {
  std::string out;
  for (const auto& e : map.entries) {
    if (!out.empty()) out += ", ";
    out += e.key;
  }
  return out;
}

/// The VALUE of `PATH=VALUE` parsed as YAML and placed where it is written (an empty VALUE is a
/// null node); nullopt when it does not parse (the sink has the message).
std::optional<Node> override_value(const Override& o, DiagnosticSink& sink) {
  ParseOptions options;
  options.file = o.origin;
  options.root_path = o.path;
  options.column_offset = char_count(o.path) + 1;
  const std::size_t before = sink.items().size();
  std::optional<Node> value = parse_yaml(o.value, options, sink);
  if (sink.items().size() != before) return std::nullopt;
  if (!value) {
    value = Node{};
    value->file = o.origin;
    value->mark = SourceMark{1, options.column_offset + 1};
    value->path = o.path;
  }
  return value;
}

/// Puts `value` at `key` of `map`, the key's mark now at `column` of the override.
void set_key(Node& map, const std::string& key, int column, Node value) {
  Node* child = map.find(key);
  if (child != nullptr) {
    // The key now points into the override too, so that a message about the key and one
    // about its value name the same source.
    for (auto& e : map.entries) {
      if (e.key == key) e.key_mark = SourceMark{1, column};
    }
    *child = std::move(value);
  } else {
    // A key not yet written (an optional one): added here, checked like any other key.
    map.entries.push_back(MapEntry{key, SourceMark{1, column}, std::move(value)});
  }
}

/// Why `map` (at `where`) has no `key`: the closest key when one is close, else every key.
std::string missing_key(const Node& map, const std::string& key, const std::string& where) {
  std::vector<std::string> names;
  for (const auto& e : map.entries) names.push_back(e.key);
  const std::string guess = closest_match(key, names);
  if (!guess.empty()) return fmt::format("no key '{}' in {}; did you mean '{}'?", key, where, guess);
  return fmt::format("no key '{}' in {} (it has: {})", key, where, keys_of_map(map));
}

void apply_one(Node& root, const Override& o, DiagnosticSink& sink) {
  const KeyPath parsed = parse_key_path(o.path);
  if (!parsed.ok()) {
    sink.error(o.origin, 1, column_of(o.path, parsed.error_offset), o.path, parsed.error);
    return;
  }
  const std::vector<PathStep>& segments = parsed.steps;

  // The new value, placed where it is written in `PATH=VALUE`.
  std::optional<Node> value = override_value(o, sink);
  if (!value) return;

  Node* current = &root;
  std::string walked;
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const PathStep& seg = segments[s];
    const int seg_column = column_of(o.path, seg.offset);
    const bool last = s + 1 == segments.size();
    auto fail = [&](const std::string& what) { sink.error(o.origin, 1, seg_column, o.path, what); };
    const std::string where = walked.empty() ? std::string("the top level") : "'" + walked + "'";
    if (seg.is_index) {
      if (!current->is_sequence()) {
        fail(fmt::format("{} is {}, not a list, so it has no item [{}]", where, current->describe(), seg.index));
        return;
      }
      if (seg.index >= current->items.size()) {
        fail(fmt::format("index [{}] is out of range ({} has {} item{})", seg.index, where, current->items.size(),
                         current->items.size() == 1 ? "" : "s"));
        return;
      }
      walked += fmt::format("[{}]", seg.index);
      if (last) {
        current->items[seg.index] = std::move(*value);
        return;
      }
      current = &current->items[seg.index];
      continue;
    }
    if (current->is_null()) current->kind = Node::Kind::map;  // `report:` left empty: give it keys
    if (!current->is_map()) {
      fail(fmt::format("{} is {}, not a map, so it has no key '{}'", where, current->describe(), seg.key));
      return;
    }
    walked = join_path(walked, seg.key);
    if (last) {
      set_key(*current, seg.key, seg_column, std::move(*value));
      return;
    }
    Node* child = current->find(seg.key);
    if (child == nullptr) {
      fail(missing_key(*current, seg.key, where));
      return;
    }
    current = child;
  }
}

}  // namespace

void apply_overrides(Node& root, const std::vector<Override>& overrides, DiagnosticSink& sink) {
  for (const auto& o : overrides) apply_one(root, o, sink);
}

}  // namespace caseflow::io
