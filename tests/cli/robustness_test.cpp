/// Bad input through the real binary: every file in tests/data/bad/ (listed with its expected
/// message in EXPECTED.tsv), plus huge and deeply nested files made at run time. For each:
/// exit status 2, the expected `FILE:LINE:COL: error: KEY.PATH: …` text, no crash, and
/// nothing written.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "process.hpp"

using namespace caseflow::testing;
namespace fs = std::filesystem;

namespace {

const fs::path kBad = fs::path(CASEFLOW_TEST_DATA) / "bad";

struct Expectation {
  std::string file;
  int exit_status = 2;
  bool needs_graph = false;        ///< expected only where the state-graph checks are built in
  bool run_only = false;           ///< a check only `run` makes (memory: it depends on --threads)
  bool experiment = false;         ///< an experiment file for `caseflow sweep`
  std::vector<std::string> texts;  ///< substrings of stderr; `{file}` stands for the path given
};

std::vector<Expectation> read_manifest() {
  std::ifstream in(kBad / "EXPECTED.tsv");
  REQUIRE(in.good());
  std::vector<Expectation> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream split(line);
    std::string field;
    while (std::getline(split, field, '\t')) fields.push_back(field);
    REQUIRE(fields.size() >= 4);
    Expectation e;
    e.file = fields[0];
    e.exit_status = std::stoi(fields[1]);
    e.needs_graph = fields[2] == "graph";
    e.run_only = fields[2] == "run";
    e.experiment = fields[2] == "sweep";
    e.texts.assign(fields.begin() + 3, fields.end());
    rows.push_back(std::move(e));
  }
  return rows;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
  return text;
}

/// What any refusal must look like: the status, no crash, no partial results beside `out`.
void check_refusal(const Outcome& o, int expected_status, const fs::path& out_parent) {
  INFO("stderr: " << o.err.substr(0, 4000));
  CHECK(o.signal == 0);
  CHECK(o.exit_status == expected_status);
  CHECK(o.err.find("terminate called") == std::string::npos);
  CHECK(o.err.find("Sanitizer") == std::string::npos);
  CHECK(o.err.find("runtime error") == std::string::npos);
  CHECK(o.err.size() < 100000);  // a refusal is a few lines, not a dump of the input
  CHECK(list_names(out_parent).empty());
}

bool has_graph_checks(const fs::path& logs) {
  // `validate` comes with the graph module (sim/graph); `run` calls the same checks.
  const Outcome help = run_caseflow({"--help"}, logs / "probe");
  return help.exit_status == 0 && help.out.find("validate") != std::string::npos;
}

/// Runs `run FILE --out …` and (when built in) `validate FILE`; checks both refuse with `texts`.
/// An experiment file goes through `caseflow sweep FILE --out …` instead.
void check_bad_file(const fs::path& file, int status, const std::vector<std::string>& texts, const TempDir& tmp, bool validate,
                    bool experiment) {
  const fs::path out_parent = tmp.path() / "out";
  fs::create_directories(out_parent);
  const std::string command = experiment ? "sweep" : "run";
  std::vector<std::pair<std::string, std::vector<std::string>>> commands{
      {command, {command, file.string(), "--out", (out_parent / "x").string(), "--quiet", "--threads", "1"}}};
  if (validate && !experiment) commands.push_back({"validate", {"validate", file.string()}});
  for (const auto& [name, args] : commands) {
    INFO("caseflow " << name << " " << file.string());
    const Outcome o = run_caseflow(args, tmp.path() / ("log-" + name));
    check_refusal(o, status, out_parent);
    for (const auto& t : texts) CHECK_THAT(o.err, Catch::Matchers::Contains(replace_all(t, "{file}", file.string())));
    // GCC style: every line of the refusal names the file with a position.
    CHECK_THAT(o.err, Catch::Matchers::StartsWith(file.string() + ":"));
  }
}

}  // namespace

TEST_CASE("Every file in the bad-input corpus is refused with its expected message and nothing is written", "[robustness]") {
  const std::vector<Expectation> rows = read_manifest();
  TempDir tmp("bad");
  const bool graph = has_graph_checks(tmp.path());
  if (!graph) WARN("this build has no state-graph checks (sim/graph): graph cases are checked for no crash and no hang only");
  std::size_t listed = 0;
  for (const auto& row : rows) {
    INFO("corpus file " << row.file);
    const fs::path file = kBad / row.file;
    REQUIRE(fs::exists(file));
    ++listed;
    if (row.needs_graph && !graph) {
      const Outcome o = run_caseflow({"run", file.string(), "--out", (tmp.path() / "g").string(), "--quiet"}, tmp.path() / "log-g");
      CHECK(o.signal == 0);
      CHECK(o.err.find("terminate called") == std::string::npos);
      fs::remove_all(tmp.path() / "g");
      continue;
    }
    check_bad_file(file, row.exit_status, row.texts, tmp, graph && !row.run_only, row.experiment);
  }
  // Every corpus file has an expectation (a file without one would silently test nothing).
  std::size_t on_disk = 0;
  for (const auto& e : fs::recursive_directory_iterator(kBad)) on_disk += e.path().extension() == ".yaml";
  CHECK(listed == on_disk);
  CHECK(listed >= 40);
}

TEST_CASE("A 50 MB scenario file is refused with a position, quickly and without running out of memory", "[robustness]") {
  TempDir tmp("big");
  const fs::path file = tmp.path() / "big.yaml";
  {
    std::ofstream out(file, std::ios::binary);
    out << read_text(kBad / ".." / "golden" / "scenario.yaml");
    // A pasted data dump: one long comment-free list under a misspelt key.
    out << "notes:\n";
    const std::string row = "  - [1234567, 2345678, 3456789, 4567890, 5678901, 6789012, 7890123]\n";
    for (std::size_t written = 0; written < 50'000'000; written += row.size()) out << row;
  }
  REQUIRE(fs::file_size(file) >= 50'000'000);
  const Outcome o = run_caseflow({"run", file.string(), "--out", (tmp.path() / "out" / "x").string(), "--quiet"}, tmp.path() / "log");
  fs::create_directories(tmp.path() / "out");
  check_refusal(o, 2, tmp.path() / "out");
  CHECK_THAT(o.err, Catch::Matchers::Contains(file.string() + ":"));
  CHECK_THAT(o.err, Catch::Matchers::Contains(": error: notes: more than 200000 values in the file"));
  CHECK(o.seconds < 60.0);  // the value limit stops parsing early (it took minutes and 4.6 GB before)
}

TEST_CASE("Ten thousand levels of nested block maps are refused at the 65th level without overflowing the stack", "[robustness]") {
  TempDir tmp("deep");
  const fs::path file = tmp.path() / "deep.yaml";
  {
    std::ofstream out(file, std::ios::binary);
    out << "scenario: {name: deep, start: 2025-01-01, years: 1}\nreport:\n";
    for (int d = 1; d <= 10000; ++d) out << std::string(static_cast<std::size_t>(d), ' ') << "k" << d << ":\n";
  }
  const Outcome o = run_caseflow({"run", file.string(), "--out", (tmp.path() / "out" / "x").string(), "--quiet"}, tmp.path() / "log");
  fs::create_directories(tmp.path() / "out");
  check_refusal(o, 2, tmp.path() / "out");
  CHECK_THAT(o.err, Catch::Matchers::Contains("nested deeper than 64 levels"));
}
