#pragma once
// Helpers the end-to-end sweep tests share: their data, scratch folders, and manifests compared
// without the lines that describe how a session ran. Running caseflow is tests/support/process.hpp.
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "process.hpp"

namespace caseflow::testing {

inline std::string sweep_data(const std::string& name) { return std::string(CASEFLOW_TEST_DATA) + "/sweep/" + name; }

/// A fresh, empty folder for one test.
inline std::filesystem::path scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("caseflow-sweep-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// manifest.json without the lines that describe how a session ran (timing, threads, ranks).
inline std::string manifest_without_session(const std::filesystem::path& file) {
  std::stringstream in(read_text(file));
  std::string line, kept;
  while (std::getline(in, line)) {
    bool session = false;
    for (const char* key : {"\"threads\"", "\"ranks\"", "\"points_run_now\"", "\"started\"", "\"finished\"", "\"wall_seconds\""}) {
      session = session || line.find(key) != std::string::npos;
    }
    if (!session) kept += line + "\n";
  }
  return kept;
}

}  // namespace caseflow::testing
