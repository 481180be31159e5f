#pragma once
// Helpers shared by the io tests: load a file and get its diagnostics as text, with the
// data folder stripped so that expectations read `bad_date.yaml:3:10: error: …`.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/scenario_loader.hpp"

namespace caseflow::io::test {

inline std::string data_dir() { return std::string(CASEFLOW_TEST_DATA) + "/io/"; }
inline std::string data(const std::string& name) { return data_dir() + name; }

/// A scratch folder for files made by a test (binary garbage, oversized files).
inline std::filesystem::path scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / "caseflow-io-tests";
  std::filesystem::create_directories(dir);
  return dir / name;
}

inline std::filesystem::path write_scratch(const std::string& name, const std::string& bytes) {
  const auto path = scratch(name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

/// The formatted diagnostics of a failing load, with folder prefixes removed; fails the test
/// when loading succeeds.
inline std::vector<std::string> errors_of(const std::filesystem::path& file, const std::vector<Override>& overrides = {}) {
  try {
    load_scenario(file, overrides);
  } catch (const InputError& e) {
    std::vector<std::string> lines;
    for (const auto& d : e.diagnostics()) {
      std::string line = d.format();
      for (const std::string& prefix : {data_dir(), scratch("").string()}) {
        if (line.rfind(prefix, 0) == 0) line.erase(0, prefix.size());
      }
      lines.push_back(line);
    }
    return lines;
  }
  FAIL("expected " << file << " to be refused");
  return {};
}

}  // namespace caseflow::io::test
