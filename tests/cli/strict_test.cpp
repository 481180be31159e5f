/// `--strict` (run, validate, sweep, calibrate): warnings become errors, exit status 2, nothing
/// written. The warning used is the guard on Danish number habits (issue 19 item 8).
#include <catch2/catch.hpp>

#include "process.hpp"

using namespace caseflow::testing;
namespace fs = std::filesystem;

namespace {

const fs::path kScenario = fs::path(CASEFLOW_TEST_DATA) / "economics" / "intervention_lines.yaml";
const std::string kThreeDecimals = "interventions.projekt.financing[1].once=498.333";

}  // namespace

TEST_CASE("A three-decimal amount is a warning, and an error under --strict with nothing written", "[cli]") {
  TempDir tmp("strict");
  const Outcome warned = run_caseflow({"run", kScenario.string(), "--set", kThreeDecimals, "--out",
                                       (tmp.path() / "ok").string(), "--quiet"},
                                      tmp.path() / "log1");
  CHECK(warned.exit_status == 0);
  CHECK(warned.err.find("--set:1:") != std::string::npos);
  CHECK(warned.err.find("warning: interventions.projekt.financing[1].once: 498.333 has exactly three decimals") !=
        std::string::npos);
  CHECK(warned.err.find("write 498333") != std::string::npos);
  CHECK(fs::exists(tmp.path() / "ok" / "budget.csv"));

  const Outcome strict = run_caseflow({"run", kScenario.string(), "--set", kThreeDecimals, "--out",
                                       (tmp.path() / "strict").string(), "--quiet", "--strict"},
                                      tmp.path() / "log2");
  CHECK(strict.exit_status == 2);
  CHECK(strict.err.find("error: interventions.projekt.financing[1].once: 498.333 has exactly three decimals") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(tmp.path() / "strict"));

  const Outcome validate = run_caseflow({"validate", kScenario.string(), "--set", kThreeDecimals, "--strict"},
                                        tmp.path() / "log3");
  CHECK(validate.exit_status == 2);
  CHECK(validate.out.find("ok:") == std::string::npos);
  const Outcome plain = run_caseflow({"validate", kScenario.string(), "--strict"}, tmp.path() / "log4");
  CHECK(plain.exit_status == 0);
}
