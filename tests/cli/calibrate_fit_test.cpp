/// `caseflow calibrate` says when a fit cannot be used (issue 15, item 11): a value stuck at a
/// bound or a solver that did not converge is exit 1 with a report that says so; targets that
/// do not determine a value print no `± nan`; a path freed twice is refused before fitting.
#include <catch2/catch.hpp>

#include "process.hpp"

using namespace caseflow::testing;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const fs::path kScenario = fs::path(CASEFLOW_TEST_DATA) / "calibrate" / "two_rates.yaml";

fs::path targets(const fs::path& dir, const std::string& name, const std::string& rows) {
  const fs::path path = dir / name;
  std::ofstream(path, std::ios::binary) << "kind,year_or_week,state_or_from,to,value\n" << rows;
  return path;
}

}  // namespace

TEST_CASE("calibrate: an impossible target leaves the value at its bound: exit 1, and the report says it did not converge",
          "[calibrate][robustness]") {
  TempDir tmp("calibrate-bound");
  const fs::path csv = targets(tmp.path(), "impossible.csv", "stock,26,a,,100000\n");
  const fs::path out = tmp.path() / "fit";
  const Outcome o = run_caseflow({"calibrate", kScenario.string(), "--targets", csv.string(), "--free", "transitions.a.job.rate",
                                  "--out", out.string(), "--threads", "2", "--replications", "4"},
                                 tmp.path() / "log");
  INFO("stdout: " << o.out << "\nstderr: " << o.err);
  CHECK(o.exit_status == 1);
  CHECK_THAT(o.err, Contains("transitions.a.job.rate stopped at its lower bound 0"));
  CHECK_THAT(o.out, Contains("The fit cannot be used"));
  const std::string manifest = read_text(out / "manifest.json");
  CHECK_THAT(manifest, Contains("\"converged\": false"));
  CHECK_THAT(manifest, Contains("\"at_bound\": [\"transitions.a.job.rate\"]"));
}

TEST_CASE("calibrate: targets that cannot determine the values print no '± nan' and write no nan", "[calibrate][robustness]") {
  TempDir tmp("calibrate-conflict");
  // Two figures for the same stock: no value of either rate meets both.
  const fs::path csv = targets(tmp.path(), "conflict.csv", "stock,26,a,,200\nstock,26,a,,1800\n");
  const fs::path out = tmp.path() / "fit";
  const Outcome o = run_caseflow({"calibrate", kScenario.string(), "--targets", csv.string(), "--free", "transitions.a.job.rate",
                                  "--free", "transitions.b.job.rate", "--out", out.string(), "--threads", "2", "--replications", "4"},
                                 tmp.path() / "log");
  INFO("stdout: " << o.out << "\nstderr: " << o.err);
  CHECK((o.exit_status == 0 || o.exit_status == 1));
  CHECK_THAT(o.out, !Contains("nan"));
  CHECK_THAT(o.out, Contains("se unknown: the targets do not determine it"));
  CHECK_THAT(read_text(out / "parameters.csv"), !Contains("nan"));
}

TEST_CASE("calibrate: the same path in two --free arguments is exit 2 before anything is simulated", "[calibrate][robustness]") {
  TempDir tmp("calibrate-twice");
  const fs::path csv = targets(tmp.path(), "t.csv", "stock,26,a,,1000\n");
  const fs::path out = tmp.path() / "fit";
  for (const auto& second : {std::string("transitions.a.job.rate"), std::string("transitions.b.job.rate,transitions.a.job.rate")}) {
    const Outcome o = run_caseflow({"calibrate", kScenario.string(), "--targets", csv.string(), "--free", "transitions.a.job.rate",
                                    "--free", second, "--out", out.string(), "--threads", "2", "--replications", "200"},
                                   tmp.path() / "log");
    INFO("stderr: " << o.err);
    CHECK(o.exit_status == 2);
    CHECK_THAT(o.err, Contains("--free:1:1: error: transitions.a.job.rate: given in --free 'transitions.a.job.rate' and again"));
    CHECK(o.seconds < 5.0);
    CHECK(!fs::exists(out));
  }
}
