#pragma once
/// @file html_report.hpp
/// `caseflow report`: one self-contained HTML page for a political committee, built from a
/// results folder. Charts are inline SVG; the page loads nothing from anywhere.

#include <filesystem>
#include <string>

#include "report/format.hpp"
#include "report/results.hpp"

namespace caseflow::report {

/// What to render and where.
struct ReportOptions {
  std::filesystem::path results_dir;
  std::filesystem::path out;  ///< empty: results_dir / "report.html"
  Lang lang = Lang::da;
};

/// The whole page as text. Budget cells carry `data-arm`, `data-year` and `data-field`
/// (the budget.csv column they show) so tests and scripts can read the numbers back.
std::string render_report(const Results& results, Lang lang);

/// Loads the folder, renders the page and writes it atomically (FILE.tmp, then rename).
/// Returns the path written. Throws InputError for a missing or malformed folder or file, or
/// an output path that cannot be written.
std::filesystem::path write_report(const ReportOptions& options);

}  // namespace caseflow::report
