/// @file html_report.cpp
/// The page's frame: the document head with its inline style, the order of the sections (each
/// in its file, see page.hpp), the helpers the sections share, the technical facts at the end,
/// and the public entry points: render_report (a string) and write_report (the results folder
/// loaded by results.hpp, the page written by files/atomic_file.hpp).
#include "report/html_report.hpp"

#include <string>

#include <fmt/format.h>

#include "files/atomic_file.hpp"
#include "report/page.hpp"
#include "report/report_error.hpp"
#include "report/svg_chart.hpp"

namespace caseflow::report {

namespace html {
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

}  // namespace

std::string esc(const std::string& s) { return html_escape(s); }

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

Page::Page(const Results& r, Lang lang) : r_(r), lang_(lang), t_(report_text(lang)) {
  std::size_t k = 0;
  for (const auto& a : r_.arms) colour_[a.name] = a.name == kBaseline ? kBaselineColour : arm_colour(k++);
}

std::string Page::render() {
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

std::string Page::year_range() const {
  if (r_.years.empty()) return "";
  return fmt::format("{}–{}", r_.years.front(), r_.years.back());
}

void Page::figure(const std::string& svg, const char* caption) {
  out_ += fmt::format("<figure>\n<figcaption>{}</figcaption>\n{}\n</figure>\n", esc(caption), svg);
}

std::string Page::state_name(const std::string& name) const { return name == "inflow" ? t_.inflow_name : r_.label("state", name); }

std::string Page::resource_name(const std::string& name) const {
  const std::string pool = r_.label("pool", name);
  return pool != name ? pool : r_.label("slot", name);
}

void Page::technical() {
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

}  // namespace html

std::string render_report(const Results& results, Lang lang) { return html::Page(results, lang).render(); }

std::filesystem::path write_report(const ReportOptions& options) {
  const Results results = load_results(options.results_dir);
  const std::filesystem::path out = options.out.empty() ? options.results_dir / "report.html" : options.out;
  const std::string page = render_report(results, options.lang);

  // Atomic: a reader (or a browser refreshing) never sees half a page; no symlink is followed.
  try {
    files::write_file_atomically(out, page);
  } catch (const std::runtime_error& e) {
    throw InputError(error_line(out.string(), 0, 0, e.what()));
  }
  return out;
}

}  // namespace caseflow::report
