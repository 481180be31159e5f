#pragma once
/// @file results_writer.hpp
/// Writes a results folder so that it is either complete or absent: everything goes to a fresh
/// temporary sibling folder, manifest.json is written last, and the folder is renamed into
/// place in one step. An interrupted run leaves no folder that looks complete.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "economics/table.hpp"
#include "files/atomic_file.hpp"

namespace caseflow::io {

/// CSV text of a table: header line, then rows; numbers in fixed notation with the column's
/// decimals (so output is byte-identical for identical numbers), text quoted when needed.
std::string format_csv(const economics::Table& table);

/// A cell as CSV text (used by the SQLite writer too, for identical values).
std::string format_cell(const economics::Cell& cell, int decimals);

/// Minimal JSON building for the manifest: values are already-encoded JSON fragments.
std::string json_string(const std::string& text);

/// `["a", "b"]`: a JSON list of strings.
std::string json_string_list(const std::vector<std::string>& items);

/// manifest.json's text: one `"key": value` per line, in order (values are JSON fragments), so
/// that a diff (or a test) can set the timing lines aside.
std::string manifest_json(const std::vector<std::pair<std::string, std::string>>& entries);

/// The current time as an ISO 8601 UTC timestamp (`2026-11-22T21:44:11Z`), for manifests.
std::string utc_timestamp();

class ResultsFolder {
 public:
  /// Creates a temporary folder beside `final_dir` (which is created or replaced at commit()).
  /// Check `final_dir` first (files::check_output_folder): commit() replaces what is there.
  explicit ResultsFolder(std::filesystem::path final_dir);
  ~ResultsFolder();
  ResultsFolder(const ResultsFolder&) = delete;
  ResultsFolder& operator=(const ResultsFolder&) = delete;

  void write_table(const economics::Table& table);
  void write_file(const std::string& name, const std::string& content);
  /// Writes manifest.json (key, JSON value) pairs in order, then moves the folder into place.
  void commit(const std::vector<std::pair<std::string, std::string>>& manifest);

  [[nodiscard]] const std::filesystem::path& temporary() const { return temporary_; }
  [[nodiscard]] const std::filesystem::path& destination() const { return final_; }

 private:
  std::filesystem::path final_;
  std::filesystem::path temporary_;
  bool committed_ = false;
};

/// The program's one atomic file writer (files/atomic_file.hpp).
using files::write_file_atomically;

}  // namespace caseflow::io
