/// libFuzzer target: arbitrary bytes as a scenario file through everything `validate` does
/// (parse, type, merge patches, arm compatibility, state-graph checks). io::InputError is the
/// expected answer to bad input; any other exception, a crash, a sanitizer report or a hang
/// is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/diagnostics.hpp"
#include "io/scenario_loader.hpp"
#include "model/simulation.hpp"
#include "graph/checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const caseflow::io::ScenarioDocument document = caseflow::io::read_scenario_text(text, "fuzz.yaml");
    std::vector<caseflow::io::Diagnostic> warnings;
    const caseflow::model::Scenario scenario = caseflow::io::build_scenario(document, {}, &warnings);
    for (const auto& w : warnings) (void)w.format();
    (void)caseflow::model::check_arm_compatibility(scenario);
    for (const auto& f : caseflow::graph::check_scenario(scenario)) (void)f.format();
  } catch (const caseflow::io::InputError& e) {
    for (const auto& d : e.diagnostics()) (void)d.format();
  }
  return 0;
}
