/// docs/cookbook/: every recipe's YAML is a whole scenario that validates under --strict, runs,
/// and is linked from docs/cookbook.md, so the cookbook cannot drift from the program.
#include <catch2/catch.hpp>

#include <algorithm>

#include "process.hpp"

using namespace caseflow::testing;
namespace fs = std::filesystem;

TEST_CASE("Every docs/cookbook recipe validates under --strict, runs, and is linked from cookbook.md", "[cli]") {
  const fs::path dir = fs::path(CASEFLOW_SOURCE_DIR) / "docs" / "cookbook";
  const std::string book = read_text(fs::path(CASEFLOW_SOURCE_DIR) / "docs" / "cookbook.md");
  std::vector<fs::path> recipes;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".yaml") recipes.push_back(e.path());
  }
  std::sort(recipes.begin(), recipes.end());
  REQUIRE(recipes.size() >= 5);
  TempDir tmp("cookbook");
  for (const auto& recipe : recipes) {
    INFO(recipe.string());
    CHECK(book.find("cookbook/" + recipe.filename().string()) != std::string::npos);
    const std::string name = recipe.stem().string();
    const Outcome v = run_caseflow({"validate", "--strict", recipe.string()}, tmp.path() / ("v-" + name));
    INFO(v.err);
    CHECK(v.exit_status == 0);
    const Outcome r = run_caseflow({"run", recipe.string(), "--strict", "--replications", "2", "--threads", "1", "--quiet",
                                    "--out", (tmp.path() / name).string()},
                                   tmp.path() / ("r-" + name));
    INFO(r.err);
    CHECK(r.exit_status == 0);
    CHECK(fs::exists(tmp.path() / name / "budget.csv"));
  }
}
