#include "economics/table.hpp"

#include <fmt/format.h>

namespace caseflow::economics {

std::vector<Column> Table::columns_of(const std::vector<std::string>& names, int decimals) {
  std::vector<Column> columns;
  columns.reserve(names.size());
  for (const auto& n : names) columns.push_back(Column{n, decimals});
  return columns;
}

std::optional<std::size_t> Table::column(std::string_view wanted) const {
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].name == wanted) return c;
  }
  return std::nullopt;
}

double cell_number(const Cell& cell) {
  if (const auto* d = std::get_if<double>(&cell)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*i);
  return 0.0;
}

std::string cell_text(const Cell& cell) {
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  return fmt::format("{}", cell_number(cell));
}

}  // namespace caseflow::economics
