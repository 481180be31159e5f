#pragma once
/// @file svg_chart.hpp
/// Line and bar charts drawn as inline SVG text, so the report needs no script, stylesheet
/// or network: the page is one file a committee secretary can mail or print.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "report/format.hpp"

namespace caseflow::report {

/// One series: points (x, y) for a line, or one value per category for bars. `lo`/`hi` are
/// either empty or as long as `y`: a shaded band for lines, whiskers for bars.
struct ChartSeries {
  std::string label;
  std::string colour;  ///< CSS colour, e.g. "#0072B2"
  std::vector<double> x, y, lo, hi;
  bool dashed = false;
  bool points = false;  ///< draw a dot at each point (few points, e.g. one per year)
};

/// A labelled tick on the x axis (e.g. a year at its 1 January).
struct XTick {
  double x = 0;
  std::string label;
};

/// A vertical marker line with a label (e.g. the payback year); labels get their own lines
/// above the plot, so they never sit on the data or on each other.
struct ChartMarker {
  double x = 0;
  std::string label;
  std::string colour;
};

/// A line chart with optional bands and markers.
struct LineChart {
  std::string title;  ///< for screen readers (<title>); the visible caption is the page's
  std::string x_label, y_label;
  std::vector<ChartSeries> series;
  std::vector<XTick> x_ticks;  ///< empty: round numbers chosen from the data
  std::vector<double> x_minor;  ///< light grid lines without labels
  std::vector<ChartMarker> markers;
  bool include_zero = false;  ///< stretch the y axis to 0 (money), or fit the data (counts)
  std::optional<std::pair<double, double>> y_range;  ///< fixed y data range, so panels side by side compare
  double x_pad = 0;             ///< room either side of the data, in x units (half a year for yearly points)
  bool stacked_legend = false;  ///< one legend entry per line, so panels side by side stay aligned
  int width = 620;
  int height = 320;
  Lang lang = Lang::da;
};

/// Grouped bars: one group per category, one bar per series, optional whiskers.
struct BarChart {
  std::string title;
  std::string value_label;
  std::vector<std::string> categories;
  std::vector<ChartSeries> series;  ///< `y[i]` is the value for categories[i]
  bool horizontal = false;          ///< long category names read better down the side
  int width = 620;
  int height = 0;  ///< 0: from the number of bars
  Lang lang = Lang::da;
};

/// Round tick values covering [lo, hi], about `target` of them.
std::vector<double> nice_ticks(double lo, double hi, int target);

/// The chart as an `<svg>` element.
std::string render_line_chart(const LineChart& chart);
/// The chart as an `<svg>` element.
std::string render_bar_chart(const BarChart& chart);

/// Colour for the i-th intervention (Okabe–Ito, readable for colour-blind readers); the
/// baseline is always grey.
std::string arm_colour(std::size_t intervention_index);
inline constexpr const char* kBaselineColour = "#6b6b6b";

}  // namespace caseflow::report
