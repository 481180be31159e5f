#include "calibrate/scenario_edit.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "io/key_path.hpp"

namespace caseflow::calibrate {

std::string locate_scalar(const io::Node& root, const std::string& path, ScalarLocation& location) {
  std::string why;
  const io::Node* node = io::find_path(root, path, why);
  if (node == nullptr) return why;
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
