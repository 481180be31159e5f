#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "files/atomic_file.hpp"
#include "io/diagnostics.hpp"

namespace caseflow::cli {

int guarded(const std::function<int()>& body) {
  try {
    return body();
  } catch (const io::InputError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.format() << '\n';
    return 2;
  } catch (const files::OutputRefused& e) {
    std::cerr << "caseflow: error: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "caseflow: error: " << e.what() << '\n';
    return 1;
  }
}

void add_lang_option(CLI::App& command, std::string& lang, const std::string& what) {
  command.add_option("--lang", lang, "Language of " + what + ": da (default) or en")->check(CLI::IsMember({"da", "en"}));
}

void add_allow_large_flag(CLI::App& command, bool& allow_large) {
  command.add_flag("--allow-large", allow_large,
                   "Run even when the work is estimated above the bounds (10^12 events, or 1,000 state changes per citizen-week)");
}

void add_csv_dialect_option(CLI::App& command, std::string& dialect) {
  command.add_option("--csv-dialect", dialect, "standard (`,`, decimal point) or excel-da (`;`, decimal comma, UTF-8 BOM: opens in Danish Excel)")
      ->check(CLI::IsMember({"standard", "excel-da"}));
}

}  // namespace caseflow::cli
