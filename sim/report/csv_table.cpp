#include "report/csv_table.hpp"

#include <algorithm>

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "report/report_error.hpp"

namespace caseflow::report {

std::string error_line(const std::string& file, int line, int column, const std::string& message) {
  if (line > 0) return fmt::format("{}:{}:{}: error: {}", file, line, column, message);
  return fmt::format("{}: error: {}", file, message);
}

CsvTable CsvTable::read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(error_line(path.string(), 0, 0, "cannot open file (expected a CSV file written by 'caseflow run')"));
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse(buf.str(), path.string());
}

CsvTable CsvTable::parse(std::string_view text, const std::string& name) {
  CsvTable t;
  t.name_ = name;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {  // UTF-8 BOM
    text.remove_prefix(3);
    // `--csv-dialect excel-da`: `;` between fields, decimal commas.
    const std::string_view first = text.substr(0, text.find('\n'));
    t.excel_da_ = first.find(';') != std::string_view::npos && first.find(',') == std::string_view::npos;
  }
  const char separator = t.excel_da_ ? ';' : ',';

  std::vector<std::string> record;
  std::string field;
  int line = 1;
  int record_line = 1;
  std::size_t i = 0;
  bool any = false;  // the current record has content (so a trailing newline ends no record)

  auto end_record = [&] {
    record.push_back(std::move(field));
    field.clear();
    if (record.size() == 1 && record[0].empty() && !any) {  // blank line
      record.clear();
      return;
    }
    if (t.header_.empty()) {
      t.header_ = std::move(record);
    } else {
      if (record.size() < t.header_.size()) {
        throw InputError(error_line(name, record_line, 1,
                                    fmt::format("row has {} fields (expected {}, as in the header)",
                                                record.size(), t.header_.size())));
      }
      t.rows_.push_back(std::move(record));
      t.lines_.push_back(record_line);
    }
    record.clear();
    any = false;
  };

  while (i < text.size()) {
    const char c = text[i];
    if (c == '"' && field.empty()) {
      // Quoted field: runs to the closing quote; "" inside is one quote.
      const int open_line = line;
      ++i;
      bool closed = false;
      while (i < text.size()) {
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (text[i] == '\n') ++line;
        field.push_back(text[i++]);
      }
      if (!closed) {
        throw InputError(error_line(name, open_line, 1, "unterminated quoted field (expected a closing '\"')"));
      }
      any = true;
      continue;
    }
    if (c == separator) {
      record.push_back(std::move(field));
      field.clear();
      any = true;
      ++i;
      continue;
    }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      continue;
    }
    if (c == '\n') {
      end_record();
      ++line;
      record_line = line;
      ++i;
      continue;
    }
    field.push_back(c);
    any = true;
    ++i;
  }
  if (any || !field.empty() || !record.empty()) end_record();
  if (t.header_.empty()) {
    throw InputError(error_line(name, 1, 1, "empty file (expected a header row)"));
  }
  return t;
}

std::optional<std::size_t> CsvTable::find(std::string_view col) const {
  for (std::size_t c = 0; c < header_.size(); ++c) {
    if (header_[c] == col) return c;
  }
  return std::nullopt;
}

std::size_t CsvTable::column(std::string_view col) const {
  if (auto c = find(col)) return *c;
  std::string found;
  for (const auto& h : header_) found += (found.empty() ? "" : ",") + h;
  throw InputError(error_line(name_, 1, 1, fmt::format("missing column '{}' (found: {})", col, found)));
}

double CsvTable::number(std::size_t r, std::size_t c) const {
  std::string s = rows_[r][c];
  if (excel_da_) std::replace(s.begin(), s.end(), ',', '.');
  double v = 0.0;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(b, e, v);
  if (s.empty() || ec != std::errc() || ptr != e || !std::isfinite(v)) {
    // Column of the cell: 1 + the characters before it (approximate when fields were quoted).
    int col = 1;
    for (std::size_t k = 0; k < c; ++k) col += static_cast<int>(rows_[r][k].size()) + 1;
    throw InputError(error_line(name_, lines_[r], col,
                                fmt::format("{}: expected a finite number, found \"{}\"", header_[c], s)));
  }
  return v;
}

}  // namespace caseflow::report
