#pragma once
// Runs the real `caseflow` binary (path in CASEFLOW_BIN, set by tests/CMakeLists.txt) and
// captures its exit status, stdout and stderr.

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace caseflow::test {

struct CommandResult {
  int status = -1;
  std::string out;
  std::string err;
};

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A fresh, empty temporary folder for one test.
inline std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("caseflow-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// `caseflow ARGS` from the source root (data paths in ARGS are relative to it).
inline CommandResult run_caseflow(const std::string& args, const std::string& scratch_name = "cmd") {
  const char* bin = std::getenv("CASEFLOW_BIN");
  if (bin == nullptr) throw std::runtime_error("CASEFLOW_BIN is not set (run the tests through ctest)");
  const auto dir = scratch_dir(scratch_name + "-io");
  const auto out = dir / "stdout", err = dir / "stderr";
  const std::string command =
      "cd '" CASEFLOW_SOURCE_DIR "' && '" + std::string(bin) + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int raw = std::system(command.c_str());
  CommandResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_text(out);
  r.err = read_text(err);
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace caseflow::test
