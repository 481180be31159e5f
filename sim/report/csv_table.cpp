#include "report/csv_table.hpp"

#include <algorithm>

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "files/csv_reader.hpp"
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
  if (files::starts_with_bom(text)) {
    // `--csv-dialect excel-da`: `;` between fields, decimal commas.
    const std::string_view after = text.substr(3);
    const std::string_view first = after.substr(0, after.find('\n'));
    t.excel_da_ = first.find(';') != std::string_view::npos && first.find(',') == std::string_view::npos;
  }
  // caseflow wrote these files: RFC 4180, every character counts (files/csv_reader.hpp).
  files::CsvReader reader(text, files::CsvStyle::program, t.excel_da_ ? ';' : ',');
  files::CsvRecord record;
  while (reader.next(record)) {
    if (record.error_column > 0) {
      throw InputError(error_line(name, record.error_line, 1, "unterminated quoted field (expected a closing '\"')"));
    }
    std::vector<std::string> fields;
    fields.reserve(record.fields.size());
    for (auto& f : record.fields) fields.push_back(std::move(f.text));
    if (t.header_.empty()) {
      t.header_ = std::move(fields);
      continue;
    }
    if (fields.size() < t.header_.size()) {
      throw InputError(error_line(name, record.line, 1,
                                  fmt::format("row has {} fields (expected {}, as in the header)", fields.size(),
                                              t.header_.size())));
    }
    t.rows_.push_back(std::move(fields));
    t.lines_.push_back(record.line);
  }
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
