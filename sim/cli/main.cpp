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
  add_validate_command(app, status);
  add_graph_command(app, status);
  add_analytic_command(app, status);
  add_sweep_command(app, status);
  add_calibrate_command(app, status);
  add_report_command(app, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Usage errors exit 2 (the contract), help and version exit 0.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return status;
}
