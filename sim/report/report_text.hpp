#pragma once
/// @file report_text.hpp
/// Every word the report prints, in Danish and English. Kept in one place so a translation
/// is checked side by side and the layout code holds no prose.

#include "report/format.hpp"

namespace caseflow::report {

/// The page's fixed texts. Fields with `{}` are fmt format strings.
struct ReportText {
  const char* html_lang;
  const char* title;
  const char* subtitle;  ///< {} = scenario name
  const char* h_question;
  const char* question;
  const char* baseline_name;
  const char* baseline_desc;
  const char* period;  ///< {} start, {} end
  const char* period_from;  ///< {} start (no end: runs on past the horizon)
  const char* h_brief;
  const char* brief_net;
  const char* brief_p;
  const char* brief_payback;
  const char* never;
  const char* no_investment;  ///< in place of a pay-back year when nothing is invested
  const char* h_budget;
  const char* budget_intro;
  const char* unit;
  const char* total_col;
  const char* row_invest;
  const char* row_financing;
  const char* row_saving;
  const char* row_interval;
  const char* row_total;
  const char* row_p;
  const char* interval_to;
  const char* caseload_caption;
  const char* row_fte_base;
  const char* row_fte_arm;
  const char* row_mun_base;
  const char* row_mun_arm;
  const char* h_charts;
  const char* fig_net;
  const char* fig_cum;
  const char* payback_label;  ///< {} year
  const char* no_payback_label;
  const char* fig_occ;
  const char* fig_flows;
  const char* flows_diff_caption;
  const char* fig_queues;
  const char* no_queues;
  const char* no_queue_rows;  ///< queues.csv is there but empty: no pools or places
  const char* axis_kdkk;
  const char* axis_year;
  const char* axis_citizens;
  const char* axis_date;
  const char* axis_week;
  const char* axis_flows;
  const char* axis_waiting;
  const char* col_transition;
  const char* col_resource;
  const char* col_arm;
  const char* col_waiting;
  const char* col_wait_weeks;
  const char* col_utilisation;
  const char* h_assumptions;
  const char* assumptions_intro;
  const char* no_assumptions;
  const char* col_parameter;
  const char* col_baseline;
  const char* col_value;
  const char* col_source;
  const char* inflow_name;
  const char* assumed;
  const char* no_source;
  const char* removed;
  const char* not_set;
  const char* h_impact;
  const char* impact_intro;
  const char* col_treated;
  const char* col_left;
  const char* col_left_too;
  const char* col_extra;
  // Participants as evaluators define them (impact.csv's later columns).
  const char* participants_intro;
  const char* col_participants;
  const char* col_with_26w;
  const char* col_without_26w;
  const char* col_deadweight_26w;
  const char* col_with_52w;
  const char* col_without_52w;
  const char* h_savings_split;
  const char* savings_split_intro;
  const char* col_savings_total;
  const char* col_earlier_exit;
  const char* col_would_not_have_left;
  const char* col_non_participants;
  const char* col_lock_in;
  const char* not_measured;  ///< a follow-up beyond the horizon
  // breakeven.csv (`caseflow breakeven`).
  const char* h_breakeven;
  const char* breakeven_intro;
  const char* breakeven_at_least;  ///< {} parameter, {} value, {} lo, {} hi
  const char* breakeven_at_most;   ///< same
  const char* breakeven_none;      ///< {} parameter
  const char* breakeven_stated;    ///< {} stated DKK (thousands), {} value
  const char* breakeven_stated_none;  ///< {} stated DKK (thousands)
  const char* breakeven_assumes;   ///< {} parameter, {} value
  const char* col_year;
  const char* col_breakeven;
  const char* h_uncertainty;
  const char* unc_common;  ///< {} replications
  const char* unc_interval;
  const char* unc_assumptions;
  const char* unc_arm;  ///< {0} arm {1} first year {2} last year {3} net {4} kind {5} lo {6} hi {7} p
  const char* unc_saving_word;
  const char* unc_cost_word;
  const char* unc_payback;     ///< {} year
  const char* unc_no_payback;  ///< {} last year
  const char* unc_no_investment;
  const char* unc_se;          ///< {} standard error of the mean net, {} replications for a quarter of it
  const char* paid_back_caption;
  const char* row_paid_back;
  const char* h_technical;
  const char* tech_scenario;
  const char* tech_version;
  const char* tech_seed;
  const char* tech_reps;
  const char* tech_run;
  const char* tech_folder;
};

/// The texts for `lang`.
const ReportText& report_text(Lang lang);

}  // namespace caseflow::report
