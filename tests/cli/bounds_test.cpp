/// Bounded inputs and bounded work (issue 15, items 7, 9 and 10): what would overflow, never
/// finish or exhaust memory is refused before anything runs, located, with nothing written.
#include <catch2/catch.hpp>

#include <regex>

#include "process.hpp"

using namespace caseflow::testing;
namespace fs = std::filesystem;

namespace {

const fs::path kScenario = fs::path(CASEFLOW_TEST_DATA) / "golden" / "scenario.yaml";

/// The golden scenario with `from` replaced by `to` (once), written to `dir/name`.
fs::path edited_scenario(const fs::path& dir, const std::string& name, const std::string& from, const std::string& to) {
  std::string text = read_text(kScenario);
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("edited_scenario: '" + from + "' not in the golden scenario");
  text.replace(at, from.size(), to);
  const fs::path path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

TEST_CASE("Money inputs that would overflow to inf are refused at load, located, nothing written", "[robustness]") {
  TempDir tmp("money");
  const fs::path out_parent = tmp.path() / "out";
  fs::create_directories(out_parent);
  const fs::path cost = edited_scenario(tmp.path(), "cost.yaml", "per_year: 400000", "per_year: 1e308");
  const Outcome o = run_caseflow({"run", cost.string(), "--out", (out_parent / "x").string(), "--quiet", "--replications", "2"},
                                 tmp.path() / "log1");
  INFO("stderr: " << o.err);
  CHECK(o.exit_status == 2);
  CHECK_THAT(o.err, Catch::Matchers::Contains(cost.string() + ":54:") &&
                        Catch::Matchers::Contains("interventions.mentor.costs[0].per_year: expected a number in [0, 1e+12], got 1e308"));
  CHECK(list_names(out_parent).empty());

  const Outcome r = run_caseflow({"run", kScenario.string(), "--out", (out_parent / "x").string(), "--quiet", "--replications", "2",
                                  "--set", "benefits.dagpenge.weekly_rate=1e306"},
                                 tmp.path() / "log2");
  INFO("stderr: " << r.err);
  CHECK(r.exit_status == 2);
  CHECK_THAT(r.err, Catch::Matchers::Contains("--set:1:31: error: benefits.dagpenge.weekly_rate: expected a number in [0, 1e+12]"));
  CHECK(list_names(out_parent).empty());
}

TEST_CASE("The largest money inputs allowed give finite figures in every results file", "[robustness]") {
  TempDir tmp("money-max");
  const fs::path out = tmp.path() / "x";
  const Outcome o = run_caseflow({"run", kScenario.string(), "--out", out.string(), "--quiet", "--replications", "2", "--set",
                                  "benefits.dagpenge.weekly_rate=1e12", "--set", "interventions.mentor.costs[0].per_year=1e12"},
                                 tmp.path() / "log");
  INFO("stderr: " << o.err);
  REQUIRE(o.exit_status == 0);
  for (const auto& e : fs::directory_iterator(out)) {
    if (e.path().extension() != ".csv") continue;
    const std::string text = read_text(e.path());
    INFO(e.path().filename().string());
    CHECK_FALSE(std::regex_search(text, std::regex("(^|,)-?(inf|nan)(,|\n)", std::regex::icase)));
  }
}
