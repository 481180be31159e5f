// Forking the arms from their common past (model/fork.cpp) gives, field for field, the records
// of arms simulated from the first day: the event counts and fingerprints too (the baseline's
// counted its own way), for arms that fork and arms that must run alone. The command-line
// check over every scenario file is tests/cli/fork_check.py.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "io/scenario_loader.hpp"
#include "model/replications.hpp"
#include "model/simulation.hpp"
#include "fixtures.hpp"
#include "same_records.hpp"

namespace {

using namespace caseflow;

/// Runs `replications` replications of every arm forked and unforked; returns the fork notes of
/// replication 0.
std::vector<std::string> compare_forked(const model::Scenario& s, int replications) {
  const std::vector<std::size_t> arms = testing::all_arms(s);
  std::vector<std::string> notes;
  model::SimulationOptions forked;
  forked.trace_citizens = true;  // every citizen's trajectory compared too
  forked.fork_note = [&](const std::string& note) { notes.push_back(note); };
  model::SimulationOptions alone = forked;
  alone.fork_arms = false;
  alone.fork_note = nullptr;
  for (int r = 0; r < replications; ++r) {
    const std::vector<model::ArmResult> a = model::run_one_replication(s, arms, r, forked);
    const std::vector<model::ArmResult> b = model::run_one_replication(s, arms, r, alone);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      INFO("arm " << s.arms[arms[i]].name << ", replication " << r);
      testing::require_same_records(a[i], b[i]);
    }
  }
  return notes;
}

std::size_t count_containing(const std::vector<std::string>& notes, const std::string& text) {
  std::size_t n = 0;
  for (const std::string& note : notes) n += note.find(text) != std::string::npos ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("Arms forked from the shared past at a late start equal arms simulated from the first day", "[model][fork]") {
  // needless_events.yaml: `fra_2026` starts in 2026 and forks; `hele_perioden` and
  // `mentorkorps` start with the run and run alone.
  const model::Scenario s = testing::load_model_fixture("needless_events.yaml");
  const std::vector<std::string> notes = compare_forked(s, 3);
  CHECK(count_containing(notes, "fra_2026 continued from the shared past") == 1);
  CHECK(count_containing(notes, "ran alone: starts before the shared past ends") == 2);
}

TEST_CASE("Arms that add a pool and a track, change staff or slots fork after the warm-up with the same records", "[model][fork]") {
  // The default scenario: a job-broker arm adding a pool and a track (a wider layout), a
  // staffing arm and a slot-and-effect arm, all starting after 3 warm-up years.
  const model::Scenario s = io::load_scenario(std::string(CASEFLOW_SOURCE_DIR) + "/config/default.yaml");
  const std::vector<std::string> notes = compare_forked(s, 2);
  CHECK(count_containing(notes, "continued from the shared past at week 0") == 3);
}

TEST_CASE("An arm whose arrivals differ before the shared past ends runs alone, with the same records", "[model][fork]") {
  const model::Scenario s = testing::load_model_fixture("crn_sources.yaml");
  const std::vector<std::string> notes = compare_forked(s, 2);
  CHECK(count_containing(notes, "ran alone") == 4);
  CHECK(count_containing(notes, "continued") == 0);
}

TEST_CASE("Without an arm that starts after the first day nothing is forked", "[model][fork]") {
  const model::Scenario s = testing::load_model_fixture("needless_events.yaml");
  const std::vector<std::size_t> from_start{0, 1};  // hele_perioden only
  REQUIRE(s.arms[1].name == "hele_perioden");
  CHECK(model::divergence_time(s, from_start, model::SimulationOptions{}) == model::kInfinity);
  CHECK(model::simulate_shared_past(s, from_start, 0, model::SimulationOptions{}).empty());
}
