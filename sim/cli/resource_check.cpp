#include "cli/resource_check.hpp"

#include "engine/system_memory.hpp"
#include "io/diagnostics.hpp"

namespace caseflow::cli {
namespace {

[[noreturn]] void refuse_at(const io::ScenarioDocument& document, const std::vector<io::Override>& overrides, const std::string& path,
                            const std::string& message) {
  for (const auto& o : overrides) {
    // The value came from the command line: point there, not at the file's (replaced) value.
    if (o.path == path) throw io::InputError({io::Diagnostic{io::Diagnostic::Severity::error, o.origin, 1, 1, o.path, message}});
  }
  const auto [line, column] = io::find_source_position(document, path);
  throw io::InputError({io::Diagnostic{io::Diagnostic::Severity::error, document.file(), line, column, path, message}});
}

}  // namespace

void check_resources(const io::ScenarioDocument& document, const std::vector<io::Override>& overrides,
                     const model::MemoryEstimate& memory, const model::WorkEstimate& work, bool allow_large,
                     const std::string& context) {
  if (const auto available = engine::available_memory()) {
    const std::string problem = model::memory_problem(memory, available->bytes, available->source);
    if (!problem.empty()) refuse_at(document, overrides, memory.main_driver, context + problem);
  }
  if (allow_large) return;
  const std::string problem = model::work_problem(work);
  if (problem.empty()) return;
  if (work.events_per_citizen_week > model::kMaxEventsPerCitizenWeek && !work.driver.path.empty()) {
    const model::Origin& at = work.driver;
    if (at.line > 0 && !at.file.empty()) {
      throw io::InputError({io::Diagnostic{io::Diagnostic::Severity::error, at.file, at.line, at.column, at.path, context + problem}});
    }
    refuse_at(document, overrides, at.path, context + problem);
  }
  refuse_at(document, overrides, "scenario.replications", context + problem);
}

}  // namespace caseflow::cli
