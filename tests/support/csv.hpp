#pragma once
/// @file csv.hpp
/// The tests' one CSV reader, independent of caseflow's own (report/csv_table, calibrate's
/// targets): RFC 4180 quoting, rows as lists of fields, a '\r' before '\n' dropped.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace caseflow::testing {

/// Rows of `text` (the header included), fields unquoted.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    any = true;
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else if (c != '\r') {
      field += c;
    }
  }
  if (any) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

/// The data rows of the CSV file at `path` (the header row left out).
inline std::vector<std::vector<std::string>> csv_data_rows(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  auto rows = parse_csv({std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()});
  if (!rows.empty()) rows.erase(rows.begin());
  return rows;
}

}  // namespace caseflow::testing
