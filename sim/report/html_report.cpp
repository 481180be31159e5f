#include "report/html_report.hpp"

#include "engine/percentile.hpp"
#include "files/atomic_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "report/report_error.hpp"
#include "report/report_text.hpp"
#include "report/svg_chart.hpp"

namespace caseflow::report {

namespace {

// Kept inline so the file stays self-contained; print rules keep tables whole on paper.
constexpr const char* kStyle = R"(
body{font-family:Helvetica,Arial,sans-serif;color:#222;max-width:1080px;margin:0 auto;padding:24px 28px;line-height:1.45}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 10px;border-bottom:2px solid #0072B2;padding-bottom:3px}
h3{font-size:16px;margin:22px 0 6px}.sub{color:#555;margin:0 0 18px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:14px}th,td{padding:4px 10px;border-bottom:1px solid #ddd}
th{text-align:left;background:#f2f5f8}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th.w{white-space:normal;max-width:10em;vertical-align:bottom}
tr.total td{font-weight:bold;border-top:1.5px solid #444}tr.iv td{color:#555;font-size:12.5px}
tr.p td{font-style:italic}caption{text-align:left;font-weight:bold;padding:4px 0}
.cards{display:flex;flex-wrap:wrap;gap:14px}.card{border:1px solid #ccd;border-left:6px solid #0072B2;padding:10px 14px;min-width:280px;flex:1}
.card h3{margin:0 0 8px}.kv{display:flex;flex-wrap:wrap;gap:10px 28px}.kv>div{max-width:230px}
.card .big{font-size:22px;font-weight:bold}.card .lbl{color:#555;font-size:13px}
figure{margin:14px 0 22px;page-break-inside:avoid}figcaption{font-size:13.5px;color:#333;margin:4px 0 6px;max-width:760px}
.grid{display:flex;flex-wrap:wrap;gap:10px 18px;align-items:flex-start}table.flows td:first-child{white-space:nowrap}table.queues{font-size:13px}table.queues th[colspan]{text-align:center}.note{color:#555;font-size:13px}
table.budget td:first-child,table.budget th:first-child{width:330px}table.assumptions{width:100%;table-layout:fixed}table.assumptions th:nth-child(1){width:40%}
table.assumptions th:nth-child(2),table.assumptions th:nth-child(3){width:13%}table.assumptions td{overflow-wrap:anywhere}table.assumptions td.n{white-space:normal}table.assumptions td{vertical-align:top}code.path{color:#777;font-size:11.5px}
.assumed{color:#9a4d00;font-weight:bold}.nosource{color:#999;font-style:italic}
dl.tech{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;font-size:13px;color:#444}dt{font-weight:bold}
@media print{body{max-width:none;padding:0}h2{page-break-after:avoid}table{page-break-inside:avoid}}
)";

std::string esc(const std::string& s) { return html_escape(s); }

double quantile(std::vector<double> v, double q) { return engine::percentile(std::move(v), q); }

/// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long>(era) * 146097 + doe - 719468;
}

/// "YYYY-MM-DD" as a fractional year (2025.0 is 1 January 2025); nullopt if not a date.
std::optional<double> fractional_year(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  if (iso.size() < 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  const long jan1 = days_from_civil(y, 1, 1);
  const long next = days_from_civil(y + 1, 1, 1);
  return y + static_cast<double>(days_from_civil(y, m, d) - jan1) / static_cast<double>(next - jan1);
}

/// Cumulative net per year for one arm. The mean and the pay-back share come from budget.csv's
/// cumulative_net / p_paid_back when it has them (else: running sum of `net`, and the share
/// computed from replications.csv); the band always comes from the replications, because a
/// cumulative interval is not a sum of yearly intervals.
struct Cumulative {
  std::vector<double> mean, lo, hi, p_paid_back;
  std::optional<int> payback_year;
};

Cumulative cumulative(const Results& r, const std::string& arm) {
  Cumulative c;
  std::map<int, std::map<int, double>> by_rep;  // replication -> year -> net
  for (const auto& row : r.replications) {
    if (row.arm == arm) by_rep[row.replication][row.year] = row.net;
  }
  double running = 0;
  for (std::size_t i = 0; i < r.years.size(); ++i) {
    const int y = r.years[i];
    const BudgetRow* b = r.budget_row(arm, y);
    running += b != nullptr ? b->net : 0.0;
    if (b != nullptr && !std::isnan(b->cumulative_net)) running = b->cumulative_net;
    c.mean.push_back(running);
    if (!c.payback_year && running < 0) c.payback_year = y;
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

/// A scenario value as the reader expects it: a plain number ("1100000", "0.015") gets the
/// language's separators with the decimals it was written with; anything else stays as written.
std::string localise_value(const std::string& text, Lang lang) {
  // -?[0-9]+(\.[0-9]+)?, checked by hand (no regex on user data: its recursion overflows the
  // stack on long input); more than 30 characters is not a value to localise.
  if (text.empty() || text.size() > 30) return text;
  const std::size_t first = text[0] == '-' ? 1 : 0;
  const auto dot = text.find('.');
  const std::size_t int_end = dot == std::string::npos ? text.size() : dot;
  auto digits = [&text](std::size_t from, std::size_t to) {
    if (from >= to) return false;
    for (std::size_t i = from; i < to; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
    }
    return true;
  };
  if (!digits(first, int_end) || (dot != std::string::npos && !digits(dot + 1, text.size()))) return text;
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
  return format_number(std::stod(text), decimals, lang);
}

std::string arm_label(const ArmInfo& a, const ReportText& t) {
  if (a.name == kBaseline) return t.baseline_name;
  return a.label.empty() ? a.name : a.label;
}

std::string cell(const std::string& arm, const std::string& year, const char* field, const std::string& text) {
  return fmt::format(R"(<td class="n" data-arm="{}" data-year="{}" data-field="{}">{}</td>)", esc(arm), year, field, text);
}

class Page {
 public:
  Page(const Results& r, Lang lang) : r_(r), lang_(lang), t_(report_text(lang)) {
    std::size_t k = 0;
    for (const auto& a : r_.arms) colour_[a.name] = a.name == kBaseline ? kBaselineColour : arm_colour(k++);
  }

  std::string render() {
    out_ += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", t_.html_lang);
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += fmt::format("<title>{} – {}</title>\n<style>{}</style>\n</head>\n<body>\n", esc(t_.title),
                        esc(r_.manifest.scenario_name), kStyle);
    out_ += fmt::format("<h1>{}</h1>\n<p class=\"sub\">{}</p>\n", esc(t_.title),
                        esc(fmt::format(fmt::runtime(t_.subtitle), r_.manifest.scenario_name)));
    question();
    brief();
    budget();
    charts();
    assumptions();
    breakeven();
    uncertainty();
    technical();
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  std::string year_range() const {
    if (r_.years.empty()) return "";
    return fmt::format("{}–{}", r_.years.front(), r_.years.back());
  }

  void question() {
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

  void brief() {
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
                          c.payback_year ? std::to_string(*c.payback_year) : esc(t_.never));
    }
    out_ += "</div>\n";
  }

  void budget() {
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

  void charts() {
    out_ += fmt::format("<h2>{}</h2>\n", esc(t_.h_charts));
    const auto arms = r_.interventions();
    std::vector<std::string> year_labels;
    for (int y : r_.years) year_labels.push_back(std::to_string(y));

    // Net per year with interval bars.
    BarChart net;
    net.title = t_.fig_net;
    net.value_label = t_.axis_kdkk;
    net.categories = year_labels;
    net.lang = lang_;
    net.width = 760;
    for (const ArmInfo* a : arms) {
      ChartSeries s;
      s.label = arm_label(*a, t_);
      s.colour = colour_[a->name];
      for (int y : r_.years) {
        const BudgetRow* b = r_.budget_row(a->name, y);
        s.y.push_back(b ? b->net / 1000 : 0);
        s.lo.push_back(b ? b->net_lo / 1000 : 0);
        s.hi.push_back(b ? b->net_hi / 1000 : 0);
      }
      net.series.push_back(std::move(s));
    }
    figure(render_bar_chart(net), t_.fig_net);

    // Cumulative net with the payback year marked.
    LineChart cum;
    cum.title = t_.fig_cum;
    cum.x_label = t_.axis_year;
    cum.y_label = t_.axis_kdkk;
    cum.include_zero = true;
    cum.x_pad = 0.5;
    cum.height = 360;
    cum.width = 760;
    cum.lang = lang_;
    for (int y : r_.years) cum.x_ticks.push_back({static_cast<double>(y), std::to_string(y)});
    for (const ArmInfo* a : arms) {
      const Cumulative c = cumulative(r_, a->name);
      ChartSeries s;
      s.label = arm_label(*a, t_);
      s.colour = colour_[a->name];
      s.points = true;
      for (std::size_t i = 0; i < r_.years.size(); ++i) {
        s.x.push_back(r_.years[i]);
        s.y.push_back(c.mean[i] / 1000);
        s.lo.push_back(c.lo[i] / 1000);
        s.hi.push_back(c.hi[i] / 1000);
      }
      cum.series.push_back(std::move(s));
      if (c.payback_year) {
        cum.markers.push_back({static_cast<double>(*c.payback_year),
                               fmt::format(fmt::runtime(t_.payback_label), arm_label(*a, t_), *c.payback_year), colour_[a->name]});
      }
    }
    figure(render_line_chart(cum), t_.fig_cum);

    occupancy();
    flows();
    queues();
  }

  void figure(const std::string& svg, const char* caption) {
    out_ += fmt::format("<figure>\n<figcaption>{}</figcaption>\n{}\n</figure>\n", esc(caption), svg);
  }

  void occupancy() {
    std::vector<std::string> states;
    bool dated = true;
    for (const auto& o : r_.occupancy) {
      if (std::find(states.begin(), states.end(), o.state) == states.end()) states.push_back(o.state);
      if (!fractional_year(o.date)) dated = false;
    }
    out_ += fmt::format("<figure>\n<figcaption>{}</figcaption>\n", esc(t_.fig_occ));
    double xmin = 1e300, xmax = -1e300;
    for (const auto& o : r_.occupancy) {
      const double x = dated ? *fractional_year(o.date) : o.week;
      xmin = std::min(xmin, x);
      xmax = std::max(xmax, x);
    }
    // One row per state; in it one panel per intervention against the baseline (dashed), on
    // a shared y scale, so each comparison is read without untangling every arm's band.
    std::vector<const ArmInfo*> panels = r_.interventions();
    const ArmInfo* baseline = nullptr;
    for (const auto& a : r_.arms) {
      if (a.name == kBaseline) baseline = &a;
    }
    if (panels.empty() && baseline != nullptr) panels.push_back(baseline);
    for (const auto& state : states) {
      double ylo = 1e300, yhi = -1e300;
      for (const auto& o : r_.occupancy) {
        if (o.state != state) continue;
        ylo = std::min({ylo, o.lo, o.mean});
        yhi = std::max({yhi, o.hi, o.mean});
      }
      out_ += fmt::format("<h3>{}</h3>\n<div class=\"grid\">\n", esc(r_.label("state", state)));
      for (const ArmInfo* panel : panels) {
        LineChart ch;
        ch.title = r_.label("state", state) + ": " + arm_label(*panel, t_);
        ch.x_label = dated ? t_.axis_date : t_.axis_week;
        ch.y_label = t_.axis_citizens;
        // Two panels fill a row; with three or more interventions, three narrower ones do.
        ch.width = panels.size() >= 3 ? 330 : 500;
        ch.height = panels.size() >= 3 ? 240 : 270;
        ch.lang = lang_;
        ch.y_range = std::make_pair(ylo, yhi);
        ch.stacked_legend = true;
        if (dated) {
          for (int y = static_cast<int>(std::ceil(xmin - 1e-9)); y <= static_cast<int>(std::floor(xmax + 1e-9)); ++y) {
            ch.x_ticks.push_back({static_cast<double>(y), std::to_string(y)});
          }
          for (int y = static_cast<int>(std::floor(xmin)); y <= static_cast<int>(std::floor(xmax)); ++y) ch.x_minor.push_back(y + 0.5);
          if (ch.x_ticks.size() < 2) {  // short horizon: label the half years too
            for (double m : ch.x_minor) {
              ch.x_ticks.push_back({m, fmt::format(fmt::runtime(lang_ == Lang::da ? "jul. {}" : "Jul {}"), static_cast<int>(m))});
            }
          }
        }
        for (const ArmInfo* a : {baseline, panel}) {
          if (a == nullptr || (a == panel && a == baseline && !ch.series.empty())) continue;
          ChartSeries s;
          s.label = arm_label(*a, t_);
          s.colour = colour_[a->name];
          s.dashed = a->name == kBaseline;
          for (const auto& o : r_.occupancy) {
            if (o.arm != a->name || o.state != state) continue;
            s.x.push_back(dated ? *fractional_year(o.date) : o.week);
            s.y.push_back(o.mean);
            s.lo.push_back(o.lo);
            s.hi.push_back(o.hi);
          }
          if (!s.x.empty()) ch.series.push_back(std::move(s));
        }
        out_ += fmt::format("<div>{}</div>\n", render_line_chart(ch));
      }
      out_ += "</div>\n";
    }
    out_ += "</figure>\n";
  }

  void flows() {
    if (r_.flows.empty() || r_.years.empty()) return;
    using Key = std::pair<std::string, std::string>;
    std::map<std::string, std::map<Key, std::map<int, double>>> by_arm;
    std::vector<Key> keys;
    for (const auto& f : r_.flows) {
      Key k{f.from, f.to};
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
      by_arm[f.arm][k][f.year] = f.mean;
    }
    auto per_year = [&](const std::string& arm, const Key& k) {
      double s = 0;
      for (int y : r_.years) {
        auto& m = by_arm[arm][k];
        if (auto it = m.find(y); it != m.end()) s += it->second;
      }
      return s / static_cast<double>(r_.years.size());
    };
    std::stable_sort(keys.begin(), keys.end(),
                     [&](const Key& a, const Key& b) { return per_year(kBaseline, a) > per_year(kBaseline, b); });
    std::vector<Key> shown(keys.begin(), keys.begin() + static_cast<long>(std::min<std::size_t>(keys.size(), 14)));
    BarChart ch;
    ch.title = t_.fig_flows;
    ch.width = 900;
    ch.value_label = t_.axis_flows;
    ch.horizontal = true;
    ch.lang = lang_;
    for (const auto& k : shown) ch.categories.push_back(state_name(k.first) + " \u2192 " + state_name(k.second));
    for (const auto& a : r_.arms) {
      ChartSeries s;
      s.label = arm_label(a, t_);
      s.colour = colour_[a.name];
      for (const auto& k : shown) s.y.push_back(per_year(a.name, k));
      ch.series.push_back(std::move(s));
    }
    figure(render_bar_chart(ch), t_.fig_flows);

    // Differences from the baseline, per year: where each intervention moves people. One
    // table per intervention (years across), largest changes first, at most 12 rows.
    std::size_t tables = 0;
    for (const ArmInfo* a : r_.interventions()) {
      std::vector<std::pair<double, Key>> ranked;
      for (const auto& k : keys) {
        double biggest = 0;
        for (int y : r_.years) biggest = std::max(biggest, std::fabs(by_arm[a->name][k][y] - by_arm[kBaseline][k][y]));
        if (biggest >= 0.05) ranked.emplace_back(biggest, k);
      }
      if (ranked.empty()) continue;
      std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
      if (ranked.size() > 12) ranked.resize(12);
      if (tables++ == 0) out_ += "<div class=\"grid\">\n";
      out_ += fmt::format("<table class=\"flows\">\n<caption>{}: <span style=\"color:{}\">{}</span></caption>\n<thead><tr><th>{}</th>",
                          esc(t_.flows_diff_caption), colour_[a->name], esc(arm_label(*a, t_)), esc(t_.col_transition));
      for (int y : r_.years) out_ += fmt::format("<th class=\"n\">{}</th>", y);
      out_ += "</tr></thead>\n<tbody>\n";
      for (const auto& [biggest, k] : ranked) {
        out_ += fmt::format("<tr><td>{} \u2192 {}</td>", esc(state_name(k.first)), esc(state_name(k.second)));
        for (int y : r_.years) {
          const double d = by_arm[a->name][k][y] - by_arm[kBaseline][k][y];
          out_ += fmt::format("<td class=\"n\">{}{}</td>", d >= 0.05 ? "+" : "", format_number(d, 1, lang_));
        }
        out_ += "</tr>\n";
      }
      out_ += "</tbody>\n</table>\n";
    }
    if (tables > 0) out_ += "</div>\n";
  }

  void queues() {
    if (!r_.has_queues || r_.queues.empty()) {
      out_ += fmt::format("<p class=\"note\">{}</p>\n", esc(t_.no_queues));
      return;
    }
    std::vector<std::string> resources;
    for (const auto& q : r_.queues) {
      if (std::find(resources.begin(), resources.end(), q.resource) == resources.end()) resources.push_back(q.resource);
    }
    auto mean_of = [&](const std::string& arm, const std::string& res, auto field) {
      double s = 0;
      int n = 0;
      for (const auto& q : r_.queues) {
        if (q.arm == arm && q.resource == res) {
          s += field(q);
          ++n;
        }
      }
      return n > 0 ? std::optional<double>(s / n) : std::nullopt;
    };
    BarChart ch;
    ch.title = t_.fig_queues;
    ch.value_label = t_.axis_waiting;
    for (const auto& res : resources) ch.categories.push_back(resource_name(res));
    ch.horizontal = true;
    ch.lang = lang_;
    for (const auto& a : r_.arms) {
      ChartSeries s;
      s.label = arm_label(a, t_);
      s.colour = colour_[a.name];
      for (const auto& res : resources) s.y.push_back(mean_of(a.name, res, [](const QueueRow& q) { return q.mean_waiting; }).value_or(0));
      ch.series.push_back(std::move(s));
    }
    figure(render_bar_chart(ch), t_.fig_queues);

    // Two header rows: the years sit under one "waiting" heading so the table fits the page.
    out_ += fmt::format("<table class=\"queues\">\n<thead><tr><th rowspan=\"2\">{}</th><th rowspan=\"2\">{}</th>"
                        "<th class=\"n\" colspan=\"{}\">{}</th><th class=\"n\" rowspan=\"2\">{}</th><th class=\"n\" rowspan=\"2\">{}</th></tr>\n<tr>",
                        esc(t_.col_resource), esc(t_.col_arm), r_.years.size(), esc(t_.col_waiting), esc(t_.col_wait_weeks),
                        esc(t_.col_utilisation));
    for (int y : r_.years) out_ += fmt::format("<th class=\"n\">{}</th>", y);
    out_ += "</tr></thead>\n<tbody>\n";
    for (const auto& res : resources) {
      for (const auto& a : r_.arms) {
        const auto ww = mean_of(a.name, res, [](const QueueRow& q) { return q.mean_wait_weeks; });
        if (!ww) continue;
        out_ += fmt::format("<tr><td>{}</td><td>{}</td>", esc(resource_name(res)), esc(arm_label(a, t_)));
        for (int y : r_.years) {
          std::string v = "–";
          for (const auto& q : r_.queues) {
            if (q.arm == a.name && q.resource == res && q.year == y) v = format_number(q.mean_waiting, 1, lang_);
          }
          out_ += fmt::format("<td class=\"n\">{}</td>", v);
        }
        const double u = mean_of(a.name, res, [](const QueueRow& q) { return q.utilisation; }).value_or(0);
        out_ += fmt::format("<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n", format_number(*ww, 1, lang_),
                            format_percent(u, lang_));
      }
    }
    out_ += "</tbody>\n</table>\n";
  }

  void assumptions() {
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
  void participants_tables() {
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
  void assumption_table(const ArmInfo& a) {
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
  void breakeven() {
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
        text += " " + (total.stated_implies.empty() ? fmt::format(fmt::runtime(t_.breakeven_stated_none), stated)
                                                    : fmt::format(fmt::runtime(t_.breakeven_stated), stated, value(total.stated_implies)));
      }
      text += " " + fmt::format(fmt::runtime(t_.breakeven_assumes), total.parameter,
                                value(fmt::format("{}", total.scenario_value)));
      out_ += fmt::format("<p><strong>{}</strong>: {}</p>\n<table>\n<thead><tr><th>{}</th><th class=\"n\">{}</th></tr></thead>\n<tbody>\n",
                          esc(total.arm), esc(text), esc(t_.col_year), esc(t_.col_breakeven));
      for (const BreakevenRow& b : r_.breakeven) {
        if (b.arm != total.arm || b.parameter != total.parameter || b.year == 0) continue;
        out_ += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td></tr>\n", b.year, esc(value(b.breakeven)));
      }
      out_ += "</tbody>\n</table>\n";
    }
  }

  /// A state's display name (labels.csv); flows.csv's `inflow` is arrivals.
  std::string state_name(const std::string& name) const { return name == "inflow" ? t_.inflow_name : r_.label("state", name); }

  /// A pool's or slot's display name (labels.csv).
  std::string resource_name(const std::string& name) const {
    const std::string pool = r_.label("pool", name);
    return pool != name ? pool : r_.label("slot", name);
  }

  void uncertainty() {
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
      text += " " + (c.payback_year ? fmt::format(fmt::runtime(t_.unc_payback), *c.payback_year)
                                    : fmt::format(fmt::runtime(t_.unc_no_payback), r_.years.back()));
      const int reps_now = std::atoi(r_.manifest.replications.c_str());
      if (std::isfinite(tot->net_se) && reps_now > 0) {
        text += " " + fmt::format(fmt::runtime(t_.unc_se), format_thousands_dkk(tot->net_se, lang_), 4 * reps_now);
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

  void technical() {
    const Manifest& m = r_.manifest;
    out_ += fmt::format("<h2>{}</h2>\n<dl class=\"tech\">\n", esc(t_.h_technical));
    auto item = [&](const char* k, const std::string& v) {
      if (!v.empty()) out_ += fmt::format("<dt>{}</dt><dd>{}</dd>\n", esc(k), esc(v));
    };
    item(t_.tech_scenario, m.scenario_file + (m.scenario_sha256.empty() ? "" : " (sha256 " + m.scenario_sha256.substr(0, 12) + "…)"));
    item(t_.tech_version, m.caseflow_version + (m.git_commit.empty() ? "" : " (" + m.git_commit + ")"));
    item(t_.tech_seed, m.seed);
    item(t_.tech_reps, m.replications);
    item(t_.tech_run, m.finished.empty() ? m.started : m.finished);
    item(t_.tech_folder, r_.dir.string());
    out_ += "</dl>\n";
  }

  const Results& r_;
  Lang lang_;
  const ReportText& t_;
  std::map<std::string, std::string> colour_;
  std::string out_;
};

}  // namespace

std::string render_report(const Results& results, Lang lang) { return Page(results, lang).render(); }

std::filesystem::path write_report(const ReportOptions& options) {
  const Results results = load_results(options.results_dir);
  const std::filesystem::path out = options.out.empty() ? options.results_dir / "report.html" : options.out;
  const std::string html = render_report(results, options.lang);

  // Atomic: a reader (or a browser refreshing) never sees half a page; no symlink is followed.
  try {
    files::write_file_atomically(out, html);
  } catch (const std::runtime_error& e) {
    throw InputError(error_line(out.string(), 0, 0, e.what()));
  }
  return out;
}

}  // namespace caseflow::report
