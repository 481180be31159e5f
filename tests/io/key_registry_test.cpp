// The key registry is the single source of validation and of docs/scenario-keys.md.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <vector>

#include "io/experiment_keys.hpp"
#include "io/key_registry.hpp"
#include "io/scenario_loader.hpp"

namespace io = caseflow::io;

TEST_CASE("docs/scenario-keys.md equals the reference generated from the key registry", "[io]") {
  const std::string path = std::string(CASEFLOW_SOURCE_DIR) + "/docs/scenario-keys.md";
  const std::string generated = io::scenario_key_reference_markdown();
  if (const char* update = std::getenv("CASEFLOW_UPDATE_DOCS"); update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << generated;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  const std::string committed{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  INFO("regenerate with: CASEFLOW_UPDATE_DOCS=1 ctest --test-dir build -R 'scenario-keys'");
  CHECK(committed == generated);
}

TEST_CASE("Every registry key belongs to a documented section and appears once", "[io]") {
  std::set<std::string_view> sections;
  for (const auto& s : io::scenario_sections()) sections.insert(s.section);
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const auto& k : io::scenario_keys()) {
    INFO(k.section << "." << k.key);
    CHECK(sections.count(k.section) == 1);
    CHECK(seen.insert({k.section, k.key}).second);
    CHECK_FALSE(k.doc.empty());
    CHECK_FALSE(k.type.empty());
  }
  CHECK(io::keys_of("scenario") ==
        std::vector<std::string>{"name", "start", "years", "warmup_years", "replications", "seed"});
  REQUIRE(io::find_key("pools.NAME", "caseload_per_fte") != nullptr);
  CHECK(io::find_key("pools.NAME", "caseload_per_fte")->default_value == "0");
  CHECK(io::find_key("pools.NAME", "caseload_per_ft") == nullptr);
  const std::string md = io::scenario_key_reference_markdown();
  CHECK(md.find("| `caseload_per_fte` | number >= 0 | citizens per FTE | 0 |") != std::string::npos);
}

TEST_CASE("docs/experiment-keys.md equals the reference generated from the experiment key registry", "[io]") {
  const std::string path = std::string(CASEFLOW_SOURCE_DIR) + "/docs/experiment-keys.md";
  const std::string generated = io::experiment_key_reference_markdown();
  if (const char* update = std::getenv("CASEFLOW_UPDATE_DOCS"); update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << generated;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  const std::string committed{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  INFO("regenerate with: CASEFLOW_UPDATE_DOCS=1 ctest --test-dir build -R 'experiment-keys'");
  CHECK(committed == generated);
  std::set<std::string_view> sections;
  for (const auto& s : io::experiment_sections()) sections.insert(s.section);
  for (const auto& k : io::experiment_keys()) CHECK(sections.count(k.section) == 1);
}

TEST_CASE("A scenario that leaves out a key with a default gets the registry's default", "[io]") {
  // Whole sections left out (the spec's own defaults) and sections written empty (the typer's).
  const std::string file = std::string(CASEFLOW_TEST_DATA) + "/io/minimal.yaml";
  for (const auto& overrides : {std::vector<io::Override>{}, std::vector<io::Override>{{"report", "{}"}, {"refund.reset", "{}"}}}) {
    const caseflow::model::Scenario sc = io::load_scenario(file, overrides);
    const auto& m = sc.baseline();
    INFO("overrides: " << overrides.size());
    CHECK(m.refund.self_support_weeks == io::numeric_default("refund.reset", "self_support_weeks"));
    CHECK(m.refund.window_weeks == io::numeric_default("refund.reset", "window_weeks"));
    CHECK(sc.report.prudence_factor == io::numeric_default("report", "prudence_factor"));
    CHECK(sc.report.discount_rate == io::numeric_default("report", "discount_rate"));
    CHECK(m.states[0].cost_per_week == io::numeric_default("states.NAME", "cost_per_week"));
    CHECK(m.pools[0].caseload_per_fte == io::numeric_default("pools.NAME", "caseload_per_fte"));
    CHECK(sc.warmup_years == io::numeric_default("scenario", "warmup_years"));
    CHECK(sc.replications == io::numeric_default("scenario", "replications"));
  }
  CHECK_THROWS_AS(io::numeric_default("scenario", "name"), std::logic_error);
  CHECK_THROWS_AS(io::numeric_default("report", "no_such_key"), std::logic_error);
}
