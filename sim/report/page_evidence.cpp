/// @file page_evidence.cpp
/// What the numbers rest on and how sure they are: the assumptions that differ from the
/// baseline (with their sources), participants, outcomes with and without, deadweight and the
/// savings split (impact.csv), break-even values (breakeven.csv) and the uncertainty section.
/// May call page.hpp's helpers (the cumulative net among them) and format.hpp.

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "report/page.hpp"

namespace caseflow::report::html {
namespace {

/// `text` + " " + `sentence`, appended in two steps: GCC 12 warns falsely (-Wrestrict, an
/// error under the ci preset) on `" " + std::string&&` once this file's code is inlined.
void then_say(std::string& text, const std::string& sentence) {
  text += ' ';
  text += sentence;
}

}  // namespace

void Page::assumptions() {
  out_ += fmt::format("<h2>{}</h2>\n", esc(t_.h_assumptions));
  if (!r_.has_assumptions) {
    out_ += fmt::format("<p class=\"note\">{}</p>\n", esc(t_.no_assumptions));
  } else {
    out_ += fmt::format("<p>{}</p>\n", esc(t_.assumptions_intro));
    for (const ArmInfo* a : r_.interventions()) assumption_table(*a);
  }
  const bool participants = r_.has_impact && std::any_of(r_.impact.begin(), r_.impact.end(), [](const Impact& im) { return im.has_participants; });
  if (participants) {
    participants_tables();
  } else if (r_.has_impact && !r_.impact.empty()) {
    out_ += fmt::format("<h3>{}</h3>\n<p>{}</p>\n<table>\n<thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th>"
                        "<th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead>\n<tbody>\n",
                        esc(t_.h_impact), esc(t_.impact_intro), esc(t_.col_arm), esc(t_.col_treated), esc(t_.col_left),
                        esc(t_.col_left_too), esc(t_.col_extra));
    for (const auto& im : r_.impact) {
      if (im.arm == kBaseline) continue;  // the baseline treats no one by definition
      out_ += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                          esc(im.arm), format_number(im.treated, 0, lang_), format_number(im.left_benefits, 0, lang_),
                          format_number(im.left_in_baseline_too, 0, lang_),
                          format_number(im.extra_exits_to_self_support, 0, lang_));
    }
    out_ += "</tbody>\n</table>\n";
  }
}

/// Participants, outcomes with and without the intervention for the same citizens, deadweight,
/// and where the savings come from (impact.csv's participant columns).
void Page::participants_tables() {
  const auto share = [&](double v, double followed) {
    return followed > 0.0 ? format_number(100.0 * v, 0, lang_) + " %" : esc(t_.not_measured);
  };
  out_ += fmt::format("<h3>{}</h3>\n<p>{}</p>\n<table>\n<thead><tr><th>{}</th>", esc(t_.h_impact), esc(t_.participants_intro),
                      esc(t_.col_arm));
  for (const char* c : {t_.col_participants, t_.col_with_26w, t_.col_without_26w, t_.col_deadweight_26w, t_.col_with_52w,
                        t_.col_without_52w, t_.col_extra}) {
    out_ += fmt::format("<th class=\"n w\">{}</th>", esc(c));
  }
  out_ += "</tr></thead>\n<tbody>\n";
  for (const auto& im : r_.impact) {
    if (im.arm == kBaseline || !im.has_participants) continue;
    out_ += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                        "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                        esc(im.arm), format_number(im.participants, 0, lang_), share(im.with_26w, im.followed_26w),
                        share(im.without_26w, im.followed_26w), share(im.deadweight_26w, im.followed_26w * im.with_26w),
                        share(im.with_52w, im.followed_52w), share(im.without_52w, im.followed_52w),
                        format_number(im.extra_exits_to_self_support, 0, lang_));
  }
  out_ += "</tbody>\n</table>\n";
  out_ += fmt::format("<h3>{}</h3>\n<p>{}</p>\n<table>\n<thead><tr><th>{}</th>", esc(t_.h_savings_split), esc(t_.savings_split_intro),
                      esc(t_.col_arm));
  for (const char* c : {t_.col_savings_total, t_.col_earlier_exit, t_.col_would_not_have_left, t_.col_non_participants, t_.col_lock_in}) {
    out_ += fmt::format("<th class=\"n w\">{}</th>", esc(c));
  }
  out_ += "</tr></thead>\n<tbody>\n";
  for (const auto& im : r_.impact) {
    if (im.arm == kBaseline || !im.has_participants) continue;
    out_ += fmt::format("<tr><td>{}</td>", esc(im.arm));
    for (double v : {im.savings, im.savings_earlier_exit, im.savings_would_not_have_left, im.savings_non_participants, im.savings_lock_in}) {
      out_ += fmt::format("<td class=\"n\">{}</td>", format_thousands_dkk(v, lang_));
    }
    out_ += "</tr>\n";
  }
  out_ += "</tbody>\n</table>\n";
}

/// One intervention's differences from the baseline: what, baseline value, its value, source.
void Page::assumption_table(const ArmInfo& a) {
  out_ += fmt::format("<table class=\"assumptions\">\n<caption style=\"color:{}\">{}</caption>\n<thead><tr><th>{}</th><th class=\"n\">{}</th>"
                      "<th class=\"n\">{}</th><th>{}</th></tr></thead>\n<tbody>\n",
                      colour_[a.name], esc(arm_label(a, t_)), esc(t_.col_parameter), esc(t_.col_baseline), esc(t_.col_value),
                      esc(t_.col_source));
  for (const auto& as : r_.assumptions) {
    if (as.arm != a.name) continue;
    const std::string what = as.label.empty() ? fmt::format("<code>{}</code>", esc(as.parameter))
                                              : fmt::format("{}<br><code class=\"path\">{}</code>", esc(as.label), esc(as.parameter));
    std::string source = esc(as.source);
    if (as.assumption == "true") source = fmt::format("<span class=\"assumed\">{}</span> {}", esc(t_.assumed), source);
    if (as.assumption.empty()) source = fmt::format("<span class=\"nosource\">{}</span>", esc(t_.no_source));
    out_ += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n", what,
                        as.baseline.empty() ? esc(t_.not_set) : esc(localise_value(as.baseline, lang_)),
                        as.value.empty() ? esc(t_.removed) : esc(localise_value(as.value, lang_)), source);
  }
  out_ += "</tbody>\n</table>\n";
}

/// breakeven.csv, when `caseflow breakeven` wrote one into the results folder.
void Page::breakeven() {
  if (r_.breakeven.empty()) return;
  // Four significant digits: the search's tolerance is finer than any committee needs.
  const auto value = [&](const std::string& text) {
    return text.empty() ? std::string("–") : localise_value(fmt::format("{:.4g}", std::stod(text)), lang_);
  };
  out_ += fmt::format("<h3>{}</h3>\n<p>{}</p>\n", esc(t_.h_breakeven), esc(t_.breakeven_intro));
  for (const BreakevenRow& total : r_.breakeven) {
    if (total.year != 0) continue;
    std::string text = total.breakeven.empty()
                           ? fmt::format(fmt::runtime(t_.breakeven_none), total.parameter)
                           : fmt::format(fmt::runtime(total.net_falls ? t_.breakeven_at_least : t_.breakeven_at_most), total.parameter,
                                         value(total.breakeven), value(total.breakeven_lo), value(total.breakeven_hi));
    if (!total.stated_savings.empty()) {
      const std::string stated = format_thousands_dkk(std::stod(total.stated_savings), lang_);
      then_say(text, total.stated_implies.empty() ? fmt::format(fmt::runtime(t_.breakeven_stated_none), stated)
                                                  : fmt::format(fmt::runtime(t_.breakeven_stated), stated, value(total.stated_implies)));
    }
    then_say(text, fmt::format(fmt::runtime(t_.breakeven_assumes), total.parameter,
                               value(fmt::format("{}", total.scenario_value))));
    out_ += fmt::format("<p><strong>{}</strong>: {}</p>\n<table>\n<thead><tr><th>{}</th><th class=\"n\">{}</th></tr></thead>\n<tbody>\n",
                        esc(total.arm), esc(text), esc(t_.col_year), esc(t_.col_breakeven));
    for (const BreakevenRow& b : r_.breakeven) {
      if (b.arm != total.arm || b.parameter != total.parameter || b.year == 0) continue;
      out_ += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td></tr>\n", b.year, esc(value(b.breakeven)));
    }
    out_ += "</tbody>\n</table>\n";
  }
}

void Page::uncertainty() {
  out_ += fmt::format("<h2>{}</h2>\n", esc(t_.h_uncertainty));
  const std::string reps = r_.manifest.replications.empty() ? "?" : r_.manifest.replications;
  out_ += fmt::format("<p>{}</p>\n<p>{}</p>\n<p>{}</p>\n", esc(fmt::format(fmt::runtime(t_.unc_common), reps)),
                      esc(t_.unc_interval), esc(t_.unc_assumptions));
  const auto arms = r_.interventions();
  for (const ArmInfo* a : arms) {
    const BudgetRow* tot = r_.budget_row(a->name, 0);
    if (tot == nullptr || r_.years.empty()) continue;
    const Cumulative c = cumulative(r_, a->name);
    std::string text = fmt::format(fmt::runtime(t_.unc_arm), arm_label(*a, t_), r_.years.front(), r_.years.back(),
                                   format_thousands_dkk(tot->net, lang_), tot->net < 0 ? t_.unc_saving_word : t_.unc_cost_word,
                                   format_thousands_dkk(tot->net_lo, lang_), format_thousands_dkk(tot->net_hi, lang_),
                                   format_percent(tot->p_net_saving, lang_));
    then_say(text, c.no_investment  ? std::string(t_.unc_no_investment)
                   : c.payback_year ? fmt::format(fmt::runtime(t_.unc_payback), *c.payback_year)
                                    : fmt::format(fmt::runtime(t_.unc_no_payback), r_.years.back()));
    const int reps_now = std::atoi(r_.manifest.replications.c_str());
    if (std::isfinite(tot->net_se) && reps_now > 0) {
      then_say(text, fmt::format(fmt::runtime(t_.unc_se), format_thousands_dkk(tot->net_se, lang_), 4 * reps_now));
    }
    out_ += fmt::format("<p>{}</p>\n", esc(text));
  }
  if (arms.empty()) return;
  out_ += fmt::format("<table>\n<caption>{}</caption>\n<thead><tr><th></th>", esc(t_.paid_back_caption));
  for (int y : r_.years) out_ += fmt::format("<th class=\"n\">{}</th>", y);
  out_ += "</tr></thead>\n<tbody>\n";
  for (const ArmInfo* a : arms) {
    const Cumulative c = cumulative(r_, a->name);
    out_ += fmt::format("<tr><td>{}</td>", esc(arm_label(*a, t_)));
    for (double p : c.p_paid_back) out_ += fmt::format("<td class=\"n\">{}</td>", format_percent(p, lang_));
    out_ += "</tr>\n";
  }
  out_ += "</tbody>\n</table>\n";
}

}  // namespace caseflow::report::html
