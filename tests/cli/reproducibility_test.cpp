/// Results are a pure function of (scenario text, seed, replications): pinned fingerprints and
/// budget.csv of a small run (tests/data/golden/), identical bytes for any --threads, and the
/// same rows for each arm whatever the order of --arms.
#include <catch2/catch.hpp>

#include <map>
#include <regex>

#include "csv.hpp"
#include "process.hpp"

using namespace caseflow::testing;
namespace fs = std::filesystem;

namespace {

const fs::path kGolden = fs::path(CASEFLOW_TEST_DATA) / "golden";

/// Runs the golden scenario into `out` with `extra` options; requires success.
void run_golden(const fs::path& out, const std::vector<std::string>& extra, const fs::path& logs) {
  std::vector<std::string> args{"run", (kGolden / "scenario.yaml").string(), "--out", out.string(), "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  const Outcome o = run_caseflow(args, logs);
  INFO("stderr: " << o.err);
  REQUIRE(o.signal == 0);
  REQUIRE(o.exit_status == 0);
  REQUIRE(fs::exists(out / "manifest.json"));
}

/// The JSON value of manifest key `key` (the manifest has one key per line).
std::string manifest_value(const std::string& manifest, const std::string& key) {
  const std::string prefix = "  \"" + key + "\": ";
  const std::size_t at = manifest.find(prefix);
  if (at == std::string::npos) return "";
  std::string value = manifest.substr(at + prefix.size(), manifest.find('\n', at) - at - prefix.size());
  if (!value.empty() && value.back() == ',') value.pop_back();
  return value;
}

/// The manifest without the fields allowed to differ between runs (timing, thread count).
std::string manifest_without_timing(const std::string& manifest) {
  static const std::regex timing("\\n  \"(started|finished|wall_seconds|threads)\": [^\\n]*");
  return std::regex_replace(manifest, timing, "");
}

/// Per arm: its fingerprint list from the manifest's `fingerprints` object.
std::map<std::string, std::string> fingerprints_by_arm(const std::string& manifest) {
  std::map<std::string, std::string> out;
  const std::string value = manifest_value(manifest, "fingerprints");
  static const std::regex entry("\"([^\"]+)\": \\[([^\\]]*)\\]");
  for (auto it = std::sregex_iterator(value.begin(), value.end(), entry); it != std::sregex_iterator(); ++it) out[(*it)[1]] = (*it)[2];
  return out;
}

}  // namespace

TEST_CASE("A small fixed run reproduces its pinned event fingerprints and budget.csv", "[reproducibility]") {
  TempDir tmp("golden");
  run_golden(tmp.path() / "r", {"--threads", "1"}, tmp.path() / "log");
  const std::string fingerprints = manifest_value(read_text(tmp.path() / "r" / "manifest.json"), "fingerprints") + "\n";
  const std::string budget = read_text(tmp.path() / "r" / "budget.csv");
  REQUIRE(fingerprints.size() > 40);
  const char* update = std::getenv("CASEFLOW_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(kGolden / "fingerprints.json", std::ios::binary) << fingerprints;
    std::ofstream(kGolden / "budget.csv", std::ios::binary) << budget;
    WARN("CASEFLOW_UPDATE_GOLDEN=1: rewrote tests/data/golden/fingerprints.json and budget.csv; review the diff before committing");
  }
  REQUIRE(fs::exists(kGolden / "fingerprints.json"));
  REQUIRE(fs::exists(kGolden / "budget.csv"));
  // A difference means the simulation's behaviour changed: if intended, refresh with
  // CASEFLOW_UPDATE_GOLDEN=1 (tests/README.md) and explain why in the commit.
  CHECK(fingerprints == read_text(kGolden / "fingerprints.json"));
  CHECK(budget == read_text(kGolden / "budget.csv"));
}

TEST_CASE("One and two threads write byte-identical results apart from the manifest's timing fields", "[reproducibility]") {
  TempDir tmp("threads");
  run_golden(tmp.path() / "t1", {"--threads", "1"}, tmp.path() / "log1");
  run_golden(tmp.path() / "t2", {"--threads", "2"}, tmp.path() / "log2");
  const std::vector<std::string> files = list_names(tmp.path() / "t1");
  CHECK(files == list_names(tmp.path() / "t2"));
  REQUIRE(files.size() >= 9);  // eight tables and the manifest
  for (const auto& name : files) {
    INFO(name);
    const std::string a = read_text(tmp.path() / "t1" / name), b = read_text(tmp.path() / "t2" / name);
    if (name == "manifest.json") {
      CHECK(manifest_value(a, "threads") == "1");
      CHECK(manifest_value(b, "threads") == "2");
      CHECK(manifest_without_timing(a) == manifest_without_timing(b));
    } else {
      CHECK(a == b);
    }
  }
}

TEST_CASE("The order of --arms changes no arm's rows", "[reproducibility]") {
  TempDir tmp("arms");
  run_golden(tmp.path() / "ab", {"--arms", "mentor,flere_pladser", "--threads", "2"}, tmp.path() / "log1");
  run_golden(tmp.path() / "ba", {"--arms", "flere_pladser,mentor", "--threads", "2"}, tmp.path() / "log2");
  int tables_compared = 0;
  for (const auto& name : list_names(tmp.path() / "ab")) {
    if (fs::path(name).extension() != ".csv") continue;
    INFO(name);
    const auto a = parse_csv(read_text(tmp.path() / "ab" / name)), b = parse_csv(read_text(tmp.path() / "ba" / name));
    REQUIRE(!a.empty());
    REQUIRE(!b.empty());
    CHECK(a.front() == b.front());
    const auto column = std::find(a.front().begin(), a.front().end(), "arm");
    if (column == a.front().end()) {
      CHECK(a == b);  // no arm column: the table must not depend on the order at all
      continue;
    }
    const auto index = static_cast<std::size_t>(column - a.front().begin());
    auto by_arm = [index](const std::vector<std::vector<std::string>>& rows) {
      std::map<std::string, std::vector<std::vector<std::string>>> out;
      for (std::size_t r = 1; r < rows.size(); ++r) out[rows[r].at(index)].push_back(rows[r]);
      return out;
    };
    const auto rows_a = by_arm(a), rows_b = by_arm(b);
    CHECK(rows_a.size() >= 2);
    CHECK(rows_a == rows_b);
    ++tables_compared;
  }
  CHECK(tables_compared >= 5);
  const auto fa = fingerprints_by_arm(read_text(tmp.path() / "ab" / "manifest.json"));
  const auto fb = fingerprints_by_arm(read_text(tmp.path() / "ba" / "manifest.json"));
  CHECK(fa.size() == 3);
  CHECK(fa == fb);
}
