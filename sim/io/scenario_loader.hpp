#pragma once
/// @file scenario_loader.hpp
/// YAML scenario file -> typed model::Scenario, with every problem reported as a diagnostic
/// `FILE:LINE:COLUMN: error: KEY.PATH: what is wrong (what was expected, what was found)`.
/// This is the only entry point from YAML into the typed world; a YAML::Node never leaves io/.

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "io/diagnostics.hpp"
#include "model/spec.hpp"

namespace caseflow::io {

/// `--set PATH=VALUE`: PATH uses dots and list indices (`interventions.x.effects[0].multiplier`);
/// VALUE is parsed as YAML (`0.035`, `[1, 2]`, `{fixed: 13}`).
struct Override {
  std::string path;
  std::string value;
  std::string origin = "--set";  ///< what to call it in messages
};

/// Splits "PATH=VALUE"; throws InputError when there is no '=' or the path is empty.
Override parse_override(const std::string& text);

/// A parsed but not yet typed scenario file: the YAML tree with source marks, checked for
/// syntax and duplicate keys. Sweeps read it once and build many scenarios from it.
class ScenarioDocument {
 public:
  ScenarioDocument();
  ~ScenarioDocument();
  ScenarioDocument(ScenarioDocument&&) noexcept;
  ScenarioDocument& operator=(ScenarioDocument&&) noexcept;

  [[nodiscard]] const std::string& file() const;
  /// SHA-256 of the file's bytes (for manifest.json).
  [[nodiscard]] const std::string& sha256() const;

  struct Impl;
  [[nodiscard]] const Impl& impl() const { return *impl_; }
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// Reads and parses `file`; throws InputError (syntax, duplicate keys, unreadable file).
ScenarioDocument read_scenario_document(const std::filesystem::path& file);

/// Parses scenario text already in memory, named `name` in messages (fuzzing, tests, text
/// that did not come from a file). Same checks and errors as read_scenario_document.
ScenarioDocument read_scenario_text(const std::string& text, const std::string& name);

/// Where the value at `key_path` (e.g. `initial[0].count`) was written in `document`'s file;
/// {0, 0} when the document has no such key (it came from a default or a `--set`).
std::pair<int, int> find_source_position(const ScenarioDocument& document, const std::string& key_path);

/// Applies `overrides`, merges each intervention's patch into the baseline and builds the
/// typed scenario. Throws InputError listing every problem found; warnings (if non-null)
/// receives the non-fatal ones.
model::Scenario build_scenario(const ScenarioDocument& document, const std::vector<Override>& overrides = {},
                               std::vector<Diagnostic>* warnings = nullptr);

/// An error at a spec element's recorded place (`model::Origin`), for problems found after
/// loading (graph checks, the analytic form); `fallback_file` when the origin has no file.
Diagnostic error_at(const model::Origin& origin, const std::string& fallback_file, const std::string& message);

/// read_scenario_document + build_scenario.
model::Scenario load_scenario(const std::filesystem::path& file, const std::vector<Override>& overrides = {},
                              std::vector<Diagnostic>* warnings = nullptr);

}  // namespace caseflow::io
