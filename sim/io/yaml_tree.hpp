#pragma once
/// @file yaml_tree.hpp
/// A small YAML document tree with source positions, built from yaml-cpp's parser events.
///
/// Why not YAML::Node: yaml-cpp keeps only one of two duplicate keys on lookup, its marks are
/// 0-based byte columns, and a node does not know its key path. Here every node carries the
/// file it came from, its 1-based line and column (in characters, so Danish letters count
/// once) and its key path in that file, and those survive merging an intervention's patch
/// into the baseline: an error inside a patch still points into the patch.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/diagnostics.hpp"

namespace caseflow::io {

/// 1-based position in a source; 0 = unknown.
struct SourceMark {
  int line = 0;
  int column = 0;
};

struct MapEntry;

/// One YAML value: null, scalar, list (sequence) or map, with where it was written.
struct Node {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  std::string file;   ///< source name: the scenario file, or `--set` for an override
  SourceMark mark;    ///< where the value starts
  std::string path;   ///< key path in its source, e.g. `transitions.jobparat.job.rate`
  std::string text;   ///< Kind::scalar: the value as written (unescaped)
  bool plain = true;  ///< Kind::scalar: written without quotes or tag, so it may be a number
  std::vector<Node> items;        ///< Kind::sequence
  std::vector<MapEntry> entries;  ///< Kind::map, in file order, keys unique

  [[nodiscard]] bool is_map() const { return kind == Kind::map; }
  [[nodiscard]] bool is_sequence() const { return kind == Kind::sequence; }
  [[nodiscard]] bool is_scalar() const { return kind == Kind::scalar; }
  [[nodiscard]] bool is_null() const { return kind == Kind::null; }
  /// The value under `key` in a map, or nullptr.
  [[nodiscard]] const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
  /// The entry for `key` in a map, or nullptr.
  [[nodiscard]] const MapEntry* entry(std::string_view key) const;
  /// How the value reads in a message: `"fast"`, `-3`, `a list`, `a map`, `nothing`.
  [[nodiscard]] std::string describe() const;
};

/// A key and its value; the key's own position is kept for "unknown key" and duplicates.
struct MapEntry {
  std::string key;
  SourceMark key_mark;
  Node value;
};

/// How to name and place what a parse produces.
struct ParseOptions {
  std::string file;        ///< source name used in nodes and messages
  std::string root_path;   ///< key path of the document's root ("" for a scenario file)
  int line_offset = 0;     ///< added to every line (0 for a file)
  int column_offset = 0;   ///< added to columns on the first line (text embedded in `--set`)
  int max_depth = 64;      ///< deeper nesting is an error (guards the typing recursion)
};

/// Parses one YAML document. Problems (bad UTF-8, control bytes, tabs in indentation,
/// syntax errors, duplicate keys, more than one document, nesting too deep) go to `sink`.
/// Returns nullopt when nothing usable was read; with no error in `sink` that means the
/// text holds no document at all (empty, or only comments).
std::optional<Node> parse_yaml(std::string_view text, const ParseOptions& options, DiagnosticSink& sink);

/// `base` with `patch` deep-merged in: maps merge key by key (the base's keys keep their
/// order, new keys follow), scalars and lists replace, and a null in the patch removes the
/// key. Nodes taken from the patch keep their own file, marks and paths.
Node deep_merge(const Node& base, const Node& patch);

/// Sets `node.path` to `path` and renames its descendants to match (for aliases and for
/// values moved by `--set`).
void rebase_paths(Node& node, const std::string& path);

/// `parent.key`, or `key` when the parent is the root.
std::string join_path(const std::string& parent, std::string_view key);

}  // namespace caseflow::io
