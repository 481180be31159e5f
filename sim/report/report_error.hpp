#pragma once
/// @file report_error.hpp
/// Bad or missing input to `caseflow report` (exit status 2).

#include <stdexcept>
#include <string>

namespace caseflow::report {

/// A results folder or file that is missing or malformed. what() is one GCC-style line,
/// `PATH[:LINE:COL]: error: what is wrong (expected …, found …)`, ready for stderr.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Builds the GCC-style message; line/column 0 leave the position out.
std::string error_line(const std::string& file, int line, int column, const std::string& message);

}  // namespace caseflow::report
