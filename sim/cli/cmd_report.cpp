/// @file cmd_report.cpp
/// `caseflow report RESULTS_DIR [--out FILE] [--lang da|en]`: wires the command line to
/// report::write_report. No logic here beyond options and the exit status.

#include <iostream>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "files/output_folder.hpp"
#include "report/html_report.hpp"
#include "report/report_error.hpp"

namespace caseflow::cli {

void add_report_command(CLI::App& app, int& status) {
  struct Options {
    std::string results_dir;
    std::string out;
    std::string lang = "da";
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Write a self-contained HTML report (budget tables, charts, assumptions) for a results folder");
  cmd->add_option("RESULTS_DIR", opts->results_dir, "Results folder written by 'caseflow run'")->required();
  cmd->add_option("--out", opts->out, "Report file (default: RESULTS_DIR/report.html)");
  add_lang_option(*cmd, opts->lang, "the report");
  cmd->callback([opts, &status] {
    status = guarded([&] {
      report::ReportOptions ro;
      ro.results_dir = opts->results_dir;
      ro.out = opts->out;
      ro.lang = report::parse_lang(opts->lang).value_or(report::Lang::da);
      // An --out that names a folder is refused before anything is read; the results folder
      // (or, with --out elsewhere, the report file) is locked against another caseflow for the
      // command's life, as run and sweep lock theirs.
      if (!opts->out.empty() && std::filesystem::is_directory(opts->out)) {
        throw files::OutputRefused("--out " + opts->out + ": is a folder; give the report's file name, e.g. --out " +
                                   (std::filesystem::path(opts->out) / "report.html").string());
      }
      std::error_code ec;
      const auto existing = std::filesystem::symlink_status(opts->out, ec);
      if (!opts->out.empty() && std::filesystem::exists(existing) && !std::filesystem::is_regular_file(existing) &&
          !std::filesystem::is_symlink(existing)) {
        throw files::OutputRefused("--out " + opts->out + ": exists and is not a regular file; give the report's file name");
      }
      std::optional<files::FolderLock> lock;
      if (!opts->out.empty()) {
        lock.emplace(opts->out);
      } else if (std::filesystem::is_directory(opts->results_dir)) {
        lock.emplace(opts->results_dir);
      }
      try {
        const auto written = report::write_report(ro);
        std::cout << "wrote " << written.string() << '\n';
      } catch (const report::InputError& e) {
        // Bad or missing input: the message already names the path (GCC style); exit 2.
        std::cerr << e.what() << '\n';
        return 2;
      }
      return 0;
    });
  });
}

}  // namespace caseflow::cli
