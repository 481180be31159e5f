#pragma once
/// @file yaml.hpp
/// A YAML text parsed into io's tree for tests that edit or walk one (key paths, calibration's
/// write-back); the test fails if the text does not parse.
#include <catch2/catch.hpp>

#include <string>

#include "io/diagnostics.hpp"
#include "io/yaml_tree.hpp"

namespace caseflow::testing {

inline io::Node parse_yaml_text(const std::string& text) {
  io::DiagnosticSink sink;
  io::ParseOptions options;
  options.file = "s.yaml";
  auto root = io::parse_yaml(text, options, sink);
  REQUIRE_FALSE(sink.has_errors());
  REQUIRE(root.has_value());
  return *root;
}

}  // namespace caseflow::testing
