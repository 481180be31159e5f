/// `--seed` takes the full unsigned 64-bit range the scenario file accepts (issue 15, item 12):
/// seeds above 2^63 − 1 used to be capped silently, so different seeds gave identical bytes.
#include <catch2/catch.hpp>

#include <set>

#include "process.hpp"

using namespace caseflow::testing;
namespace fs = std::filesystem;

namespace {
const fs::path kScenario = fs::path(CASEFLOW_TEST_DATA) / "golden" / "scenario.yaml";
}

TEST_CASE("Seeds above 2^63-1 are used as given: three seeds, three different results", "[robustness]") {
  TempDir tmp("seed");
  std::set<std::string> budgets;
  for (const std::string seed : {"9223372036854775807", "9223372036854775808", "18446744073709551615"}) {
    const fs::path out = tmp.path() / ("s" + seed);
    const Outcome o = run_caseflow({"run", kScenario.string(), "--out", out.string(), "--quiet", "--threads", "2", "--replications", "2",
                                    "--seed", seed},
                                   tmp.path() / ("log" + seed));
    INFO("seed " << seed << " stderr: " << o.err);
    REQUIRE(o.exit_status == 0);
    CHECK_THAT(read_text(out / "manifest.json"), Catch::Matchers::Contains("\"seed\": " + seed + ","));
    budgets.insert(read_text(out / "budget.csv"));
  }
  CHECK(budgets.size() == 3);
}

TEST_CASE("A seed outside 0..2^64-1 or not a whole number is a usage error and nothing is written", "[robustness]") {
  TempDir tmp("seed-bad");
  for (const std::string seed : {"18446744073709551616", "-1", "12x", "1e5", ""}) {
    const fs::path out = tmp.path() / "x";
    const Outcome o = run_caseflow({"run", kScenario.string(), "--out", out.string(), "--quiet", "--seed", seed}, tmp.path() / "log");
    INFO("seed '" << seed << "' stderr: " << o.err);
    CHECK(o.exit_status == 2);
    CHECK_THAT(o.err, Catch::Matchers::Contains("--seed"));
    CHECK(!fs::exists(out));
  }
}
