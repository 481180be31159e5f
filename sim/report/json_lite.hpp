#pragma once
/// @file json_lite.hpp
/// Just enough JSON to read manifest.json: objects, arrays, strings, numbers, true/false/null.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow::report {

/// A parsed JSON value. Numbers keep their source text so a seed prints exactly as written.
struct JsonValue {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  bool boolean = false;
  std::string text;  ///< the string's value, or a number's source text
  std::vector<JsonValue> items;
  std::map<std::string, JsonValue> members;

  /// Member `key` of an object, or nullptr.
  [[nodiscard]] const JsonValue* get(const std::string& key) const;
  /// Member `key` as display text ("" if absent; arrays joined with ", ").
  [[nodiscard]] std::string text_of(const std::string& key) const;
};

/// Parses `text`; throws InputError naming `name`, line and column on a syntax error or on
/// nesting deeper than 64 levels (so hostile input cannot exhaust the stack).
JsonValue parse_json(std::string_view text, const std::string& name);

}  // namespace caseflow::report
