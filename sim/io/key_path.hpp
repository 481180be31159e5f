#pragma once
/// @file key_path.hpp
/// The one parser of key paths into a scenario document (`transitions.jobparat.job.rate`,
/// `initial[0].count`, `transitions.a.job.piecewise[2][1]`), used by `--set`, a sweep's
/// parameters and calibration's free parameters, and the one walk that follows such a path
/// in a document tree.
///
/// Grammar: `path = key { "." key | "[" index "]" }`, where a key is one or more characters
/// other than `.`, `[` and `]` (the characters scenario names may not contain) and an index is
/// 1 to 9 decimal digits. So `a[0]b`, `a.[0]`, `[0].a`, `.a`, `a..b`, `a.`, `a[`, `a[]`,
/// `a[x]`, `a[-1]` and `a]` are all rejected, wherever the path comes from.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "io/yaml_tree.hpp"

namespace caseflow::io {

/// One step of a key path: a map key or a list index.
struct PathStep {
  bool is_index = false;
  std::string key;         ///< the key, when !is_index
  std::size_t index = 0;   ///< the list index, when is_index
  std::size_t offset = 0;  ///< byte offset in the path text: the key's first byte, or its '['
};

/// A parsed key path, or what is wrong with it.
struct KeyPath {
  std::vector<PathStep> steps;  ///< empty when the path is malformed
  std::string error;            ///< empty when the path is well formed
  std::size_t error_offset = 0; ///< byte offset in the path text that `error` points at

  [[nodiscard]] bool ok() const { return error.empty(); }
};

/// Parses `path` by the grammar above.
KeyPath parse_key_path(std::string_view path);

/// Follows `path` from `root`. Returns the node, or nullptr with `why` saying which step failed
/// (a malformed path, a missing key with a suggestion, an index out of range, a scalar where a
/// map or list was needed).
const Node* find_path(const Node& root, std::string_view path, std::string& why);

}  // namespace caseflow::io
