#include "economics/finite_check.hpp"

#include <cmath>

#include <fmt/format.h>

namespace caseflow::economics {

std::string non_finite_cell(const Table& table) {
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size() && c < table.columns.size(); ++c) {
      const double* x = std::get_if<double>(&row[c]);
      if (x == nullptr || std::isfinite(*x)) continue;
      std::string where;
      for (std::size_t k = 0; k < 2 && k < c; ++k) {
        std::string label;
        if (const auto* s = std::get_if<std::string>(&row[k])) label = *s;
        else if (const auto* i = std::get_if<std::int64_t>(&row[k])) label = std::to_string(*i);
        else if (const auto* d = std::get_if<double>(&row[k])) label = fmt::format("{}", *d);
        where += fmt::format("{}{} {}", where.empty() ? "" : ", ", table.columns[k].name, label);
      }
      return fmt::format("{}.csv: {}{}column {} = {}", table.name, where, where.empty() ? "" : ", ", table.columns[c].name,
                         std::isnan(*x) ? "nan" : (*x > 0 ? "inf" : "-inf"));
    }
  }
  return "";
}

std::string largest_money_input(const model::Scenario& scenario, const std::vector<std::size_t>& arms) {
  double largest = -1.0;
  std::string text;
  auto consider = [&](double value, const std::string& path) {
    if (!(std::fabs(value) > largest)) return;  // also skips nan
    largest = std::fabs(value);
    text = fmt::format("{} = {}", path, value);
  };
  for (const std::size_t a : arms) {
    const model::Arm& arm = scenario.arms[a];
    const std::string prefix = a == 0 ? "" : "interventions." + arm.name + ".";
    const std::string patch = a == 0 ? "" : prefix + "patch.";
    for (const auto& b : arm.model.benefits) {
      consider(b.weekly_rate, patch + "benefits." + b.name + ".weekly_rate");
      for (const auto& [year, rate] : b.rate_by_year) {
        consider(rate, fmt::format("{}benefits.{}.weekly_rate_by_year.{}", patch, b.name, year));
      }
    }
    for (const auto& s : arm.model.states) consider(s.cost_per_week, patch + "states." + s.name + ".cost_per_week");
    auto lines = [&](const std::vector<model::CostItem>& items, const char* what) {
      for (std::size_t i = 0; i < items.size(); ++i) {
        consider(items[i].amount, fmt::format("{}{}[{}]", prefix, what, i));
        for (const auto& [year, amount] : items[i].by_year) consider(amount, fmt::format("{}{}[{}].per_budget_year.{}", prefix, what, i, year));
      }
    };
    lines(arm.costs, "costs");
    lines(arm.financing, "financing");
  }
  return text;
}

}  // namespace caseflow::economics
