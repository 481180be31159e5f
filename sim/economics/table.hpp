#pragma once
/// @file table.hpp
/// A result table: named columns and rows of text or numbers. economics/ fills it; io/ writes it
/// as CSV (and SQLite for sweeps) without knowing what the columns mean.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace caseflow::economics {

using Cell = std::variant<std::string, double, std::int64_t>;

struct Column {
  std::string name;
  int decimals = 4;  ///< digits after the decimal point when the cell is a double
};

struct Table {
  std::string name;  ///< file stem, e.g. "budget"
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;

  /// Column definitions from names, all with the same number of decimals.
  static std::vector<Column> columns_of(const std::vector<std::string>& names, int decimals);
  /// The index of the column called `wanted`, if there is one.
  [[nodiscard]] std::optional<std::size_t> column(std::string_view wanted) const;
};

/// A cell as a number: a double as it is, an integer converted, text 0.
double cell_number(const Cell& cell);
/// A cell as text: text as it is, a number in fmt's shortest form ("{}").
std::string cell_text(const Cell& cell);

}  // namespace caseflow::economics
