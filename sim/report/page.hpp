#pragma once
/// @file page.hpp
/// Internal to report/: the committee page under construction (`Page`) and the helpers its
/// sections share. The page is written top to bottom into one string; each section is a member
/// function in the file of its concern:
///
/// - html_report.cpp: the page's frame (head, style, order of the sections), the shared cell
///   and label helpers, the technical facts, and the public render_report/write_report;
/// - page_budget.cpp: the question, the brief, the budget tables and the cumulative net;
/// - page_charts.cpp: the charts (net, cumulative, occupancy, flows, queues);
/// - page_evidence.cpp: assumptions, participants and deadweight, break-even, uncertainty.
///
/// Sections may call the helpers below, report_text.hpp (the words), format.hpp (numbers) and
/// svg_chart.hpp (charts); none reads files (results.hpp did) or writes them (write_report does).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "report/format.hpp"
#include "report/report_text.hpp"
#include "report/results.hpp"

namespace caseflow::report::html {

std::string esc(const std::string& s);

/// "YYYY-MM-DD" as a fractional year (2025.0 is 1 January 2025); nullopt if not a date.
std::optional<double> fractional_year(const std::string& iso);

/// Cumulative net per year for one arm. The mean and the pay-back share come from budget.csv's
/// cumulative_net / p_paid_back when it has them (else: running sum of `net`, and the share
/// computed from replications.csv); the band always comes from the replications, because a
/// cumulative interval is not a sum of yearly intervals.
struct Cumulative {
  std::vector<double> mean, lo, hi, p_paid_back;
  std::optional<int> payback_year;  ///< none without an investment: there is nothing to pay back
  bool no_investment = false;       ///< the arm costs nothing in any year (e.g. a reorganisation)
};

Cumulative cumulative(const Results& r, const std::string& arm);

/// A scenario value as the reader expects it: a plain number ("1100000", "0.015") gets the
/// language's separators with the decimals it was written with; anything else stays as written.
std::string localise_value(const std::string& text, Lang lang);

std::string arm_label(const ArmInfo& a, const ReportText& t);

/// A budget cell that says which arm, year and budget.csv column it shows.
std::string cell(const std::string& arm, const std::string& year, const char* field, const std::string& text);

class Page {
 public:
  Page(const Results& r, Lang lang);

  std::string render();

 private:
  // html_report.cpp: the frame and shared pieces.
  std::string year_range() const;
  void figure(const std::string& svg, const char* caption);
  /// A state's display name (labels.csv); flows.csv's `inflow` is arrivals.
  std::string state_name(const std::string& name) const;
  /// A pool's or slot's display name (labels.csv).
  std::string resource_name(const std::string& name) const;
  void technical();

  // page_budget.cpp
  void question();
  void brief();
  void budget();

  // page_charts.cpp
  void charts();
  void occupancy();
  void flows();
  void queues();

  // page_evidence.cpp
  void assumptions();
  void participants_tables();
  void assumption_table(const ArmInfo& a);
  void breakeven();
  void uncertainty();

  const Results& r_;
  Lang lang_;
  const ReportText& t_;
  std::map<std::string, std::string> colour_;
  std::string out_;
};

}  // namespace caseflow::report::html
