#pragma once
/// @file finite_check.hpp
/// The last guard before results are written: no `inf` or `nan` may reach a results file. The
/// loader bounds every money input (io/key_registry.hpp, kMaxMoneyInput) so that this should
/// never fire; if it does, the run fails (exit 1) naming the cell and the largest money input,
/// instead of writing figures a budget could be built on.

#include <cstddef>
#include <string>
#include <vector>

#include "economics/table.hpp"
#include "model/spec.hpp"

namespace caseflow::economics {

/// The first numeric cell of `table` that is not finite, as "budget.csv: arm mentor, year 2026,
/// column savings = inf" (the first two columns name the row), or "" when every number is finite.
std::string non_finite_cell(const Table& table);

/// The largest money input of the given arms, as "benefits.dagpenge.weekly_rate = 4350" (benefit
/// rates, programme running costs, intervention cost and financing lines), or "" when there is none.
std::string largest_money_input(const model::Scenario& scenario, const std::vector<std::size_t>& arms);

}  // namespace caseflow::economics
