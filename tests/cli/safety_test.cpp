/// Safe with the user's files (issue 15): --out replaces only caseflow's own results, output
/// problems are found before any work, no symlink is followed, a folder is locked while in use,
/// a closed pipe loses nothing, report's readers survive hostile files, --arms is canonical.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <thread>

#include "process.hpp"

using namespace caseflow::testing;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const fs::path kScenario = fs::path(CASEFLOW_TEST_DATA) / "golden" / "scenario.yaml";

void write(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

/// `caseflow run` of the golden scenario into `out`, with `extra` options.
Outcome run_into(const fs::path& out, const fs::path& logs, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"run", kScenario.string(), "--out", out.string(), "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_caseflow(args, logs);
}

/// The golden run, slow enough (3000 replications) to be caught while running.
std::vector<std::string> slow_run(const fs::path& out) {
  return {"run", kScenario.string(), "--out", out.string(), "--quiet", "--replications", "3000", "--threads", "2"};
}

/// The manifest without the lines allowed to differ between runs (timing).
std::string manifest_without_timing(const std::string& manifest) {
  std::string kept;
  std::istringstream in(manifest);
  for (std::string line; std::getline(in, line);) {
    if (line.find("\"started\"") != std::string::npos || line.find("\"finished\"") != std::string::npos ||
        line.find("\"wall_seconds\"") != std::string::npos) {
      continue;
    }
    kept += line + "\n";
  }
  return kept;
}

}  // namespace

TEST_CASE("An --out folder is replaced only when missing, empty or caseflow results of the same kind", "[robustness][safety]") {
  TempDir tmp("out-kinds");
  const fs::path& t = tmp.path();

  SECTION("a folder with the user's files is refused, named with what it holds, and kept") {
    fs::create_directories(t / "s");
    fs::copy_file(kScenario, t / "s" / "my.yaml");
    write(t / "s" / "notes.txt", "mine\n");
    const Outcome o = run_caseflow({"run", (t / "s" / "my.yaml").string(), "--out", (t / "s").string(), "--quiet"}, t / "log");
    CHECK(o.exit_status == 2);
    CHECK_THAT(o.err, Contains("--out " + (t / "s").string()) && Contains("my.yaml") && Contains("notes.txt"));
    CHECK(list_names(t / "s") == std::vector<std::string>{"my.yaml", "notes.txt"});
    CHECK(read_text(t / "s" / "notes.txt") == "mine\n");
  }
  SECTION("a file is never replaced") {
    write(t / "precious.txt", "precious\n");
    const Outcome o = run_into(t / "precious.txt", t / "log");
    CHECK(o.exit_status == 2);
    CHECK_THAT(o.err, Contains("precious.txt") && Contains("is a file, not a folder"));
    CHECK(read_text(t / "precious.txt") == "precious\n");
  }
  SECTION("a symbolic link is never replaced") {
    fs::create_directories(t / "target");
    write(t / "target" / "keep.txt", "keep\n");
    fs::create_directory_symlink(t / "target", t / "link");
    const Outcome o = run_into(t / "link", t / "log");
    CHECK(o.exit_status == 2);
    CHECK(fs::is_symlink(t / "link"));
    CHECK(read_text(t / "target" / "keep.txt") == "keep\n");
  }
  SECTION("an empty folder and earlier run results are replaced; the manifest names the kind") {
    fs::create_directories(t / "r");
    REQUIRE(run_into(t / "r", t / "log").exit_status == 0);
    CHECK_THAT(read_text(t / "r" / "manifest.json"), Contains("\"output_kind\": \"run\""));
    const Outcome again = run_into(t / "r", t / "log");
    INFO(again.err);
    CHECK(again.exit_status == 0);
    CHECK(list_names(t) == std::vector<std::string>{"log", "r"});  // no lock, temp or old folder left
  }
  SECTION("results of another kind are refused") {
    REQUIRE(run_into(t / "r", t / "log").exit_status == 0);
    const Outcome o = run_caseflow({"sweep", (fs::path(CASEFLOW_TEST_DATA) / "sweep" / "grid.yaml").string(), "--out", (t / "r").string()},
                                   t / "log");
    CHECK(o.exit_status == 2);
    CHECK_THAT(o.err, Contains("holds caseflow run results, not sweep results"));
    CHECK(fs::exists(t / "r" / "budget.csv"));
  }
}

TEST_CASE("Output location problems are reported with the OS reason before anything is simulated", "[robustness][safety]") {
  TempDir tmp("out-early");
  const fs::path& t = tmp.path();

  SECTION("a trailing slash names the folder") {
    const Outcome o = run_into(t.string() + "/x/", t / "log");
    INFO(o.err);
    CHECK(o.exit_status == 0);
    CHECK(fs::exists(t / "x" / "manifest.json"));
  }
  SECTION("--out . is refused at once") {
    // The slow run takes seconds; the refusal comes before the first replication.
    std::vector<std::string> args = slow_run(".");
    const Outcome o = run_caseflow(args, t / "log");
    CHECK(o.exit_status == 2);
    CHECK_THAT(o.err, Contains("--out .:"));
    CHECK(o.seconds < 5.0);
  }
  SECTION("a parent that is a file: 'Not a directory', exit 2, nothing simulated") {
    write(t / "file", "x\n");
    const Outcome o = run_caseflow(slow_run(t / "file" / "x"), t / "log");
    CHECK(o.exit_status == 2);
    CHECK_THAT(o.err, Contains("Not a directory"));
    CHECK(read_text(t / "file") == "x\n");
  }
  SECTION("an over-long name") {
    const Outcome o = run_into(t / std::string(240, 'a'), t / "log");
    CHECK(o.exit_status == 2);
    CHECK_THAT(o.err, Contains("240 bytes long"));
    CHECK(list_names(t) == std::vector<std::string>{"log"});
  }
  SECTION("a read-only parent: 'Permission denied'") {
    if (::geteuid() == 0) {
      WARN("skipped: running as root, for whom a read-only folder is writable");
      return;
    }
    fs::create_directories(t / "ro");
    ::chmod((t / "ro").c_str(), 0555);
    const Outcome o = run_caseflow(slow_run(t / "ro" / "x"), t / "log");
    ::chmod((t / "ro").c_str(), 0755);
    CHECK(o.exit_status == 2);
    CHECK_THAT(o.err, Contains("Permission denied"));
  }
  SECTION("report --out naming a folder is refused without a bogus 'Success'") {
    REQUIRE(run_into(t / "r", t / "log").exit_status == 0);
    const Outcome o = run_caseflow({"report", (t / "r").string(), "--out", (t / "r").string()}, t / "log");
    CHECK(o.exit_status == 2);
    CHECK_THAT(o.err, Contains("is a folder"));
    CHECK_THAT(o.err, !Contains("Success"));
    // Nor is a device replaced (the old report renamed its temporary over /dev/null).
    const Outcome device = run_caseflow({"report", (t / "r").string(), "--out", "/dev/null"}, t / "log");
    CHECK(device.exit_status == 2);
    CHECK_THAT(device.err, Contains("not a regular file"));
    CHECK(fs::is_character_file("/dev/null"));
  }
}

TEST_CASE("report never writes through a symlink planted at a temporary's name", "[robustness][safety]") {
  TempDir tmp("symlink");
  const fs::path& t = tmp.path();
  REQUIRE(run_into(t / "r", t / "log").exit_status == 0);
  write(t / "victim.txt", "victim\n");
  fs::create_symlink(t / "victim.txt", t / "r" / "report.html.tmp");
  const Outcome o = run_caseflow({"report", (t / "r").string()}, t / "log");
  INFO(o.err);
  CHECK(o.exit_status == 0);
  CHECK(read_text(t / "victim.txt") == "victim\n");
  CHECK_THAT(read_text(t / "r" / "report.html"), Contains("<html"));
  // A symlink at the report's own name is replaced, not written through.
  fs::remove(t / "r" / "report.html");
  fs::create_symlink(t / "victim.txt", t / "r" / "report.html");
  CHECK(run_caseflow({"report", (t / "r").string()}, t / "log").exit_status == 0);
  CHECK(read_text(t / "victim.txt") == "victim\n");
  CHECK(!fs::is_symlink(t / "r" / "report.html"));
}

TEST_CASE("A second run into a folder in use exits 2 naming the first one's PID", "[robustness][safety]") {
  TempDir tmp("lock");
  const fs::path out = tmp.path() / "x";
  Child first(slow_run(out), tmp.path() / "log1");
  std::this_thread::sleep_for(500ms);
  REQUIRE(first.running());
  const Outcome second = run_into(out, tmp.path() / "log2");
  CHECK(second.exit_status == 2);
  CHECK_THAT(second.err, Contains("in use by another caseflow (process " + std::to_string(first.pid()) + ","));
  first.send(SIGINT);
  CHECK(first.wait(60s).exit_status == 130);
  CHECK(list_names(tmp.path()) == std::vector<std::string>{"log1", "log2"});  // lock file removed
}

TEST_CASE("A closed stdout loses no results: run | true exits 0 with the folder written", "[robustness][safety]") {
  TempDir tmp("pipe");
  const fs::path out = tmp.path() / "x";
  // `true` exits at once, so the budget table goes to a closed pipe (EPIPE; SIGPIPE ignored).
  const std::string command = "set -o pipefail; '" + caseflow_bin() + "' run '" + kScenario.string() + "' --out '" + out.string() +
                              "' | true";
  const Outcome o = Child(AnyProgram{}, {"bash", "-c", command}, tmp.path() / "log").wait();
  REQUIRE(o.signal == 0);
  CHECK(o.exit_status == 0);
  CHECK(fs::exists(out / "manifest.json"));
  CHECK(fs::exists(out / "budget.csv"));
}

TEST_CASE("report refuses a deeply nested manifest and a huge number with exit 2 or a report, never a crash", "[robustness][safety]") {
  TempDir tmp("report-hostile");
  const fs::path& t = tmp.path();
  REQUIRE(run_into(t / "r", t / "log").exit_status == 0);
  const std::string good_manifest = read_text(t / "r" / "manifest.json");

  SECTION("100,000 levels of nesting in manifest.json") {
    write(t / "r" / "manifest.json", "{\"a\": " + std::string(100000, '[') + std::string(100000, ']') + "}\n");
    const Outcome o = run_caseflow({"report", (t / "r").string()}, t / "log");
    CHECK(o.signal == 0);
    CHECK(o.exit_status == 2);
    CHECK_THAT(o.err, Contains("manifest.json:1:") && Contains("nested more than 64 levels"));
  }
  SECTION("a bad \\u escape") {
    write(t / "r" / "manifest.json", "{\"a\": \"\\uZZZZ\"}\n");
    const Outcome o = run_caseflow({"report", (t / "r").string()}, t / "log");
    CHECK(o.exit_status == 2);
    CHECK_THAT(o.err, Contains("manifest.json:1:"));
  }
  SECTION("a 200,000-digit number in assumptions.csv") {
    write(t / "r" / "assumptions.csv", "arm,parameter,baseline,value\nmentor,x," + std::string(200000, '9') + ",1.5\n");
    const Outcome o = run_caseflow({"report", (t / "r").string()}, t / "log");
    INFO(o.err.substr(0, 500));
    CHECK(o.signal == 0);
    CHECK(o.exit_status == 0);
    CHECK(fs::exists(t / "r" / "report.html"));
  }
}

TEST_CASE("A name given twice in --arms is an error, and any order of --arms writes identical bytes", "[robustness][safety]") {
  TempDir tmp("arms-order");
  const fs::path& t = tmp.path();
  const Outcome twice = run_into(t / "d", t / "log", {"--arms", "mentor,mentor"});
  CHECK(twice.exit_status == 2);
  CHECK_THAT(twice.err, Contains("'mentor' is named twice"));
  CHECK(!fs::exists(t / "d"));

  REQUIRE(run_into(t / "ab", t / "log", {"--arms", "mentor,flere_pladser"}).exit_status == 0);
  REQUIRE(run_into(t / "ba", t / "log", {"--arms", "flere_pladser,mentor"}).exit_status == 0);
  CHECK(list_names(t / "ab") == list_names(t / "ba"));
  for (const auto& name : list_names(t / "ab")) {
    INFO(name);
    if (name == "manifest.json") {
      CHECK(manifest_without_timing(read_text(t / "ab" / name)) == manifest_without_timing(read_text(t / "ba" / name)));
    } else {
      CHECK(read_text(t / "ab" / name) == read_text(t / "ba" / name));
    }
  }
}

TEST_CASE("An unknown command is named and the commands are listed", "[robustness][safety]") {
  TempDir tmp("unknown");
  const Outcome o = run_caseflow({"frobnicate", "x"}, tmp.path() / "log");
  CHECK(o.exit_status == 2);
  CHECK_THAT(o.err, Contains("unknown command 'frobnicate'") && Contains("run, validate"));
  const Outcome typo = run_caseflow({"rnu"}, tmp.path() / "log");
  CHECK(typo.exit_status == 2);
  CHECK_THAT(typo.err, Contains("did you mean 'run'?"));
}
