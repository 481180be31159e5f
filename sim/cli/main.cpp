// Minimal entry point so `caseflow report` builds on the report branch before the lead's
// main.cpp lands; the lead's version (all commands, io::InputError policy) replaces it.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace caseflow::cli {

int guarded(const std::function<int()>& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    std::cerr << "caseflow: error: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace caseflow::cli

int main(int argc, char** argv) {
  CLI::App app{"caseflow: jobcentre caseload flows, costs and savings per budget year"};
  app.require_subcommand(1);
  int status = 0;
  caseflow::cli::add_report_command(app, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return status;
}
