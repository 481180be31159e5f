#include "io/diagnostics.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>

namespace caseflow::io {
namespace {

std::string join_messages(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += d.format();
  }
  return text.empty() ? std::string("bad input") : text;
}

/// Code points of a UTF-8 string (invalid bytes count as one each), so that a suggestion for
/// "løntilskud" is measured in letters, not bytes.
std::u32string code_points(const std::string& text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    if (extra > 0 && i + static_cast<std::size_t>(extra) >= text.size()) extra = 0;
    char32_t cp = extra == 0 ? c : static_cast<char32_t>(c & (0x3f >> extra));
    for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
    out.push_back(cp);
    i += 1 + static_cast<std::size_t>(extra);
  }
  return out;
}

char32_t fold(char32_t c) { return (c >= U'A' && c <= U'Z') ? c + 32 : c; }

/// Optimal-string-alignment distance (edits, with adjacent transpositions counting one),
/// ignoring ASCII case.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

}  // namespace

std::string Diagnostic::format() const {
  std::string text = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    text += ':' + std::to_string(line);
    if (column > 0) text += ':' + std::to_string(column);
  }
  text += severity == Severity::error ? ": error: " : ": warning: ";
  if (!key_path.empty()) text += key_path + ": ";
  text += message;
  return text;
}

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_messages(diagnostics)), diagnostics_(std::move(diagnostics)) {}

void DiagnosticSink::error(std::string file, int line, int column, std::string key_path, std::string message) {
  items_.push_back(Diagnostic{Diagnostic::Severity::error, std::move(file), line, column, std::move(key_path),
                              std::move(message)});
}

void DiagnosticSink::warning(std::string file, int line, int column, std::string key_path, std::string message) {
  items_.push_back(Diagnostic{Diagnostic::Severity::warning, std::move(file), line, column, std::move(key_path),
                              std::move(message)});
}

bool DiagnosticSink::has_errors() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::error; });
}

std::vector<Diagnostic> DiagnosticSink::warnings() const {
  std::vector<Diagnostic> out;
  for (const auto& d : items_) {
    if (d.severity == Diagnostic::Severity::warning) out.push_back(d);
  }
  return out;
}

void DiagnosticSink::throw_if_errors() const {
  std::vector<Diagnostic> errors;
  for (const auto& d : items_) {
    if (d.severity == Diagnostic::Severity::error) errors.push_back(d);
  }
  if (errors.empty()) return;
  std::stable_sort(errors.begin(), errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  throw InputError(std::move(errors));
}

void throw_warnings_as_errors(const std::vector<Diagnostic>& warnings) {
  if (warnings.empty()) return;
  std::vector<Diagnostic> errors = warnings;
  for (auto& d : errors) {
    d.severity = Diagnostic::Severity::error;
    d.message += " (an error under --strict)";
  }
  throw InputError(std::move(errors));
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  const std::u32string w = code_points(word);
  if (w.empty()) return {};
  // Up to a third of the word's letters may be wrong (at least one, at most three): close
  // enough to be a typo, far enough not to suggest 'fte' for 'sd'.
  const std::size_t limit = std::clamp<std::size_t>(w.size() / 3, 1, 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    if (candidate == word) continue;
    const std::u32string c = code_points(candidate);
    std::size_t distance = edit_distance(w, c);
    // A truncated key ("caseload" for "caseload_per_fte") is a likely slip too.
    if (distance > limit && w.size() >= 4 && c.size() > w.size() && c.compare(0, w.size(), w) == 0) distance = limit;
    // A suggestion must share something with the word: 'a' is no typo of 'b'.
    if (distance >= w.size() || distance >= c.size()) continue;
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace caseflow::io
