/// @file page_budget.cpp
/// The page's money story: the question the committee asked (which arms, when), the brief (one
/// card per intervention), the budget tables (the annex: every cell names its budget.csv column)
/// and the cumulative net behind the pay-back year. May call page.hpp's helpers, format.hpp and
/// engine/percentile.hpp (the band over replications).

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "engine/percentile.hpp"
#include "report/page.hpp"

namespace caseflow::report::html {
namespace {

double quantile(std::vector<double> v, double q) { return engine::percentile(std::move(v), q); }

}  // namespace

Cumulative cumulative(const Results& r, const std::string& arm) {
  Cumulative c;
  std::map<int, std::map<int, double>> by_rep;  // replication -> year -> net
  for (const auto& row : r.replications) {
    if (row.arm == arm) by_rep[row.replication][row.year] = row.net;
  }
  c.no_investment = true;
  for (const int y : r.years) {
    const BudgetRow* b = r.budget_row(arm, y);
    if (b != nullptr && b->intervention_cost != 0.0) c.no_investment = false;
  }
  double running = 0;
  for (std::size_t i = 0; i < r.years.size(); ++i) {
    const int y = r.years[i];
    const BudgetRow* b = r.budget_row(arm, y);
    running += b != nullptr ? b->net : 0.0;
    if (b != nullptr && !std::isnan(b->cumulative_net)) running = b->cumulative_net;
    c.mean.push_back(running);
    if (!c.payback_year && running < 0 && !c.no_investment) c.payback_year = y;
    std::vector<double> cum;
    for (const auto& [rep, years] : by_rep) {
      double s = 0;
      bool complete = true;
      for (std::size_t k = 0; k <= i; ++k) {
        auto it = years.find(r.years[k]);
        if (it == years.end()) {
          complete = false;
          break;
        }
        s += it->second;
      }
      if (complete) cum.push_back(s);
    }
    c.lo.push_back(cum.empty() ? running : quantile(cum, 0.025));
    c.hi.push_back(cum.empty() ? running : quantile(cum, 0.975));
    const auto paid = std::count_if(cum.begin(), cum.end(), [](double v) { return v < 0; });
    if (b != nullptr && !std::isnan(b->p_paid_back)) {
      c.p_paid_back.push_back(b->p_paid_back);
    } else {
      c.p_paid_back.push_back(cum.empty() ? 0.0 : static_cast<double>(paid) / static_cast<double>(cum.size()));
    }
  }
  return c;
}

void Page::question() {
  out_ += fmt::format("<h2>{}</h2>\n<p>{}</p>\n<ul>\n", esc(t_.h_question), esc(t_.question));
  for (const auto& a : r_.arms) {
    std::string desc = a.name == kBaseline ? t_.baseline_desc : a.description;
    std::string period;
    if (!a.start.empty() && !a.end.empty()) {
      period = fmt::format(fmt::runtime(t_.period), a.start, a.end);
    } else if (!a.start.empty()) {
      period = fmt::format(fmt::runtime(t_.period_from), a.start);
    }
    out_ += fmt::format("<li><strong style=\"color:{}\">{}</strong>{}{}</li>\n", colour_[a.name], esc(arm_label(a, t_)),
                        desc.empty() ? "" : ": " + esc(desc), period.empty() ? "" : " (" + esc(period) + ")");
  }
  out_ += "</ul>\n";
}

void Page::brief() {
  out_ += fmt::format("<h2>{}</h2>\n<div class=\"cards\">\n", esc(t_.h_brief));
  for (const ArmInfo* a : r_.interventions()) {
    const BudgetRow* tot = r_.budget_row(a->name, 0);
    if (tot == nullptr) continue;
    const Cumulative c = cumulative(r_, a->name);
    out_ += fmt::format("<div class=\"card\" style=\"border-left-color:{}\"><h3>{}</h3>\n", colour_[a->name], esc(arm_label(*a, t_)));
    out_ += fmt::format("<div class=\"kv\"><div><div class=\"lbl\">{} ({}, {})</div><div class=\"big\">{}</div>", esc(t_.brief_net),
                        year_range(), esc(t_.unit), format_thousands_dkk(tot->net, lang_));
    out_ += fmt::format("<div class=\"lbl\">{}: {} {} {}</div></div>\n", esc(t_.row_interval),
                        format_thousands_dkk(tot->net_lo, lang_), esc(t_.interval_to), format_thousands_dkk(tot->net_hi, lang_));
    out_ += fmt::format("<div><div class=\"lbl\">{}</div><div class=\"big\">{}</div></div>\n", esc(t_.brief_p),
                        format_percent(tot->p_net_saving, lang_));
    out_ += fmt::format("<div><div class=\"lbl\">{}</div><div class=\"big\">{}</div></div></div>\n</div>\n", esc(t_.brief_payback),
                        c.payback_year ? std::to_string(*c.payback_year) : esc(c.no_investment ? t_.no_investment : t_.never));
  }
  out_ += "</div>\n";
}

void Page::budget() {
  out_ += fmt::format("<h2>{}</h2>\n<p>{}</p>\n", esc(t_.h_budget), esc(t_.budget_intro));
  const BudgetRow zero{};
  for (const ArmInfo* a : r_.interventions()) {
    const std::string& arm = a->name;
    auto row_of = [&](const std::string& which, int y) -> const BudgetRow& {
      const BudgetRow* b = r_.budget_row(which, y);
      return b != nullptr ? *b : zero;
    };
    std::vector<std::pair<std::string, int>> cols;  // (label for data-year, year or 0 for total)
    for (int y : r_.years) cols.emplace_back(std::to_string(y), y);
    cols.emplace_back("total", 0);

    out_ += fmt::format("<h3 style=\"color:{}\">{}</h3>\n<table class=\"budget\" data-arm=\"{}\">\n<thead><tr><th>{}</th>",
                        colour_[arm], esc(arm_label(*a, t_)), esc(arm), esc(t_.unit));
    for (const auto& [label, y] : cols) out_ += fmt::format("<th class=\"n\">{}</th>", y == 0 ? esc(t_.total_col) : label);
    out_ += "</tr></thead>\n<tbody>\n";

    auto money_row = [&](const char* cls, const char* title, const char* field, auto value) {
      out_ += fmt::format("<tr{}><td>{}</td>", cls[0] ? fmt::format(" class=\"{}\"", cls) : "", esc(title));
      for (const auto& [label, y] : cols) out_ += cell(arm, label, field, format_thousands_dkk(value(row_of(arm, y)), lang_));
      out_ += "</tr>\n";
    };
    auto interval_row = [&](const char* field, auto lo, auto hi) {
      out_ += fmt::format("<tr class=\"iv\"><td>&nbsp;&nbsp;{}</td>", esc(t_.row_interval));
      for (const auto& [label, y] : cols) {
        const BudgetRow& b = row_of(arm, y);
        out_ += cell(arm, label, field,
                     fmt::format("{} {} {}", format_thousands_dkk(lo(b), lang_), esc(t_.interval_to),
                                 format_thousands_dkk(hi(b), lang_)));
      }
      out_ += "</tr>\n";
    };
    // Budget sign convention: expenditure positive, savings negative, Total = their sum = net.
    money_row("", t_.row_invest, "intervention_cost", [](const BudgetRow& b) { return b.intervention_cost; });
    // Grants are income (negative), as in the terminal's table and the workbook; without this
    // row the lines above Total would not add up to it.
    const bool financed =
        std::any_of(cols.begin(), cols.end(), [&](const auto& col) { return row_of(arm, col.second).financing != 0.0; });
    if (financed) money_row("", t_.row_financing, "financing", [](const BudgetRow& b) { return -b.financing; });
    money_row("", t_.row_saving, "savings", [](const BudgetRow& b) { return -b.savings; });
    interval_row("savings_interval", [](const BudgetRow& b) { return -b.savings_hi; },
                 [](const BudgetRow& b) { return -b.savings_lo; });
    money_row("total", t_.row_total, "net", [](const BudgetRow& b) { return b.net; });
    interval_row("net_interval", [](const BudgetRow& b) { return b.net_lo; }, [](const BudgetRow& b) { return b.net_hi; });
    out_ += fmt::format("<tr class=\"p\"><td>{}</td>", esc(t_.row_p));
    for (const auto& [label, y] : cols) out_ += cell(arm, label, "p_net_saving", format_percent(row_of(arm, y).p_net_saving, lang_));
    out_ += "</tr>\n</tbody>\n</table>\n";

    // Context: the benefit caseload behind the savings, baseline and arm.
    out_ += fmt::format("<table class=\"budget\" data-arm=\"{}\">\n<caption>{}</caption>\n<thead><tr><th></th>", esc(arm),
                        esc(t_.caseload_caption));
    for (const auto& [label, y] : cols) out_ += fmt::format("<th class=\"n\">{}</th>", y == 0 ? esc(t_.total_col) : label);
    out_ += "</tr></thead>\n<tbody>\n";
    auto context_row = [&](const char* title, const std::string& which, const char* field, auto text) {
      out_ += fmt::format("<tr><td>{}</td>", esc(title));
      for (const auto& [label, y] : cols) out_ += cell(which, label, field, text(row_of(which, y)));
      out_ += "</tr>\n";
    };
    auto fte = [&](const BudgetRow& b) {
      if (!b.total) return format_number(b.fte_on_benefit, 0, lang_);
      double sum = 0;  // the total column: the mean over the years (a count of persons does not add up)
      for (int y : r_.years) sum += row_of(b.arm, y).fte_on_benefit;
      return format_number(r_.years.empty() ? 0.0 : sum / static_cast<double>(r_.years.size()), 0, lang_);
    };
    auto mun = [&](const BudgetRow& b) { return format_thousands_dkk(b.benefit_municipal, lang_); };
    context_row(t_.row_fte_base, kBaseline, "fte_on_benefit", fte);
    context_row(t_.row_fte_arm, arm, "fte_on_benefit", fte);
    context_row(t_.row_mun_base, kBaseline, "benefit_municipal", mun);
    context_row(t_.row_mun_arm, arm, "benefit_municipal", mun);
    out_ += "</tbody>\n</table>\n";
  }
}

}  // namespace caseflow::report::html
