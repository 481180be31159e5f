#pragma once
/// @file csv_dialect.hpp
/// `--csv-dialect`: `standard` (`,` and a decimal point: what every tool reads) or `excel-da`
/// (`;`, decimal commas and a UTF-8 byte-order mark: what Danish Excel opens on a double-click).

#include <optional>
#include <string>
#include <string_view>

#include "economics/table.hpp"

namespace caseflow::io {

enum class CsvDialect { standard, excel_da };

/// "standard" or "excel-da"; nullopt otherwise.
std::optional<CsvDialect> parse_csv_dialect(std::string_view name);

/// The table as CSV text in `dialect` (standard: exactly format_csv(table)).
std::string format_csv(const economics::Table& table, CsvDialect dialect);

}  // namespace caseflow::io
