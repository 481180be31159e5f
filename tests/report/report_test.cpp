// Tests for `caseflow report`: the numbers on the page are the numbers in budget.csv, the
// page stands alone, both languages work, and bad input gives exit status 2 naming the path.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "csv.hpp"
#include "process.hpp"
#include "report/html_report.hpp"
#include "report/report_error.hpp"
#include "report/results.hpp"

namespace fs = std::filesystem;
using namespace caseflow::report;
using caseflow::testing::parse_csv;
using Catch::Matchers::Contains;

namespace {

const fs::path kFixture = fs::path(CASEFLOW_TEST_DATA) / "report" / "results-small";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// budget.csv read independently of the module's reader: (arm, year) -> column -> value.
std::map<std::pair<std::string, std::string>, std::map<std::string, double>> read_budget(const fs::path& p) {
  const auto rows = parse_csv(slurp(p));
  REQUIRE(!rows.empty());
  const std::vector<std::string>& header = rows.front();
  std::map<std::pair<std::string, std::string>, std::map<std::string, double>> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& f = rows[r];
    if (f.size() == 1 && f[0].empty()) continue;
    auto& row = out[{f[0], f[1]}];
    for (std::size_t i = 2; i < f.size(); ++i) {
      if (!f[i].empty()) row[header[i]] = std::stod(f[i]);
    }
  }
  return out;
}

/// A number as displayed ("−1.234", "25 %", "1,234") back to a double.
double parse_shown(const std::string& s, Lang lang) {
  const std::string minus = "\u2212";
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (s.compare(i, minus.size(), minus) == 0) {
      out.push_back('-');
      i += minus.size() - 1;
    } else if (c == (lang == Lang::da ? '.' : ',')) {
      continue;  // thousands separator
    } else if (c == (lang == Lang::da ? ',' : '.')) {
      out.push_back('.');
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      out.push_back(c);
    }
  }
  REQUIRE_FALSE(out.empty());
  return std::stod(out);
}

/// "A til B" / "A to B" -> the two numbers.
std::pair<double, double> parse_interval(const std::string& s, Lang lang) {
  const std::string sep = lang == Lang::da ? " til " : " to ";
  const auto p = s.find(sep);
  REQUIRE(p != std::string::npos);
  return {parse_shown(s.substr(0, p), lang), parse_shown(s.substr(p + sep.size()), lang)};
}

struct Cell {
  std::string arm, year, field, text;
};

std::vector<Cell> budget_cells(const std::string& html) {
  static const std::regex cell_re(R"re(<td class="n" data-arm="([^"]*)" data-year="([^"]*)" data-field="([^"]*)">([^<]*)</td>)re");
  std::vector<Cell> cells;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), cell_re); it != std::sregex_iterator(); ++it) {
    cells.push_back({(*it)[1], (*it)[2], (*it)[3], (*it)[4]});
  }
  return cells;
}

/// Checks every budget cell on the page against budget.csv; returns how many were checked.
std::size_t check_budget_cells(const std::string& html, Lang lang, const fs::path& dir = kFixture) {
  const auto budget = read_budget(dir / "budget.csv");
  const auto cells = budget_cells(html);
  // Whole thousands of DKK and whole percents and persons: half a display unit either side.
  const double tol_k = 0.5 + 1e-9, tol_pct = 0.5 + 1e-9;
  for (const auto& c : cells) {
    INFO(c.arm << " " << c.year << " " << c.field << " shows '" << c.text << "'");
    REQUIRE(budget.count({c.arm, c.year}) == 1);
    const auto& row = budget.at({c.arm, c.year});
    if (c.field == "intervention_cost" || c.field == "net" || c.field == "benefit_municipal") {
      CHECK(std::fabs(parse_shown(c.text, lang) - row.at(c.field) / 1000) <= tol_k);
    } else if (c.field == "financing") {  // income: negative
      CHECK(std::fabs(parse_shown(c.text, lang) + row.at("financing") / 1000) <= tol_k);
    } else if (c.field == "savings") {  // shown as a reduction of expenditure: negative
      CHECK(std::fabs(parse_shown(c.text, lang) + row.at("savings") / 1000) <= tol_k);
    } else if (c.field == "savings_interval") {
      const auto [lo, hi] = parse_interval(c.text, lang);
      CHECK(std::fabs(lo + row.at("savings_hi") / 1000) <= tol_k);
      CHECK(std::fabs(hi + row.at("savings_lo") / 1000) <= tol_k);
    } else if (c.field == "net_interval") {
      const auto [lo, hi] = parse_interval(c.text, lang);
      CHECK(std::fabs(lo - row.at("net_lo") / 1000) <= tol_k);
      CHECK(std::fabs(hi - row.at("net_hi") / 1000) <= tol_k);
    } else if (c.field == "p_net_saving") {
      CHECK(std::fabs(parse_shown(c.text, lang) - 100 * row.at("p_net_saving")) <= tol_pct);
    } else if (c.field == "fte_on_benefit" && c.year == "total") {  // persons: the mean over the years, not the sum
      double sum = 0;
      int n = 0;
      for (const auto& [key, r] : budget) {
        if (key.first == c.arm && key.second != "total") sum += r.at("fte_on_benefit"), ++n;
      }
      CHECK(std::fabs(parse_shown(c.text, lang) - sum / n) <= 0.5 + 1e-9);
    } else if (c.field == "fte_on_benefit") {
      CHECK(std::fabs(parse_shown(c.text, lang) - row.at("fte_on_benefit")) <= 0.5 + 1e-9);
    } else {
      FAIL("unexpected data-field " << c.field);
    }
  }
  return cells.size();
}

/// `caseflow ARGS` through the tests' one subprocess helper (tests/support/process.hpp).
caseflow::testing::Outcome run_cli(const std::vector<std::string>& args) {
  const caseflow::testing::TempDir logs("report-test");
  return caseflow::testing::run_caseflow(args, logs.path());
}

/// A fresh copy of the fixture in a temporary folder (removed when the test ends).
struct FixtureCopy {
  fs::path dir;
  explicit FixtureCopy(const std::string& tag) {
    dir = fs::temp_directory_path() / ("caseflow-report-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::copy(kFixture, dir, fs::copy_options::recursive);
  }
  ~FixtureCopy() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

}  // namespace

TEST_CASE("Every budget number in the Danish report equals budget.csv as rounded on the page", "[report]") {
  const std::string html = render_report(load_results(kFixture), Lang::da);
  // jobformidlere: 6 fields x 3 columns (2025, 2026, total) in the budget table, plus the
  // caseload table: 2 arms x 2 fields x 3 columns.
  CHECK(check_budget_cells(html, Lang::da) == 6 * 3 + 4 * 3);
  // The table reads as an annex: Investering + Besparelse = Total for the whole period.
  CHECK_THAT(html, Contains(R"(data-field="intervention_cost">2.080</td>)"));
  CHECK_THAT(html, Contains(R"(data-field="savings">)" "-2.426</td>"));
  CHECK_THAT(html, Contains(R"(data-field="net">)" "-346</td>"));
}

TEST_CASE("Every budget number in the English report equals budget.csv as rounded on the page", "[report]") {
  const std::string html = render_report(load_results(kFixture), Lang::en);
  CHECK(check_budget_cells(html, Lang::en) == 6 * 3 + 4 * 3);
  CHECK_THAT(html, Contains(R"(data-field="intervention_cost">2,080</td>)"));
}

TEST_CASE("A financed intervention's budget table shows the financing, and its lines add up to Total", "[report]") {
  // The fixture's budget.csv with a financing column: jobformidlere gets a grant of 832,000 DKK
  // a year (80 % of its 1,040,000 staff cost), and its net falls by as much; the baseline has none.
  FixtureCopy copy("financing");
  auto rows = parse_csv(slurp(copy.dir / "budget.csv"));
  const auto column = [&](const std::string& name) {
    const auto at = std::find(rows[0].begin(), rows[0].end(), name);
    REQUIRE(at != rows[0].end());
    return static_cast<std::size_t>(at - rows[0].begin());
  };
  const std::size_t c_net = column("net"), c_lo = column("net_lo"), c_hi = column("net_hi");
  std::ostringstream csv;
  csv << std::setprecision(12);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto& f = rows[r];
    if (f.size() == 1 && f[0].empty()) continue;
    double financing = 0;
    if (r > 0 && f[0] == "jobformidlere") financing = f[1] == "total" ? 2 * 832000.0 : 832000.0;
    if (r > 0) {
      for (std::size_t c : {c_net, c_lo, c_hi}) f[c] = std::to_string(std::stod(f[c]) - financing);
    }
    for (const auto& cell : f) csv << cell << ',';
    csv << (r == 0 ? std::string("financing") : std::to_string(financing)) << '\n';
  }
  std::ofstream(copy.dir / "budget.csv", std::ios::binary) << csv.str();

  for (Lang lang : {Lang::da, Lang::en}) {
    const std::string html = render_report(load_results(copy.dir), lang);
    // One more row of 3 columns than without financing; every cell equals budget.csv.
    CHECK(check_budget_cells(html, lang, copy.dir) == 7 * 3 + 4 * 3);
    CHECK_THAT(html, Contains(lang == Lang::da ? "<td>Finansiering</td>" : "<td>Financing</td>"));
  }
  const std::string html = render_report(load_results(copy.dir), Lang::da);
  // By hand, whole period (1,000 DKK): 2,080 investment − 1,664 grant − 2,426 savings = −2,010.
  CHECK_THAT(html, Contains(R"(data-field="financing">-1.664</td>)"));
  CHECK_THAT(html, Contains(R"(data-field="net">-2.010</td>)"));
  // An intervention without financing gets no such row (the fixture as it is).
  CHECK_THAT(render_report(load_results(kFixture), Lang::da), !Contains("Finansiering"));
}

TEST_CASE("An intervention without an investment is not said to pay it back", "[report]") {
  // Found by a new user: a reorganisation that costs nothing was "tjent hjem i 2020". The
  // fixture's jobformidlere with intervention_cost 0 in every row (its nets are left as they are:
  // their running sum still falls below zero, which used to give a pay-back year).
  FixtureCopy copy("no_investment");
  auto rows = parse_csv(slurp(copy.dir / "budget.csv"));
  const auto at = std::find(rows[0].begin(), rows[0].end(), "intervention_cost");
  REQUIRE(at != rows[0].end());
  const auto c_cost = static_cast<std::size_t>(at - rows[0].begin());
  std::ostringstream csv;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto& f = rows[r];
    if (f.size() == 1 && f[0].empty()) continue;
    if (r > 0 && f[0] == "jobformidlere") f[c_cost] = "0";
    for (std::size_t c = 0; c < f.size(); ++c) csv << (c ? "," : "") << f[c];
    csv << '\n';
  }
  std::ofstream(copy.dir / "budget.csv", std::ios::binary) << csv.str();
  const std::string before = render_report(load_results(kFixture), Lang::da);
  CHECK_THAT(before, Contains(": tjent hjem i "));
  const std::string html = render_report(load_results(copy.dir), Lang::da);
  CHECK_THAT(html, Contains(R"(<div class="big">ingen investering</div>)"));
  CHECK_THAT(html, Contains("Indsatsen kræver ingen investering, så der er intet at tjene hjem."));
  CHECK_THAT(html, !Contains(": tjent hjem i "));
  CHECK_THAT(render_report(load_results(copy.dir), Lang::en), Contains("The intervention needs no investment, so there is nothing to pay back."));
}

TEST_CASE("No number cell in a budget table is left without its budget.csv column", "[report]") {
  const std::string html = render_report(load_results(kFixture), Lang::da);
  static const std::regex table_re(R"(<table class="budget"[\s\S]*?</table>)");
  std::size_t tables = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), table_re); it != std::sregex_iterator(); ++it) {
    ++tables;
    const std::string t = it->str();
    std::size_t numeric = 0, pos = 0;
    while ((pos = t.find("<td class=\"n\"", pos)) != std::string::npos) {
      ++numeric;
      const std::string labelled_prefix = "<td class=\"n\" data-arm=\"";
      const bool labelled = t.compare(pos, labelled_prefix.size(), labelled_prefix) == 0;
      CHECK(labelled);
      ++pos;
    }
    CHECK(numeric > 0);
  }
  CHECK(tables == 2);
}

TEST_CASE("The report page loads nothing from outside itself", "[report]") {
  for (Lang lang : {Lang::da, Lang::en}) {
    const std::string html = render_report(load_results(kFixture), lang);
    CHECK(html.find("http") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    // The charts are there, inline: net per year, cumulative, 3 states, flows, queues.
    std::size_t svgs = 0;
    for (std::size_t p = 0; (p = html.find("<svg", p)) != std::string::npos; ++p) ++svgs;
    CHECK(svgs == 7);
  }
}

TEST_CASE("The report is Danish by default and English with --lang en", "[report]") {
  const std::string da = render_report(load_results(kFixture), Lang::da);
  CHECK_THAT(da, Contains("<html lang=\"da\">"));
  CHECK_THAT(da, Contains("<h2>Spørgsmålet</h2>"));
  CHECK_THAT(da, Contains("Besparelse på forsørgelse"));
  CHECK_THAT(da, Contains("<h2>Antagelser</h2>"));
  const std::string en = render_report(load_results(kFixture), Lang::en);
  CHECK_THAT(en, Contains("<html lang=\"en\">"));
  CHECK_THAT(en, Contains("<h2>The question</h2>"));
  CHECK_THAT(en, Contains("<h2>Budget</h2>"));
  CHECK_THAT(en, Contains("Savings on benefits"));
  CHECK_THAT(en, Contains("<h2>Assumptions</h2>"));
  CHECK_THAT(en, Contains("<h2>Uncertainty – how to read the numbers</h2>"));
  CHECK(en.find("Besparelse") == std::string::npos);
  CHECK(en.find("Spørgsmålet") == std::string::npos);
}

TEST_CASE("The report marks the payback year and the chance of having paid back by each year", "[report]") {
  // Fixture: cumulative mean net is +125 thousand after 2025 and -346 after 2026. From
  // replications.csv, 2 of 8 replications are below zero after 2025 and 8 of 8 after 2026.
  const std::string html = render_report(load_results(kFixture), Lang::da);
  CHECK_THAT(html, Contains("jobformidlere: tjent hjem i 2026"));
  CHECK_THAT(html, Contains("I gennemsnit er investeringen tjent hjem ved udgangen af 2026."));
  CHECK_THAT(html, Contains("<tr><td>jobformidlere</td><td class=\"n\">25\u00a0%</td><td class=\"n\">100\u00a0%</td></tr>"));
}

TEST_CASE("Without budget.csv's cumulative columns the report derives the same payback from replications.csv", "[report]") {
  FixtureCopy copy("nocumulative");
  // Keep only the contract's 13 columns.
  std::istringstream in(slurp(kFixture / "budget.csv"));
  std::ofstream out(copy.dir / "budget.csv", std::ios::binary | std::ios::trunc);
  for (std::string line; std::getline(in, line);) {
    std::size_t pos = 0;
    for (int k = 0; k < 13 && pos != std::string::npos; ++k) pos = line.find(',', pos + (k > 0 ? 1 : 0));
    out << line.substr(0, pos) << '\n';
  }
  out.close();
  // Everything but the technical section (which names the folder) is identical.
  auto body = [](const std::string& html) { return html.substr(0, html.find("<h2>Teknisk</h2>")); };
  const std::string derived = render_report(load_results(copy.dir), Lang::da);
  CHECK_THAT(derived, Contains("jobformidlere: tjent hjem i 2026"));
  CHECK(body(derived) == body(render_report(load_results(kFixture), Lang::da)));
}

TEST_CASE("The report shows every assumption that differs and explains the uncertainty in words", "[report]") {
  const std::string html = render_report(load_results(kFixture), Lang::da);
  CHECK_THAT(html, Contains("<code>pools.jobformidlere.caseload_per_fte</code></td><td class=\"n\">(ikke sat)</td><td class=\"n\">35</td>"));
  CHECK_THAT(html, Contains("<code>effects[0].multiplier (jobparat -&gt; job)</code></td><td class=\"n\">1</td><td class=\"n\">1,3</td>"));
  CHECK_THAT(html, Contains("<code>costs[0].per_year (2 jobformidlere)</code></td><td class=\"n\">0</td><td class=\"n\">1.040.000</td>"));
  CHECK_THAT(html, Contains("<td class=\"n\">{min: 2, max: 2}</td>"));
  CHECK_THAT(html, Contains("Tallene bygger på 8 simuleringer."));
  CHECK_THAT(html, Contains("I 95 ud af 100 simuleringer lå det mellem -700 og -29 t.kr."));
  CHECK_THAT(html, Contains("to jobformidlere til borgere, der har været ledige et år eller mere"));
}

TEST_CASE("A results folder without the optional files still gives a report that says what is missing", "[report]") {
  FixtureCopy copy("optional");
  for (const char* f : {"queues.csv", "assumptions.csv", "impact.csv", "arms.csv"}) fs::remove(copy.dir / f);
  const std::string html = render_report(load_results(copy.dir), Lang::en);
  CHECK_THAT(html, Contains("The results folder has no queues.csv"));
  CHECK_THAT(html, Contains("The results folder has no assumptions.csv"));
  CHECK(check_budget_cells(html, Lang::en) == 6 * 3 + 4 * 3);
}

TEST_CASE("An empty queues.csv (a scenario without pools or places) is said to be empty, not missing", "[report]") {
  // Found by a new user: the report said the file was missing although it was there.
  FixtureCopy copy("empty_queues");
  {
    std::ifstream in(copy.dir / "queues.csv");
    std::string header;
    std::getline(in, header);
    in.close();
    std::ofstream(copy.dir / "queues.csv", std::ios::trunc) << header << "\n";
  }
  const std::string html = render_report(load_results(copy.dir), Lang::da);
  CHECK_THAT(html, Contains("Scenariet har ingen medarbejderpuljer eller pladser (queues.csv er tom)"));
  CHECK_THAT(html, !Contains("indeholder ingen queues.csv"));
}

TEST_CASE("caseflow report writes RESULTS_DIR/report.html atomically and --out elsewhere", "[report]") {
  FixtureCopy copy("cli");
  auto r = run_cli({"report", copy.dir.string()});
  REQUIRE(r.status() == 0);
  CHECK(fs::exists(copy.dir / "report.html"));
  CHECK_FALSE(fs::exists(copy.dir / "report.html.tmp"));
  CHECK_THAT(slurp(copy.dir / "report.html"), Contains("<html lang=\"da\">"));
  r = run_cli({"report", copy.dir.string(), "--lang", "en", "--out", (copy.dir / "en.html").string()});
  REQUIRE(r.status() == 0);
  CHECK_THAT(slurp(copy.dir / "en.html"), Contains("<html lang=\"en\">"));
  // Same input, same bytes: the page carries no clock of its own.
  CHECK(slurp(copy.dir / "en.html") == render_report(load_results(copy.dir), Lang::en));
}

TEST_CASE("A missing results folder gives exit status 2 and a message naming the path", "[report]") {
  const fs::path missing = fs::temp_directory_path() / "caseflow-no-such-results-folder";
  fs::remove_all(missing);
  const auto r = run_cli({"report", missing.string()});
  CHECK(r.status() == 2);
  CHECK_THAT(r.err, Contains(missing.string() + ": error: no such results folder"));
  REQUIRE_THROWS_WITH(load_results(missing), Contains(missing.string()));
}

TEST_CASE("A results folder without budget.csv gives exit status 2 naming the file", "[report]") {
  FixtureCopy copy("nobudget");
  fs::remove(copy.dir / "budget.csv");
  const auto r = run_cli({"report", copy.dir.string()});
  CHECK(r.status() == 2);
  CHECK_THAT(r.err, Contains((copy.dir / "budget.csv").string() + ": error: cannot open file"));
  CHECK_FALSE(fs::exists(copy.dir / "report.html"));
}

TEST_CASE("An unknown --lang is a usage error with exit status 2", "[report]") {
  const auto r = run_cli({"report", kFixture.string(), "--lang", "fr", "--out", "/dev/null"});
  CHECK(r.status() == 2);
  CHECK_THAT(r.err, Contains("--lang"));
}

TEST_CASE("The report shows participants, outcomes with and without, deadweight and the savings split when impact.csv has them",
          "[report]") {
  FixtureCopy copy("participants");
  {
    std::ofstream out(copy.dir / "impact.csv");
    out << "arm,treated,left_benefits,left_in_baseline_too,extra_exits_to_self_support,deadweight_share,exits_to_self_support,"
           "citizens,events,participants,followed_26w,self_supporting_26w_with,self_supporting_26w_without,deadweight_26w,"
           "followed_52w,self_supporting_52w_with,self_supporting_52w_without,deadweight_52w,savings,savings_earlier_exit,"
           "savings_would_not_have_left,savings_non_participants,savings_lock_in\n"
           "jobformidlere,131.5,74.25,52.5,21.75,0.7,900,5000,90000,1234,1200,0.36,0.25,0.6944,0,0,0,0,"
           "13983055.48,7314327.11,6498132.20,667082.96,-496486.79\n";
  }
  const std::string da = render_report(load_results(copy.dir), Lang::da);
  CHECK_THAT(da, Contains("Deltagere er borgere, der faktisk fik indsatsen"));
  CHECK_THAT(da, Contains("<td>jobformidlere</td><td class=\"n\">1.234</td><td class=\"n\">36 %</td><td class=\"n\">25 %</td>"
                          "<td class=\"n\">69 %</td><td class=\"n\">perioden for kort</td>"));
  CHECK_THAT(da, Contains("Hvor besparelsen kommer fra"));
  CHECK_THAT(da, Contains("<td class=\"n\">13.983</td><td class=\"n\">7.314</td><td class=\"n\">6.498</td><td class=\"n\">667</td>"
                          "<td class=\"n\">-496</td>"));
  CHECK_THAT(da, !Contains("giver ingen besparelse"));
  const std::string en = render_report(load_results(copy.dir), Lang::en);
  CHECK_THAT(en, Contains("Where the savings come from"));
}

TEST_CASE("The report names arms and states by their labels and shows each assumption's source", "[report][labels]") {
  FixtureCopy copy("labels");
  std::ofstream(copy.dir / "labels.csv", std::ios::binary | std::ios::trunc)
      << "kind,name,label\narm,baseline,Uden indsats\narm,jobformidlere,To jobformidlere\nstate,jobparat,Jobparat ledig\n";
  std::ofstream(copy.dir / "arms.csv", std::ios::binary | std::ios::trunc)
      << "arm,description,start,end,label\nbaseline,,2025-01-01,2026-12-31,Uden indsats\n"
         "jobformidlere,to jobformidlere,2025-01-01,2026-12-31,To jobformidlere\n";
  std::ofstream(copy.dir / "assumptions.csv", std::ios::binary | std::ios::trunc)
      << "arm,parameter,baseline,value,label,source,assumption\n"
         "jobformidlere,pools.jobformidlere.fte,,2,Jobformidlere: årsværk,Budget 2025,false\n"
         "jobformidlere,interventions.jobformidlere.effects[0].multiplier,1,1.3,Effekt: multiplikator,Skøn,true\n"
         "jobformidlere,benefits.kontanthjaelp.weekly_rate,2630,3000,Ydelse Kontanthjælp: sats pr. uge,,\n";
  const std::string html = render_report(load_results(copy.dir), Lang::da);
  CHECK_THAT(html, Contains("<h3 style=\"color:#0072B2\">To jobformidlere</h3>"));
  CHECK_THAT(html, Contains("Jobparat ledig"));
  CHECK_THAT(html, Contains("Uden indsats"));
  CHECK_THAT(html, !Contains("Grundforløb"));
  CHECK_THAT(html, Contains("Jobformidlere: årsværk<br><code class=\"path\">pools.jobformidlere.fte</code>"));
  CHECK_THAT(html, Contains("<span class=\"assumed\">Antagelse:</span> Skøn"));
  CHECK_THAT(html, Contains("<td class=\"n\">2.630</td><td class=\"n\">3.000</td><td><span class=\"nosource\">ingen kilde angivet</span>"));
  CHECK_THAT(html, !Contains("\u2212"));  // ASCII minus: tables copy into spreadsheets
}
