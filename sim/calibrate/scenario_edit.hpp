#pragma once
/// @file scenario_edit.hpp
/// Writing fitted values back into a scenario file without disturbing it: each value's token
/// is replaced where it stands (found from the YAML tree's line and column), and the line gets
/// a `# calibrated: was X` comment, so the file's comments, order and layout survive.

#include <string>
#include <string_view>
#include <vector>

#include "io/yaml_tree.hpp"

namespace caseflow::calibrate {

/// A plain scalar of the file found by key path.
struct ScalarLocation {
  int line = 0;      ///< 1-based
  int column = 0;    ///< 1-based, in characters
  std::string text;  ///< as written
};

/// Finds the value at `path` (`a.b[2][1].c`) in the parsed file `root`. Returns an empty
/// string and fills `location` when it is a plain scalar written in the file; otherwise
/// returns what is wrong (no such key, a list, a quoted string, …).
std::string locate_scalar(const io::Node& root, const std::string& path, ScalarLocation& location);

/// One value to write: the token at `at` (whose text must read `at.text`) becomes `text`.
struct Replacement {
  ScalarLocation at;
  std::string text;
};

/// `source` with every replacement made and `  # calibrated: was X` (several: `was X, Y`)
/// appended to each changed line. Throws std::runtime_error when a token is not where the
/// tree says (the file changed in between).
std::string replace_scalars(std::string_view source, const std::vector<Replacement>& replacements);

}  // namespace caseflow::calibrate
