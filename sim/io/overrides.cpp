#include "io/overrides.hpp"

#include <fmt/core.h>

namespace caseflow::io {
namespace {

/// One step of a path: a key, or a list index.
struct Segment {
  bool is_index = false;
  std::string key;
  std::size_t index = 0;
  int column = 1;  ///< 1-based character column in `PATH=VALUE`
};

int char_count(std::string_view text) {
  int n = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++n;
  }
  return n;
}

/// Splits `a.b[2].c` into segments; reports malformed paths.
bool split_path(const Override& o, std::vector<Segment>& out, DiagnosticSink& sink) {
  const std::string& p = o.path;
  std::size_t i = 0;
  auto fail = [&](std::size_t at, const std::string& what) {
    sink.error(o.origin, 1, char_count(std::string_view(p).substr(0, at)) + 1, p, what);
    return false;
  };
  bool expect_key = true;
  while (i < p.size()) {
    if (p[i] == '[') {
      const std::size_t close = p.find(']', i);
      if (close == std::string::npos) return fail(i, "unclosed '[' in the path");
      const std::string digits = p.substr(i + 1, close - i - 1);
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) {
        return fail(i, fmt::format("expected a list index [0], [1], …, got [{}]", digits));
      }
      if (out.empty()) return fail(i, "a path starts with a key, not a list index");
      out.push_back(Segment{true, {}, std::stoul(digits), char_count(std::string_view(p).substr(0, i)) + 1});
      i = close + 1;
      expect_key = false;
      if (i < p.size() && p[i] != '.' && p[i] != '[') return fail(i, "expected '.' or '[' after ']'");
      continue;
    }
    if (p[i] == '.') {
      if (expect_key) return fail(i, "empty key in the path");
      ++i;
      expect_key = true;
      if (i == p.size()) return fail(i, "the path ends with '.'");
      continue;
    }
    if (!expect_key) return fail(i, "expected '.' or '[' in the path");
    std::size_t end = i;
    while (end < p.size() && p[end] != '.' && p[end] != '[') ++end;
    out.push_back(Segment{false, p.substr(i, end - i), 0, char_count(std::string_view(p).substr(0, i)) + 1});
    i = end;
    expect_key = false;
  }
  if (out.empty()) return fail(0, "empty path");
  return true;
}

std::string keys_of_map(const Node& map) {
  std::string out;
  for (const auto& e : map.entries) {
    if (!out.empty()) out += ", ";
    out += e.key;
  }
  return out;
}

void apply_one(Node& root, const Override& o, DiagnosticSink& sink) {
  std::vector<Segment> segments;
  if (!split_path(o, segments, sink)) return;

  // The new value, placed where it is written in `PATH=VALUE`.
  ParseOptions options;
  options.file = o.origin;
  options.root_path = o.path;
  options.column_offset = char_count(o.path) + 1;
  const std::size_t before = sink.items().size();
  std::optional<Node> value = parse_yaml(o.value, options, sink);
  if (sink.items().size() != before) return;
  if (!value) {
    value = Node{};
    value->file = o.origin;
    value->mark = SourceMark{1, options.column_offset + 1};
    value->path = o.path;
  }

  Node* current = &root;
  std::string walked;
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const Segment& seg = segments[s];
    const bool last = s + 1 == segments.size();
    auto fail = [&](const std::string& what) { sink.error(o.origin, 1, seg.column, o.path, what); };
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
    Node* child = current->find(seg.key);
    if (last) {
      if (child != nullptr) {
        // The key now points into the override too, so that a message about the key and one
        // about its value name the same source.
        for (auto& e : current->entries) {
          if (e.key == seg.key) e.key_mark = SourceMark{1, seg.column};
        }
        *child = std::move(*value);
      } else {
        // A key not yet written (an optional one): added here, checked like any other key.
        current->entries.push_back(MapEntry{seg.key, SourceMark{1, seg.column}, std::move(*value)});
      }
      return;
    }
    if (child == nullptr) {
      std::vector<std::string> names;
      for (const auto& e : current->entries) names.push_back(e.key);
      const std::string guess = closest_match(seg.key, names);
      if (!guess.empty()) {
        fail(fmt::format("no key '{}' in {}; did you mean '{}'?", seg.key, where, guess));
      } else {
        fail(fmt::format("no key '{}' in {} (it has: {})", seg.key, where, keys_of_map(*current)));
      }
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
