#include "io/key_path.hpp"

#include <fmt/format.h>

namespace caseflow::io {

namespace {

bool is_separator(char c) { return c == '.' || c == '[' || c == ']'; }

}  // namespace

KeyPath parse_key_path(std::string_view p) {
  KeyPath out;
  auto fail = [&](std::size_t at, std::string what) {
    out.steps.clear();
    out.error = std::move(what);
    out.error_offset = at;
    return out;
  };
  if (p.empty()) return fail(0, "empty path");
  std::size_t i = 0;
  bool expect_key = true;  // at the start and after '.'
  while (i < p.size()) {
    if (p[i] == '[') {
      if (out.steps.empty()) return fail(i, "a path starts with a key, not a list index");
      if (expect_key) return fail(i, "empty key in the path");  // `a.[0]`
      const std::size_t close = p.find(']', i);
      if (close == std::string_view::npos) return fail(i, "unclosed '[' in the path");
      const std::string_view digits = p.substr(i + 1, close - i - 1);
      if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string_view::npos) {
        return fail(i, fmt::format("expected a list index [0], [1], …, got [{}]", digits));
      }
      out.steps.push_back(PathStep{true, {}, std::stoul(std::string(digits)), i});
      i = close + 1;
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
    if (p[i] == ']') return fail(i, "']' without '[' in the path");
    // A key: only at the start or after '.', since a key runs to the next separator and ']'
    // must be followed by '.' or '['.
    std::size_t end = i;
    while (end < p.size() && !is_separator(p[end])) ++end;
    out.steps.push_back(PathStep{false, std::string(p.substr(i, end - i)), 0, i});
    i = end;
    expect_key = false;
  }
  return out;
}

const Node* find_path(const Node& root, std::string_view path, std::string& why) {
  const KeyPath parsed = parse_key_path(path);
  if (!parsed.ok()) {
    why = parsed.error;
    return nullptr;
  }
  const Node* current = &root;
  std::string walked;
  for (const PathStep& step : parsed.steps) {
    const std::string where = walked.empty() ? std::string("the top level") : "'" + walked + "'";
    if (step.is_index) {
      if (!current->is_sequence()) {
        why = fmt::format("{} is {}, not a list", where, current->describe());
        return nullptr;
      }
      if (step.index >= current->items.size()) {
        why = fmt::format("index [{}] is out of range ({} has {} items)", step.index, where, current->items.size());
        return nullptr;
      }
      current = &current->items[step.index];
      walked += fmt::format("[{}]", step.index);
      continue;
    }
    if (!current->is_map()) {
      why = fmt::format("{} is {}, not a map, so it has no key '{}'", where, current->describe(), step.key);
      return nullptr;
    }
    const Node* child = current->find(step.key);
    if (child == nullptr) {
      std::vector<std::string> names;
      for (const auto& e : current->entries) names.push_back(e.key);
      const std::string guess = closest_match(step.key, names);
      std::string all;
      for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
      why = guess.empty() ? fmt::format("no key '{}' in {} (it has: {})", step.key, where, all)
                          : fmt::format("no key '{}' in {}; did you mean '{}'?", step.key, where, guess);
      return nullptr;
    }
    current = child;
    walked = join_path(walked, step.key);
  }
  return current;
}

}  // namespace caseflow::io
