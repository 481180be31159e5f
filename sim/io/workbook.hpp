#pragma once
/// @file workbook.hpp
/// `budget.xlsx`: the budget tables in the municipal layout for a finance department, with
/// numbers stored as numbers (Excel shows them with the reader's Danish separators).
///
/// One sheet for the baseline ("Uden indsats"), one per intervention (Investering /
/// Finansiering / Besparelse på forsørgelse / Total per budget year and "I alt", in 1.000 kr.,
/// the 95 % interval of the total and P(betaler sig)), and the occupancy, flows and queues
/// tables as data sheets, with display names from the scenario's labels.

#include <filesystem>
#include <vector>

#include "economics/run_summary.hpp"
#include "model/spec.hpp"

namespace caseflow::io {

/// Writes the workbook to `path`; throws std::runtime_error when libxlsxwriter fails.
void write_budget_workbook(const std::filesystem::path& path, const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                           const economics::RunTables& tables);

/// A worksheet name from `name`: at most 31 characters (UTF-8 kept whole), none of `[]:*?/\`,
/// and not one of `taken` (a suffix " (2)", " (3)", … is added).
std::string sheet_name(const std::string& name, const std::vector<std::string>& taken);

}  // namespace caseflow::io
