#include "io/csv_dialect.hpp"

#include "io/results_writer.hpp"

namespace caseflow::io {
namespace {

void append_text(std::string& out, const std::string& s) {
  if (s.find_first_of(";\"\n\r") == std::string::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

}  // namespace

std::optional<CsvDialect> parse_csv_dialect(std::string_view name) {
  if (name == "standard") return CsvDialect::standard;
  if (name == "excel-da") return CsvDialect::excel_da;
  return std::nullopt;
}

std::string format_csv(const economics::Table& table, CsvDialect dialect) {
  if (dialect == CsvDialect::standard) return format_csv(table);
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark: Excel then reads the file as UTF-8
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c) out += ';';
    append_text(out, table.columns[c].name);
  }
  out += "\r\n";
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c) out += ';';
      if (const auto* s = std::get_if<std::string>(&row[c])) {
        append_text(out, *s);
        continue;
      }
      std::string number = format_cell(row[c], table.columns[c].decimals);
      for (char& ch : number) {
        if (ch == '.') ch = ',';
      }
      out += number;
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace caseflow::io
