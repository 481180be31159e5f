#include "calibrate/scenario_edit.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

namespace caseflow::calibrate {

std::string locate_scalar(const io::Node& root, const std::string& path, ScalarLocation& location) {
  const io::Node* node = &root;
  std::size_t i = 0;
  std::string walked;
  while (i < path.size()) {
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos) return "unclosed '[' in the path";
      const std::string digits = path.substr(i + 1, close - i - 1);
      if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) {
        return "expected a list index [0], [1], …, got [" + digits + "]";
      }
      const std::size_t index = std::stoul(digits);
      if (!node->is_sequence()) return fmt::format("'{}' is {}, not a list", walked, node->describe());
      if (index >= node->items.size()) return fmt::format("'{}' has {} items, no [{}]", walked, node->items.size(), index);
      node = &node->items[index];
      walked += "[" + digits + "]";
      i = close + 1;
      continue;
    }
    if (path[i] == '.') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < path.size() && path[end] != '.' && path[end] != '[') ++end;
    const std::string key = path.substr(i, end - i);
    if (!node->is_map()) return fmt::format("'{}' is {}, not a map", walked.empty() ? "the top level" : walked, node->describe());
    const io::Node* child = node->find(key);
    if (child == nullptr) {
      std::vector<std::string> names;
      for (const auto& e : node->entries) names.push_back(e.key);
      const std::string near = io::closest_match(key, names);
      return fmt::format("no key '{}' in {}{}", key, walked.empty() ? "the top level" : "'" + walked + "'",
                         near.empty() ? std::string() : "; did you mean '" + near + "'?");
    }
    node = child;
    walked = io::join_path(walked, key);
    i = end;
  }
  if (!node->is_scalar()) return fmt::format("expected a number written in the scenario file, found {}", node->describe());
  if (!node->plain) return fmt::format("expected a number written in the scenario file, found the quoted text {}", node->describe());
  if (node->mark.line <= 0 || node->mark.column <= 0) return "the value has no position in the file";
  location = ScalarLocation{node->mark.line, node->mark.column, node->text};
  return {};
}

namespace {

/// Byte offset of 1-based character column `column` in `line`.
std::size_t byte_of_column(std::string_view line, int column) {
  int c = 1;
  for (std::size_t b = 0; b < line.size(); ++b) {
    if ((static_cast<unsigned char>(line[b]) & 0xc0) == 0x80) continue;  // continuation byte
    if (c == column) return b;
    ++c;
  }
  return c == column ? line.size() : std::string_view::npos;
}

}  // namespace

std::string replace_scalars(std::string_view source, const std::vector<Replacement>& replacements) {
  // Split into lines, keeping each line's terminator apart so a CRLF file stays CRLF.
  std::vector<std::string> lines, endings;
  for (std::size_t pos = 0; pos < source.size();) {
    std::size_t nl = source.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? source.size() : nl;
    std::size_t body_end = end > pos && source[end - 1] == '\r' ? end - 1 : end;
    lines.emplace_back(source.substr(pos, body_end - pos));
    endings.emplace_back(source.substr(body_end, (nl == std::string_view::npos ? end : nl + 1) - body_end));
    pos = nl == std::string_view::npos ? source.size() : nl + 1;
  }

  std::map<int, std::vector<const Replacement*>> by_line;
  for (const auto& r : replacements) by_line[r.at.line].push_back(&r);
  for (auto& [line_no, list] : by_line) {
    if (line_no < 1 || static_cast<std::size_t>(line_no) > lines.size()) {
      throw std::runtime_error(fmt::format("line {} is not in the scenario file", line_no));
    }
    std::string& line = lines[static_cast<std::size_t>(line_no) - 1];
    // Left to right for the comment, right to left for the edits (earlier offsets stay valid).
    std::sort(list.begin(), list.end(), [](const Replacement* a, const Replacement* b) { return a->at.column < b->at.column; });
    std::string was;
    for (const auto* r : list) was += (was.empty() ? "" : ", ") + r->at.text;
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
      const Replacement& r = **it;
      const std::size_t b = byte_of_column(line, r.at.column);
      if (b == std::string_view::npos || line.compare(b, r.at.text.size(), r.at.text) != 0) {
        throw std::runtime_error(fmt::format("line {} column {} does not read '{}' in the scenario file", line_no, r.at.column, r.at.text));
      }
      line.replace(b, r.at.text.size(), r.text);
    }
    line += "  # calibrated: was " + was;
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) out += lines[i] + endings[i];
  return out;
}

}  // namespace caseflow::calibrate
