#pragma once
/// @file csv_table.hpp
/// The results folder's CSV files as tables: a header row, columns looked up by name (the
/// contract fixes the first columns; more may follow, so never by position). The text is split
/// into fields by the one CSV reader, files/csv_reader.hpp; this file adds the table, the
/// `excel-da` dialect's separator and decimal commas, and the report's messages.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow::report {

/// One CSV file held in memory: the header and the data rows, each as text fields.
class CsvTable {
 public:
  /// Reads `path`; throws InputError (missing file, ragged row, bad quoting) with FILE:LINE:COL.
  static CsvTable read(const std::filesystem::path& path);
  /// Parses `text` as if read from `name` (for messages); used by read() and by tests.
  static CsvTable parse(std::string_view text, const std::string& name);

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] const std::vector<std::string>& header() const { return header_; }
  [[nodiscard]] std::size_t rows() const { return rows_.size(); }
  /// Index of column `col`, or nullopt if the header lacks it.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view col) const;
  /// Index of column `col`; throws InputError naming the file and the missing column.
  [[nodiscard]] std::size_t column(std::string_view col) const;
  /// The text in row `r` (0-based data row), column index `c`.
  [[nodiscard]] const std::string& text(std::size_t r, std::size_t c) const { return rows_[r][c]; }
  /// The number in row `r`, column `c`; throws InputError with the cell's line and column.
  [[nodiscard]] double number(std::size_t r, std::size_t c) const;
  /// 1-based line of data row `r` in the file (header is line 1).
  [[nodiscard]] int line_of(std::size_t r) const { return lines_[r]; }

 private:
  std::string name_;
  bool excel_da_ = false;  ///< `;`-separated with decimal commas (`--csv-dialect excel-da`)
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;
};

}  // namespace caseflow::report
