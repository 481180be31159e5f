/// caseflow: command-line entry point. Wiring only; each command lives in cmd_<name>.cpp.
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/version.hpp"

int main(int argc, char** argv) {
  using namespace caseflow::cli;
  CLI::App app{"caseflow: discrete-event simulation of jobcentre caseloads and the budget case for interventions"};
  app.set_version_flag("--version", std::string("caseflow ") + kVersion + " (" + kGitCommit + ")");
  app.require_subcommand(1);
  int status = 0;
  add_run_command(app, status);
#ifdef CASEFLOW_HAVE_CMD_VALIDATE
  add_validate_command(app, status);
#endif
#ifdef CASEFLOW_HAVE_CMD_GRAPH
  add_graph_command(app, status);
#endif
#ifdef CASEFLOW_HAVE_CMD_ANALYTIC
  add_analytic_command(app, status);
#endif
#ifdef CASEFLOW_HAVE_CMD_SWEEP
  add_sweep_command(app, status);
#endif
#ifdef CASEFLOW_HAVE_CMD_CALIBRATE
  add_calibrate_command(app, status);
#endif
#ifdef CASEFLOW_HAVE_CMD_REPORT
  add_report_command(app, status);
#endif
#ifdef CASEFLOW_HAVE_CMD_KEYS
  add_keys_command(app, status);
#endif
#ifdef CASEFLOW_HAVE_CMD_BREAKEVEN
  add_breakeven_command(app, status);
#endif
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Usage errors exit 2 (the contract), help and version exit 0.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return status;
}
