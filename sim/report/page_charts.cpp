/// @file page_charts.cpp
/// The page's charts: net per year, the cumulative net with its pay-back markers, occupancy per
/// state (one panel per intervention against the baseline), the largest flows and their changes,
/// and the waiting lines. May call page.hpp's helpers, svg_chart.hpp (the SVG), format.hpp and
/// engine/calendar.hpp (dates on the time axis).

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "engine/calendar.hpp"
#include "report/page.hpp"
#include "report/svg_chart.hpp"

namespace caseflow::report::html {

std::optional<double> fractional_year(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  if (iso.size() < 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  // The engine's calendar, the one civil-date routine of the program.
  const std::int64_t jan1 = engine::Date{y, 1, 1}.days_since_epoch();
  const std::int64_t next = engine::Date{y + 1, 1, 1}.days_since_epoch();
  return y + static_cast<double>(engine::Date{y, m, d}.days_since_epoch() - jan1) / static_cast<double>(next - jan1);
}

void Page::charts() {
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

void Page::occupancy() {
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

void Page::flows() {
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

void Page::queues() {
  if (!r_.has_queues || r_.queues.empty()) {
    out_ += fmt::format("<p class=\"note\">{}</p>\n", esc(r_.has_queues ? t_.no_queue_rows : t_.no_queues));
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

}  // namespace caseflow::report::html
