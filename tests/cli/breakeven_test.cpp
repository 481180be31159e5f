// `caseflow breakeven` on a scenario whose break-even values are known: a cost linear in the
// parameter against savings that do not depend on it, and a hazard multiplier whose savings have
// a closed form (tests/data/model/two_state_savings.yaml).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "csv.hpp"
#include "process.hpp"

using namespace caseflow::testing;
namespace fs = std::filesystem;

namespace {

const std::string kScenario = (fs::path(CASEFLOW_TEST_DATA) / "model" / "two_state_savings.yaml").string();

/// The rows of `file` as maps from column name to text.
std::vector<std::map<std::string, std::string>> read_rows(const fs::path& file) {
  const auto rows = parse_csv(read_text(file));
  std::vector<std::map<std::string, std::string>> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    std::map<std::string, std::string> m;
    for (std::size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c) m[rows[0][c]] = rows[r][c];
    out.push_back(m);
  }
  return out;
}

double type7(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

void require_ok(const Outcome& o) {
  INFO("stdout: " << o.out << "\nstderr: " << o.err);
  REQUIRE(o.signal == 0);
  REQUIRE(o.exit_status == 0);
}

}  // namespace

TEST_CASE("caseflow breakeven: a cost linear in the parameter breaks even at half the savings of two full years",
          "[cli][breakeven]") {
  TempDir tmp("breakeven-cost");
  const fs::path out = tmp.path() / "r";
  require_ok(run_caseflow({"run", kScenario, "--arms", "indsats", "--replications", "12", "--seed", "3", "--out", out.string(), "--quiet"},
                          tmp.path() / "log-run"));
  double savings_total = 0.0;
  std::map<std::string, double> savings_by_year;
  for (const auto& row : read_rows(out / "budget.csv")) {
    if (row.at("arm") != "indsats") continue;
    savings_by_year[row.at("year")] = std::stod(row.at("savings"));
    if (row.at("year") == "total") savings_total = std::stod(row.at("savings"));
  }
  std::vector<double> half_savings;  // each replication's own root: its savings / 2
  for (const auto& row : read_rows(out / "replications.csv")) {
    if (row.at("arm") == "indsats" && row.at("year") == "total") half_savings.push_back(std::stod(row.at("savings")) / 2.0);
  }
  REQUIRE(half_savings.size() == 12);
  const Outcome o = run_caseflow({"breakeven", kScenario, "--arm", "indsats", "--parameter", "interventions.indsats.costs[0].per_year",
                                  "--replications", "12", "--seed", "3", "--out", out.string(), "--quiet"},
                                 tmp.path() / "log-be");
  require_ok(o);
  // Two whole calendar years at `per_year` each: net = 2 c - savings, zero at c = savings / 2;
  // in one year, net = c - that year's savings.
  bool seen_total = false;
  for (const auto& row : read_rows(out / "breakeven.csv")) {
    INFO(row.at("year"));
    CHECK(row.at("arm") == "indsats");
    CHECK(std::stod(row.at("scenario_value")) == 100000.0);
    if (row.at("year") == "total") {
      seen_total = true;
      CHECK(std::stod(row.at("breakeven")) == Approx(savings_total / 2.0).epsilon(1e-6));
      CHECK(std::stod(row.at("breakeven_lo")) == Approx(type7(half_savings, 0.025)).epsilon(1e-6));
      CHECK(std::stod(row.at("breakeven_hi")) == Approx(type7(half_savings, 0.975)).epsilon(1e-6));
      CHECK(row.at("replications_with_root") == "12");
      CHECK(row.at("net_falls_with_parameter") == "false");  // a higher cost: a higher net
    } else {
      CHECK(std::stod(row.at("breakeven")) == Approx(savings_by_year.at(row.at("year"))).epsilon(1e-6));
    }
  }
  CHECK(seen_total);
  CHECK_THAT(o.out, Catch::Contains("Indsatsen betaler sig selv over hele perioden 2025–2026, hvis"));
  CHECK_THAT(o.out, Catch::Contains("højst"));
  CHECK_THAT(o.out, Catch::Contains("Scenariet antager interventions.indsats.costs[0].per_year = 100.000."));
  // The report of the folder shows it.
  require_ok(run_caseflow({"report", out.string()}, tmp.path() / "log-report"));
  CHECK_THAT(read_text(out / "report.html"), Catch::Contains("Hvornår betaler indsatsen sig?"));
}

TEST_CASE("caseflow breakeven: a hazard multiplier against its closed form, and the value the municipality's estimate implies",
          "[cli][breakeven]") {
  TempDir tmp("breakeven-effect");
  const fs::path out = tmp.path() / "r";
  // Savings of 2,000 citizens leaving at 0.02 m a week instead of 0.02, 500 DKK a week each, over
  // the horizon H: S(m) = 500 * 2000 * ((1 - e^{-0.02 H}) / 0.02 - (1 - e^{-0.02 m H}) / (0.02 m)).
  // The cost is 200,000 over the two years; the break-even m solves S(m) = 200,000.
  const double horizon = 730.0 / 7.0;
  const auto s = [&](double m) {
    return 500.0 * 2000.0 * ((1.0 - std::exp(-0.02 * horizon)) / 0.02 - (1.0 - std::exp(-0.02 * m * horizon)) / (0.02 * m));
  };
  double lo = 1.0, hi = 3.0;
  for (int i = 0; i < 100; ++i) {
    const double mid = 0.5 * (lo + hi);
    (s(mid) < 200000.0 ? lo : hi) = mid;
  }
  const double expected = 0.5 * (lo + hi);
  // The municipality states the savings the closed form gives at m = 1.5, split over the years.
  const double stated = s(1.5);
  const std::string set_stated =
      "interventions.indsats.stated_savings={2025: " + std::to_string(0.4 * stated) + ", 2026: " + std::to_string(0.6 * stated) + "}";
  const Outcome o = run_caseflow({"breakeven", kScenario, "--arm", "indsats", "--parameter", "interventions.indsats.effects[0].multiplier",
                                  "--replications", "40", "--set", set_stated, "--out", out.string(), "--quiet"},
                                 tmp.path() / "log");
  require_ok(o);
  const auto rows = read_rows(out / "breakeven.csv");
  const auto total = std::find_if(rows.begin(), rows.end(), [](const auto& r) { return r.at("year") == "total"; });
  REQUIRE(total != rows.end());
  const double found = std::stod(total->at("breakeven"));
  INFO("break-even " << found << " (" << total->at("breakeven_lo") << " to " << total->at("breakeven_hi") << "), closed form " << expected
                     << "; stated implies " << total->at("stated_implies"));
  CHECK(std::fabs(found - expected) < 0.02);
  CHECK(std::stod(total->at("breakeven_lo")) < expected);
  CHECK(std::stod(total->at("breakeven_hi")) > expected);
  CHECK(total->at("net_falls_with_parameter") == "true");
  CHECK(std::stod(total->at("stated_savings")) == Approx(stated).epsilon(1e-6));
  CHECK(std::fabs(std::stod(total->at("stated_implies")) - 1.5) < 0.03);
  CHECK_THAT(o.out, Catch::Contains("mindst"));
  CHECK_THAT(o.out, Catch::Contains("Kommunens eget skøn over besparelsen"));
  CHECK_THAT(o.out, Catch::Contains("Scenariet antager interventions.indsats.effects[0].multiplier = 1,5."));
}

TEST_CASE("caseflow breakeven: a path that is not a number in the scenario is a located usage error", "[cli][breakeven]") {
  TempDir tmp("breakeven-bad");
  const Outcome o = run_caseflow({"breakeven", kScenario, "--arm", "indsats", "--parameter", "interventions.indsats.effects[0].multiplyer",
                                  "--out", (tmp.path() / "r").string(), "--quiet"},
                                 tmp.path() / "log");
  CHECK(o.exit_status == 2);
  CHECK_THAT(o.err, Catch::Contains("interventions.indsats.effects[0].multiplyer"));
  CHECK_FALSE(fs::exists(tmp.path() / "r" / "breakeven.csv"));
}

TEST_CASE("caseflow breakeven without --seed runs with the scenario file's seed", "[cli][breakeven]") {
  // The file says seed 11. --seed used to default to -1, which became 2^64 - 1 on its way into
  // the seed, so a breakeven without --seed ran other citizens than `run` without --seed.
  TempDir tmp("breakeven-seed");
  const auto breakeven = [&](const std::vector<std::string>& seed, const std::string& name) {
    std::vector<std::string> args = {"breakeven", kScenario, "--arm", "indsats", "--parameter", "interventions.indsats.costs[0].per_year",
                                     "--replications", "6", "--out", (tmp.path() / name).string(), "--quiet"};
    args.insert(args.end(), seed.begin(), seed.end());
    require_ok(run_caseflow(args, tmp.path() / ("log-" + name)));
    return read_text(tmp.path() / name / "breakeven.csv");
  };
  const std::string unseeded = breakeven({}, "none");
  CHECK(unseeded == breakeven({"--seed", "11"}, "file-seed"));
  // The seed does reach the result: another seed gives other break-even values.
  CHECK(unseeded != breakeven({"--seed", "18446744073709551615"}, "top-seed"));
}
