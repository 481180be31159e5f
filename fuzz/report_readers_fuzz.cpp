/// libFuzzer target: `caseflow report`'s readers (manifest.json's JSON, the results CSVs) and the
/// page built from what they read. The first byte picks which file of a valid results folder
/// (tests/data/report/results-small, copied once) the remaining bytes replace; the folder is
/// then loaded and rendered as `report` does. report::InputError is the expected answer to bad
/// input; any other exception, a crash, a sanitizer report or a hang is a finding.
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <unistd.h>

#include "report/html_report.hpp"
#include "report/report_error.hpp"
#include "report/results.hpp"

namespace {

namespace fs = std::filesystem;

constexpr std::array<const char*, 9> kFiles = {"manifest.json", "budget.csv", "arms.csv",        "occupancy.csv", "flows.csv",
                                               "replications.csv", "queues.csv", "assumptions.csv", "impact.csv"};

fs::path g_dir;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_all(const fs::path& p, const char* data, std::size_t size) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(data, static_cast<std::streamsize>(size));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_dir = fs::temp_directory_path() / ("caseflow-report-fuzz-" + std::to_string(::getpid()));
  fs::remove_all(g_dir);
  fs::create_directories(g_dir);
  for (const auto& entry : fs::directory_iterator(CASEFLOW_REPORT_FIXTURE)) {
    if (entry.is_regular_file()) fs::copy_file(entry.path(), g_dir / entry.path().filename());
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const fs::path file = g_dir / kFiles[data[0] % kFiles.size()];
  const std::string original = read_all(file);
  write_all(file, reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const caseflow::report::Results results = caseflow::report::load_results(g_dir);
    (void)caseflow::report::render_report(results, caseflow::report::Lang::da);
    (void)caseflow::report::render_report(results, caseflow::report::Lang::en);
  } catch (const caseflow::report::InputError& e) {
    (void)e.what();
  }
  write_all(file, original.data(), original.size());
  return 0;
}
