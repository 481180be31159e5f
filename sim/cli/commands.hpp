#pragma once
/// @file commands.hpp
/// Each `caseflow COMMAND` lives in its own cmd_<name>.cpp and registers itself here.
/// A command's callback stores its exit status (0 done, 1 failure while running,
/// 2 bad input or usage) in `status`; wrap the body in guarded() for the error policy.

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace caseflow::cli {

void add_run_command(CLI::App& app, int& status);
void add_validate_command(CLI::App& app, int& status);
void add_graph_command(CLI::App& app, int& status);
void add_analytic_command(CLI::App& app, int& status);
void add_sweep_command(CLI::App& app, int& status);
void add_calibrate_command(CLI::App& app, int& status);
void add_report_command(CLI::App& app, int& status);
void add_breakeven_command(CLI::App& app, int& status);

/// Runs `body` and maps failures to exit statuses: io::InputError -> every diagnostic on
/// stderr, 2; files::OutputRefused (an unusable --out) -> `caseflow: error: …`, 2; any other exception -> `caseflow: error: …` on stderr, 1.
int guarded(const std::function<int()>& body);

/// Options several commands share, with one text each: `--lang da|en` ("Language of WHAT: da
/// (default) or en"), `--allow-large` (run above the work bounds), `--csv-dialect
/// standard|excel-da`.
void add_lang_option(CLI::App& command, std::string& lang, const std::string& what);
void add_allow_large_flag(CLI::App& command, bool& allow_large);
void add_csv_dialect_option(CLI::App& command, std::string& dialect);

}  // namespace caseflow::cli
