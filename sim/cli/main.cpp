/// caseflow: command-line entry point. Wiring only; each command lives in cmd_<name>.cpp.
#include <algorithm>
#include <csignal>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "io/diagnostics.hpp"
#include "cli/version.hpp"
#include "engine/system_memory.hpp"

int main(int argc, char** argv) {
  using namespace caseflow::cli;
  caseflow::engine::keep_freed_memory();
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
  add_breakeven_command(app, status);
  // A closed pipe (`caseflow run | head`) must not kill the program: results are written before
  // anything is printed, and a write to a closed stdout then fails quietly (EPIPE) instead.
  std::signal(SIGPIPE, SIG_IGN);
  // An unknown command is named, with the commands there are (CLI11 would only say that a
  // subcommand is required).
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      const std::string near = caseflow::io::closest_match(argv[1], names);
      std::cerr << "caseflow: error: unknown command '" << argv[1] << "'" << (near.empty() ? "" : "; did you mean '" + near + "'?")
                << "\n  commands: " << list << "\n  (caseflow --help for what each does)\n";
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Usage errors exit 2 (the contract), help and version exit 0.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return status == kInterruptedStatus ? interrupted_status() : status;
}
