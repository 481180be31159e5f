#pragma once
/// @file csv_reader.hpp
/// The one CSV reader of caseflow: splits text into records and fields and says where each
/// starts (line, column), so the caller can report a problem at its place. It owns the quoting
/// rules and nothing else: what a field means, how many a row needs and every message are the
/// caller's (the report's results tables, the calibration's targets). Calls nothing outside the
/// standard library; never throws for bad input (an unclosed quote is a record's `error_column`).

#include <string>
#include <string_view>
#include <vector>

namespace caseflow::files {

/// Who wrote the file, which decides what its characters mean.
enum class CsvStyle {
  /// A program (RFC 4180, caseflow's own results): every character counts, a quoted field may
  /// span lines, text after a closing quote joins the field, lines with nothing on them are
  /// skipped. An unclosed quote runs to the end of the text, so it is the last record.
  program,
  /// A person (observed figures typed or exported from a spreadsheet): lines whose first
  /// non-blank character is `#` are comments, lines of spaces are blank, spaces and tabs around
  /// a field (and a line's trailing `\r`) are not part of it, text after a closing quote is
  /// ignored, and a quoted field ends on its line: an unclosed quote is that line's error and
  /// the next line is read afresh.
  hand,
};

struct CsvField {
  std::string text;
  int column = 1;  ///< 1-based column (in characters, not bytes) where the field starts on its line
};

struct CsvRecord {
  int line = 0;  ///< 1-based line where the record starts (comments and blank lines counted)
  std::vector<CsvField> fields;
  /// > 0 when a quoted field is not closed: the 1-based line and column of its opening quote.
  /// The fields are then incomplete and should not be used.
  int error_line = 0;
  int error_column = 0;
};

/// True if `text` starts with a UTF-8 byte-order mark (spreadsheet exports, `--csv-dialect
/// excel-da`). The reader skips it; it is never part of the first column's name.
bool starts_with_bom(std::string_view text);

/// Reads records one by one from text held by the caller (which must outlive the reader).
class CsvReader {
 public:
  CsvReader(std::string_view text, CsvStyle style, char separator = ',');

  /// The next record, skipping blank lines (and comments by hand); false at the end of the text.
  bool next(CsvRecord& record);

 private:
  bool next_by_hand(CsvRecord& record);
  bool next_by_program(CsvRecord& record);
  void split_hand_line(std::string_view line, CsvRecord& record) const;
  /// 1 + the characters between the start of the current line and `pos`.
  [[nodiscard]] int column_at(std::size_t pos) const;

  std::string_view text_;
  CsvStyle style_;
  char separator_;
  std::size_t pos_ = 0;         ///< next byte to read
  std::size_t line_start_ = 0;  ///< first byte of the line `pos_` is on
  int line_ = 1;                ///< 1-based line `pos_` is on
};

}  // namespace caseflow::files
