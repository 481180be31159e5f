#include "report/format.hpp"

#include <cmath>

#include <fmt/format.h>

namespace caseflow::report {

std::optional<Lang> parse_lang(std::string_view code) {
  if (code == "da") return Lang::da;
  if (code == "en") return Lang::en;
  return std::nullopt;
}

std::string format_number(double v, int decimals, Lang lang) {
  const double scale = std::pow(10.0, decimals);
  double r = std::round(v * scale) / scale;
  if (r == 0.0) r = 0.0;  // turns -0 into 0
  const bool negative = r < 0;
  std::string digits = fmt::format("{:.{}f}", std::fabs(r), decimals);
  std::string int_part = digits;
  std::string frac;
  if (auto dot = digits.find('.'); dot != std::string::npos) {
    int_part = digits.substr(0, dot);
    frac = digits.substr(dot + 1);
  }
  const char thousands = lang == Lang::da ? '.' : ',';
  const char decimal = lang == Lang::da ? ',' : '.';
  std::string grouped;
  const std::size_t n = int_part.size();
  for (std::size_t i = 0; i < n; ++i) {
    grouped.push_back(int_part[i]);
    const std::size_t left = n - 1 - i;
    if (left > 0 && left % 3 == 0) grouped.push_back(thousands);
  }
  std::string out = negative ? "-" : "";  // ASCII hyphen-minus: copies into spreadsheets and Python as a minus
  out += grouped;
  if (!frac.empty()) {
    out.push_back(decimal);
    out += frac;
  }
  return out;
}

std::string format_thousands_dkk(double dkk, Lang lang) { return format_number(dkk / 1000.0, 0, lang); }

std::string format_percent(double share, Lang lang) {
  return format_number(share * 100.0, 0, lang) + (lang == Lang::da ? "\u00a0%" : "%");
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace caseflow::report
