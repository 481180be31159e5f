#include "report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <fmt/format.h>

namespace caseflow::report {

namespace {

constexpr double kFont = 12.0;

/// Rough rendered width of `s` in px at the chart font (UTF-8 code points, not bytes).
double text_width(const std::string& s, double font = kFont) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return static_cast<double>(n) * font * 0.58;
}

std::string num(double v) { return fmt::format("{:.1f}", v); }

int tick_decimals(const std::vector<double>& ticks) {
  if (ticks.size() < 2) return 0;
  const double step = std::fabs(ticks[1] - ticks[0]);
  if (step >= 1.0 - 1e-9) return 0;
  int d = static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  if (std::fabs(step * std::pow(10.0, d) - std::round(step * std::pow(10.0, d))) > 1e-6) ++d;
  return std::max(d, 0);
}

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (!std::isfinite(v)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  void finish(bool include_zero) {
    if (!std::isfinite(lo)) {
      lo = 0;
      hi = 1;
    }
    if (include_zero) {
      lo = std::min(lo, 0.0);
      hi = std::max(hi, 0.0);
    }
    if (hi - lo < 1e-9) {
      const double pad = std::max(std::fabs(hi) * 0.1, 1.0);
      lo -= pad;
      hi += pad;
    }
  }
};

/// The legend as SVG rows at the top of the chart; returns its height.
double legend(std::string& out, const std::vector<ChartSeries>& series, double left, double top, double width,
              bool line_swatches, bool stacked = false) {
  double x = left;
  double y = top;
  const double row = 18;
  for (const auto& s : series) {
    const double w = 18 + text_width(s.label) + 16;
    if ((stacked || x + w > left + width) && x > left) {
      x = left;
      y += row;
    }
    if (s.dashed || line_swatches) {
      out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2.5"{}/>)", num(x), num(y + 6),
                         num(x + 14), num(y + 6), s.colour, s.dashed ? R"( stroke-dasharray="4 3")" : "");
    } else {
      out += fmt::format(R"(<rect x="{}" y="{}" width="14" height="10" fill="{}"/>)", num(x), num(y + 1), s.colour);
    }
    out += fmt::format(R"(<text x="{}" y="{}">{}</text>)", num(x + 18), num(y + 10), html_escape(s.label));
    x += w;
  }
  return y - top + row;
}

std::string open_svg(int width, double height, const std::string& title) {
  return fmt::format(
      R"(<svg role="img" width="{}" height="{}" viewBox="0 0 {} {}" font-family="Helvetica, Arial, sans-serif" font-size="12" fill="#222"><title>{}</title>)",
      width, num(height), width, num(height), html_escape(title));
}

/// The x and y data ranges of a line chart: every point and band, the markers, the fixed y range.
std::pair<Range, Range> line_ranges(const LineChart& c) {
  Range xr, yr;
  for (const auto& s : c.series) {
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      xr.add(s.x[i]);
      yr.add(s.y[i]);
      if (i < s.lo.size()) yr.add(s.lo[i]);
      if (i < s.hi.size()) yr.add(s.hi[i]);
    }
  }
  for (const auto& m : c.markers) xr.add(m.x);
  if (c.y_range) {
    yr.add(c.y_range->first);
    yr.add(c.y_range->second);
  }
  xr.finish(false);
  yr.finish(c.include_zero);
  return {xr, yr};
}

/// Where a line chart's plot sits (px) and how data maps onto it.
struct LinePlot {
  double xlo = 0, xhi = 0, ylo = 0, yhi = 0;  ///< the data values at the plot's edges
  double left = 0, top = 0, plot_w = 0, plot_h = 0;
  double strip = 0;  ///< the top of the marker labels, one line each, below the legend
  [[nodiscard]] double X(double x) const { return left + (x - xlo) / (xhi - xlo) * plot_w; }
  [[nodiscard]] double Y(double y) const { return top + (yhi - y) / (yhi - ylo) * plot_h; }
};

/// The plot's place: room on the left for the widest y label, the legend (written to `legend_svg`)
/// and one line per marker label above it.
LinePlot line_plot(const LineChart& c, const Range& xr, const std::vector<double>& yticks, int ydec, std::string& legend_svg) {
  LinePlot p;
  p.ylo = yticks.front();
  p.yhi = yticks.back();
  p.xlo = xr.lo - c.x_pad;
  p.xhi = xr.hi + c.x_pad;
  if (p.xhi - p.xlo < 1e-9) {
    p.xlo -= 0.5;
    p.xhi += 0.5;
  }
  double max_ylabel = 0;
  for (double t : yticks) max_ylabel = std::max(max_ylabel, text_width(format_number(t, ydec, c.lang)));
  p.left = 28 + max_ylabel + 8;
  const double right = 16;
  const double legend_h = legend(legend_svg, c.series, p.left, 6, c.width - p.left - right, true, c.stacked_legend);
  p.strip = 6 + legend_h + 4;
  p.top = p.strip + 16.0 * static_cast<double>(c.markers.size()) + 4;
  const double bottom = 44;
  p.plot_w = c.width - p.left - right;
  p.plot_h = c.height - p.top - bottom;
  return p;
}

/// Grid lines, tick labels, the frame and the axis labels of a line chart.
void line_axes(std::string& out, const LineChart& c, const LinePlot& p, const std::vector<double>& yticks, int ydec,
               const std::vector<XTick>& xticks) {
  for (double m : c.x_minor) {
    if (m < p.xlo || m > p.xhi) continue;
    out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#eee"/>)", num(p.X(m)), num(p.top), num(p.top + p.plot_h));
  }
  for (double t : yticks) {
    out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>)", num(p.left), num(p.Y(t)), num(p.left + p.plot_w),
                       num(p.Y(t)), t == 0.0 ? "#888" : "#e3e3e3");
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", num(p.left - 6), num(p.Y(t) + 4),
                       format_number(t, ydec, c.lang));
  }
  for (const auto& t : xticks) {
    if (t.x < p.xlo - 1e-9 || t.x > p.xhi + 1e-9) continue;
    out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#ddd"/>)", num(p.X(t.x)), num(p.top),
                       num(p.top + p.plot_h + 4));
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)", num(p.X(t.x)), num(p.top + p.plot_h + 17),
                       html_escape(t.label));
  }
  out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#999"/>)", num(p.left), num(p.top),
                     num(p.plot_w), num(p.plot_h));
  out += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)", num(p.left + p.plot_w / 2), num(c.height - 8),
                     html_escape(c.x_label));
  out += fmt::format(R"~(<text transform="translate(14,{}) rotate(-90)" text-anchor="middle">{}</text>)~",
                     num(p.top + p.plot_h / 2), html_escape(c.y_label));
}

/// The series of a line chart: every band first, then the lines (and dots) on top.
void line_series(std::string& out, const LineChart& c, const LinePlot& p) {
  for (const auto& s : c.series) {
    if (s.lo.size() != s.y.size() || s.hi.size() != s.y.size() || s.y.empty()) continue;
    std::string pts;
    for (std::size_t i = 0; i < s.x.size(); ++i) pts += num(p.X(s.x[i])) + "," + num(p.Y(s.hi[i])) + " ";
    for (std::size_t i = s.x.size(); i-- > 0;) pts += num(p.X(s.x[i])) + "," + num(p.Y(s.lo[i])) + " ";
    out += fmt::format(R"(<polygon points="{}" fill="{}" fill-opacity="0.16" stroke="none"/>)", pts, s.colour);
  }
  for (const auto& s : c.series) {
    std::string pts;
    for (std::size_t i = 0; i < s.x.size(); ++i) pts += num(p.X(s.x[i])) + "," + num(p.Y(s.y[i])) + " ";
    out += fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="2.2"{}/>)", pts, s.colour,
                       s.dashed ? R"( stroke-dasharray="5 3")" : "");
    if (s.points) {
      for (std::size_t i = 0; i < s.x.size(); ++i) {
        out += fmt::format(R"(<circle cx="{}" cy="{}" r="3.5" fill="{}"/>)", num(p.X(s.x[i])), num(p.Y(s.y[i])), s.colour);
      }
    }
  }
}

/// The markers of a line chart: a dashed vertical line each, its label on its own line above
/// the plot (anchored at its end when the marker is far right).
void line_markers(std::string& out, const LineChart& c, const LinePlot& p) {
  double label_y = p.strip + 12;
  for (const auto& m : c.markers) {
    const double mx = p.X(m.x);
    out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" stroke-width="1.5" stroke-dasharray="6 4"/>)", num(mx),
                       num(label_y + 3), num(p.top + p.plot_h), m.colour);
    const bool anchor_end = mx > p.left + p.plot_w * 0.6;
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="{}" fill="{}" font-weight="bold">{}</text>)",
                       num(anchor_end ? mx - 5 : mx + 5), num(label_y), anchor_end ? "end" : "start", m.colour,
                       html_escape(m.label));
    label_y += 16;
  }
}

/// What both bar layouts share: the value axis (its ticks, the values at its ends, the tick
/// decimals) and the number of categories and of series.
struct BarScale {
  std::vector<double> ticks;
  double lo = 0, hi = 0;
  int decimals = 0;
  std::size_t ncat = 0;
  std::size_t nser = 1;
};

BarScale bar_scale(const BarChart& c) {
  Range vr;
  for (const auto& s : c.series) {
    for (std::size_t i = 0; i < s.y.size(); ++i) {
      vr.add(s.y[i]);
      if (i < s.lo.size()) vr.add(s.lo[i]);
      if (i < s.hi.size()) vr.add(s.hi[i]);
    }
  }
  vr.finish(true);
  BarScale scale;
  scale.ticks = nice_ticks(vr.lo, vr.hi, 5);
  scale.lo = scale.ticks.front();
  scale.hi = scale.ticks.back();
  scale.decimals = tick_decimals(scale.ticks);
  scale.ncat = c.categories.size();
  scale.nser = std::max<std::size_t>(c.series.size(), 1);
  return scale;
}

/// Bars along the x axis, one row of bars per category (names down the left), each bar's value
/// at its end. The SVG without its closing tag.
std::string horizontal_bars(const BarChart& c, const BarScale& scale) {
  const std::size_t ncat = scale.ncat, nser = scale.nser;
  double max_abs = 0;
  for (const auto& s : c.series) {
    for (double v : s.y) max_abs = std::max(max_abs, std::fabs(v));
  }
  const int value_decimals = max_abs >= 100 ? 0 : 1;
  double max_cat = 0;
  for (const auto& cat : c.categories) max_cat = std::max(max_cat, text_width(cat));
  const double left = std::min(max_cat, 260.0) + 14;
  const double right = 44;  // room for the value labels
  std::string body;
  const double legend_h = legend(body, c.series, left, 6, c.width - left - right, false);
  const double top = 6 + legend_h + 8;
  const double bar = 13, gap = 12;
  const double plot_h = static_cast<double>(ncat) * (static_cast<double>(nser) * bar + gap);
  const double bottom = 44;
  const double height = c.height > 0 ? c.height : top + plot_h + bottom;
  const double plot_w = c.width - left - right;
  auto V = [&](double v) { return left + (v - scale.lo) / (scale.hi - scale.lo) * plot_w; };
  std::string out = open_svg(c.width, height, c.title);
  for (double t : scale.ticks) {
    out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}"/>)", num(V(t)), num(top), num(top + plot_h),
                       t == 0.0 ? "#888" : "#e3e3e3");
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)", num(V(t)), num(top + plot_h + 16),
                       format_number(t, scale.decimals, c.lang));
  }
  out += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)", num(left + plot_w / 2), num(height - 8),
                     html_escape(c.value_label));
  out += body;
  for (std::size_t k = 0; k < ncat; ++k) {
    const double y0 = top + static_cast<double>(k) * (static_cast<double>(nser) * bar + gap) + gap / 2;
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", num(left - 6),
                       num(y0 + static_cast<double>(nser) * bar / 2 + 4), html_escape(c.categories[k]));
    for (std::size_t s = 0; s < c.series.size(); ++s) {
      const auto& ser = c.series[s];
      if (k >= ser.y.size()) continue;
      const double a = V(std::min(0.0, ser.y[k])), b = V(std::max(0.0, ser.y[k]));
      const double yb = y0 + static_cast<double>(s) * bar;
      out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>)", num(a), num(yb + 1), num(std::max(b - a, 0.5)),
                         num(bar - 2), ser.colour);
      // The value at the bar's end, so a reader need not measure against the axis.
      const bool neg = ser.y[k] < 0;
      out += fmt::format(R"(<text x="{}" y="{}" font-size="10.5" text-anchor="{}" fill="#333">{}</text>)",
                         num(neg ? a - 3 : b + 3), num(yb + bar - 3), neg ? "end" : "start",
                         format_number(ser.y[k], value_decimals, c.lang));
    }
  }
  return out;
}

/// Bars standing up, one group per category (names below), with the interval as whiskers where
/// a series has one. The SVG without its closing tag.
std::string vertical_bars(const BarChart& c, const BarScale& scale) {
  const std::size_t ncat = scale.ncat, nser = scale.nser;
  double max_v = 0;
  for (double t : scale.ticks) max_v = std::max(max_v, text_width(format_number(t, scale.decimals, c.lang)));
  const double left = 28 + max_v + 8;
  const double right = 16;
  std::string body;
  const double legend_h = legend(body, c.series, left, 6, c.width - left - right, false);
  const double top = 6 + legend_h + 8;
  const double bottom = 44;
  const double height = c.height > 0 ? c.height : 320;
  const double plot_w = c.width - left - right;
  const double plot_h = height - top - bottom;
  auto V = [&](double v) { return top + (scale.hi - v) / (scale.hi - scale.lo) * plot_h; };
  std::string out = open_svg(c.width, height, c.title);
  for (double t : scale.ticks) {
    out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>)", num(left), num(V(t)), num(left + plot_w), num(V(t)),
                       t == 0.0 ? "#888" : "#e3e3e3");
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", num(left - 6), num(V(t) + 4),
                       format_number(t, scale.decimals, c.lang));
  }
  out += fmt::format(R"~(<text transform="translate(14,{}) rotate(-90)" text-anchor="middle">{}</text>)~", num(top + plot_h / 2),
                     html_escape(c.value_label));
  out += body;
  const double group_w = plot_w / static_cast<double>(std::max<std::size_t>(ncat, 1));
  const double bar = std::min(56.0, group_w * 0.7 / static_cast<double>(nser));
  for (std::size_t k = 0; k < ncat; ++k) {
    const double gx = left + static_cast<double>(k) * group_w + (group_w - bar * static_cast<double>(nser)) / 2;
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)", num(left + (static_cast<double>(k) + 0.5) * group_w),
                       num(top + plot_h + 17), html_escape(c.categories[k]));
    for (std::size_t s = 0; s < c.series.size(); ++s) {
      const auto& ser = c.series[s];
      if (k >= ser.y.size()) continue;
      const double xb = gx + static_cast<double>(s) * bar;
      const double a = V(std::max(0.0, ser.y[k])), b = V(std::min(0.0, ser.y[k]));
      out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>)", num(xb + 2), num(a), num(bar - 4),
                         num(std::max(b - a, 0.5)), ser.colour);
      if (k < ser.lo.size() && k < ser.hi.size()) {
        const double cx = xb + bar / 2;
        out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#222" stroke-width="1.4"/>)", num(cx),
                           num(V(ser.lo[k])), num(V(ser.hi[k])));
        for (double v : {ser.lo[k], ser.hi[k]}) {
          out += fmt::format(R"(<line x1="{0}" y1="{2}" x2="{1}" y2="{2}" stroke="#222" stroke-width="1.4"/>)", num(cx - 6), num(cx + 6),
                             num(V(v)));
        }
      }
    }
  }
  out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#999"/>)", num(left), num(top), num(plot_w),
                     num(plot_h));
  return out;
}

}  // namespace

std::string arm_colour(std::size_t i) {
  static const char* palette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C564B", "#000000"};
  return palette[i % (sizeof(palette) / sizeof(palette[0]))];
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!(hi > lo)) hi = lo + 1;
  const double raw = (hi - lo) / std::max(target, 1);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * mag >= raw * (1 - 1e-9)) {
      step = m * mag;
      break;
    }
  }
  std::vector<double> ticks;
  const double start = std::floor(lo / step + 1e-9) * step;
  const double end = std::ceil(hi / step - 1e-9) * step;
  for (double t = start; t <= end + step * 1e-6; t += step) ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

std::string render_line_chart(const LineChart& c) {
  const auto [xr, yr] = line_ranges(c);
  const std::vector<double> yticks = nice_ticks(yr.lo, yr.hi, 5);
  const int ydec = tick_decimals(yticks);
  std::vector<XTick> xticks = c.x_ticks;
  if (xticks.empty()) {
    for (double t : nice_ticks(xr.lo, xr.hi, 6)) xticks.push_back({t, format_number(t, tick_decimals({t, t + 1}), c.lang)});
  }
  std::string legend_svg;
  const LinePlot plot = line_plot(c, xr, yticks, ydec, legend_svg);

  std::string out = open_svg(c.width, c.height, c.title);
  line_axes(out, c, plot, yticks, ydec, xticks);
  out += legend_svg;
  line_series(out, c, plot);
  line_markers(out, c, plot);
  out += "</svg>";
  return out;
}

std::string render_bar_chart(const BarChart& c) {
  const BarScale scale = bar_scale(c);
  std::string out = c.horizontal ? horizontal_bars(c, scale) : vertical_bars(c, scale);
  out += "</svg>";
  return out;
}

}  // namespace caseflow::report
