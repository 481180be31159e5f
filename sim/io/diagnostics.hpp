#pragma once
/// @file diagnostics.hpp
/// Input problems, collected and reported together, GCC style.

#include <stdexcept>
#include <string>
#include <vector>

namespace caseflow::io {

struct Diagnostic {
  enum class Severity { error, warning };
  Severity severity = Severity::error;
  std::string file;
  int line = 0;    ///< 1-based; 0 when the problem has no position (e.g. a missing file)
  int column = 0;  ///< 1-based
  std::string key_path;  ///< e.g. `transitions.jobparat.job.rate`; may be empty
  std::string message;   ///< what is wrong (what was expected, what was found)

  /// `FILE:LINE:COLUMN: error: KEY.PATH: message`
  [[nodiscard]] std::string format() const;
};

/// Thrown for bad input (exit status 2); carries every problem found.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Collects diagnostics while checking; throw_if_errors() raises InputError once at the end.
class DiagnosticSink {
 public:
  void error(std::string file, int line, int column, std::string key_path, std::string message);
  void warning(std::string file, int line, int column, std::string key_path, std::string message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  [[nodiscard]] bool has_errors() const;
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  [[nodiscard]] std::vector<Diagnostic> warnings() const;
  /// Throws InputError with the errors (sorted by file, line, column) if there are any.
  void throw_if_errors() const;

 private:
  std::vector<Diagnostic> items_;
};

/// `--strict`: throws InputError with `warnings` turned into errors, if there are any.
void throw_warnings_as_errors(const std::vector<Diagnostic>& warnings);

/// The closest of `candidates` to `word` by edit distance, or "" if none is close enough.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace caseflow::io
