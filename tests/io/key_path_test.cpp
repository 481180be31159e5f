// Key paths (`a.b[2].c`): one parser for `--set`, sweep parameters and calibration's free
// parameters, so a path is accepted or rejected the same way wherever it is written.

#include <catch2/catch.hpp>

#include "yaml.hpp"

#include <string>
#include <vector>

#include "io/key_path.hpp"
#include "io/yaml_tree.hpp"
#include "io_test_support.hpp"

namespace io = caseflow::io;
using caseflow::io::test::data;
using caseflow::io::test::errors_of;
using Lines = std::vector<std::string>;

namespace {

/// The steps of a well-formed path, written back as `key`, `[i]`, `key`, …, with their offsets.
std::string steps_of(const std::string& path) {
  const io::KeyPath parsed = io::parse_key_path(path);
  REQUIRE(parsed.ok());
  std::string out;
  for (const auto& s : parsed.steps) {
    if (!out.empty()) out += ' ';
    if (s.is_index) {
      out += '[';
      out += std::to_string(s.index);
      out += ']';
    } else {
      out += s.key;
    }
    out += '@';
    out += std::to_string(s.offset);
  }
  return out;
}

/// The error of a malformed path, as `offset: message`.
std::string error_of(const std::string& path) {
  const io::KeyPath parsed = io::parse_key_path(path);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.steps.empty());
  return std::to_string(parsed.error_offset) + ": " + parsed.error;
}

io::Node parse(const std::string& text) { return caseflow::testing::parse_yaml_text(text); }

}  // namespace

TEST_CASE("Key paths of keys, list indices and nested indices are split into steps", "[io]") {
  CHECK(steps_of("scenario") == "scenario@0");
  CHECK(steps_of("transitions.jobparat.job.rate") == "transitions@0 jobparat@12 job@21 rate@25");
  CHECK(steps_of("initial[0].count") == "initial@0 [0]@7 count@11");
  CHECK(steps_of("a.piecewise[2][1]") == "a@0 piecewise@2 [2]@11 [1]@14");
  CHECK(steps_of("meetings.opfølgning.outcomes") == "meetings@0 opfølgning@9 outcomes@21");  // offsets in bytes
  CHECK(steps_of("a[123456789]") == "a@0 [123456789]@1");
  CHECK(steps_of("x-y_z.1") == "x-y_z@0 1@6");
}

TEST_CASE("Malformed key paths are rejected with the offset of the offending character", "[io]") {
  CHECK(error_of("") == "0: empty path");
  CHECK(error_of("a[0]b") == "4: expected '.' or '[' after ']'");
  CHECK(error_of("a.[0]") == "2: empty key in the path");
  CHECK(error_of("[0].a") == "0: a path starts with a key, not a list index");
  CHECK(error_of(".a") == "0: empty key in the path");
  CHECK(error_of("a..b") == "2: empty key in the path");
  CHECK(error_of("a.") == "2: the path ends with '.'");
  CHECK(error_of("a[") == "1: unclosed '[' in the path");
  CHECK(error_of("a[]") == "1: expected a list index [0], [1], …, got []");
  CHECK(error_of("a[x]") == "1: expected a list index [0], [1], …, got [x]");
  CHECK(error_of("a[-1]") == "1: expected a list index [0], [1], …, got [-1]");
  CHECK(error_of("a[1234567890]") == "1: expected a list index [0], [1], …, got [1234567890]");
  CHECK(error_of("a]") == "1: ']' without '[' in the path");
  CHECK(error_of("a.b]") == "3: ']' without '[' in the path");
}

TEST_CASE("Following a key path names the step that fails", "[io]") {
  const io::Node root = parse("transitions:\n  a: {job: {rate: 0.1}}\nlist: [1, 2]\n");
  std::string why;
  REQUIRE(io::find_path(root, "transitions.a.job.rate", why) != nullptr);
  CHECK(io::find_path(root, "transitions.a.job.rate", why)->text == "0.1");
  CHECK(io::find_path(root, "list[1]", why)->text == "2");
  CHECK(io::find_path(root, "transitions.a.jbo", why) == nullptr);
  CHECK(why == "no key 'jbo' in 'transitions.a'; did you mean 'job'?");
  CHECK(io::find_path(root, "list[2]", why) == nullptr);
  CHECK(why == "index [2] is out of range ('list' has 2 items)");
  CHECK(io::find_path(root, "transitions[0]", why) == nullptr);
  CHECK(why == "'transitions' is a map, not a list");
  CHECK(io::find_path(root, "list.x", why) == nullptr);
  CHECK(why == "'list' is a list, not a map, so it has no key 'x'");
  CHECK(io::find_path(root, "list[0]x", why) == nullptr);
  CHECK(why == "expected '.' or '[' after ']'");
}

TEST_CASE("A malformed key path in --set is rejected at the offending character", "[io]") {
  CHECK(errors_of(data("minimal.yaml"), {io::parse_override("initial[0]count=1")}) ==
        Lines{"--set:1:11: error: initial[0]count: expected '.' or '[' after ']'"});
  CHECK(errors_of(data("minimal.yaml"), {io::parse_override("initial.[0].count=1")}) ==
        Lines{"--set:1:9: error: initial.[0].count: empty key in the path"});
}
