/// Every `caseflow …` command line in README.md and docs/*.md code blocks runs as written
/// (issue 15): extracted from the fenced blocks, run in order by bash in a scratch folder that
/// links config/, experiments/ and docs/ (the cookbook's scenarios) from the repository, with `caseflow` on PATH. Lines that need
/// `mpirun` or Graphviz's `dot` are skipped, with a warning, where those programs are missing.
#include <catch2/catch.hpp>

#include <sstream>

#include "process.hpp"

using namespace caseflow::testing;
namespace fs = std::filesystem;

namespace {

struct DocCommand {
  std::string file;
  int line = 0;
  std::string text;
};

/// `line` without a trailing shell comment (a `#` after a space, outside quotes).
std::string strip_comment(const std::string& line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#' && (i == 0 || line[i - 1] == ' ')) {
      return line.substr(0, i);
    }
  }
  return line;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

/// The command lines (continuations joined) of fenced code blocks that run caseflow.
std::vector<DocCommand> doc_commands(const fs::path& file, const std::string& shown) {
  std::vector<DocCommand> commands;
  std::istringstream in(read_text(file));
  bool in_block = false;
  std::string pending;
  int pending_line = 0;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (trim(line).rfind("```", 0) == 0) {
      in_block = !in_block;
      pending.clear();
      continue;
    }
    if (!in_block) continue;
    std::string text = trim(strip_comment(line));
    if (pending.empty()) pending_line = number;
    if (!text.empty() && text.back() == '\\') {
      pending += text.substr(0, text.size() - 1) + " ";
      continue;
    }
    text = trim(pending + text);
    pending.clear();
    const bool runs_caseflow = text.rfind("caseflow ", 0) == 0 || text == "caseflow" ||
                               (text.rfind("mpirun ", 0) == 0 && text.find(" caseflow ") != std::string::npos);
    if (runs_caseflow) commands.push_back({shown, pending_line, text});
  }
  return commands;
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace

TEST_CASE("Every caseflow command in README.md and docs/ runs as written", "[docs]") {
  const fs::path source = CASEFLOW_SOURCE_DIR;
  std::vector<DocCommand> commands = doc_commands(source / "README.md", "README.md");
  for (const auto& entry : fs::directory_iterator(source / "docs")) {
    if (entry.path().extension() != ".md") continue;
    const auto more = doc_commands(entry.path(), "docs/" + entry.path().filename().string());
    commands.insert(commands.end(), more.begin(), more.end());
  }
  REQUIRE(commands.size() >= 10);  // README's examples, sweeps, calibration, report

  TempDir tmp("doc-commands");
  const fs::path& work = tmp.path();
  for (const char* linked : {"config", "experiments", "docs"}) fs::create_directory_symlink(source / linked, work / linked);
  fs::create_directories(work / "bin");
  fs::create_symlink(caseflow_bin(), work / "bin" / "caseflow");
  const bool have_mpirun = on_path("mpirun");
  const bool have_dot = on_path("dot");

  int ran = 0;
  for (const auto& c : commands) {
    INFO(c.file << ":" << c.line << ": " << c.text);
    if (c.text.rfind("mpirun ", 0) == 0 && !have_mpirun) {
      WARN("skipped (no mpirun on PATH): " << c.file << ":" << c.line);
      continue;
    }
    if (c.text.find("| dot ") != std::string::npos && !have_dot) {
      WARN("skipped (no Graphviz dot on PATH): " << c.file << ":" << c.line);
      continue;
    }
    // mpirun as root and with more ranks than cores, as on a CI machine.
    const std::string script = "cd " + quoted(work.string()) + " && export PATH=" + quoted((work / "bin").string()) +
                               ":\"$PATH\" OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 "
                               "OMPI_MCA_rmaps_base_oversubscribe=1 && set -o pipefail && " +
                               c.text;
    const Outcome o = Child(AnyProgram{}, {"bash", "-c", script}, work / "log").wait(std::chrono::seconds(1800));
    INFO("stderr: " << o.err.substr(0, 2000));
    CHECK(o.signal == 0);
    CHECK(o.exit_status == 0);
    ++ran;
  }
  CHECK(ran >= 8);
}
