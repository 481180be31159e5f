// The source-marked YAML tree: positions in characters, key paths, and deep merging.

#include <catch2/catch.hpp>

#include "io/yaml_tree.hpp"

namespace io = caseflow::io;

namespace {
io::Node parse(const std::string& text, const std::string& file = "t.yaml", const std::string& root = "") {
  io::DiagnosticSink sink;
  io::ParseOptions options;
  options.file = file;
  options.root_path = root;
  auto node = io::parse_yaml(text, options, sink);
  REQUIRE_FALSE(sink.has_errors());
  REQUIRE(node.has_value());
  return *node;
}
}  // namespace

TEST_CASE("Tree nodes carry 1-based positions in characters and their key paths", "[io]") {
  const io::Node root = parse("løntilskud:\n  sats: [1, \"to\"]\n  æøå: {x: 3}\n");
  const io::Node* sats = root.find("løntilskud")->find("sats");
  REQUIRE(sats != nullptr);
  CHECK(sats->path == "løntilskud.sats");
  CHECK(sats->mark.line == 2);
  CHECK(sats->mark.column == 9);
  REQUIRE(sats->items.size() == 2);
  CHECK(sats->items[1].path == "løntilskud.sats[1]");
  CHECK(sats->items[1].mark.column == 13);
  CHECK(sats->items[0].plain);
  CHECK_FALSE(sats->items[1].plain);  // quoted: a string even if it looked like a number
  const io::Node* x = root.find("løntilskud")->find("æøå")->find("x");
  REQUIRE(x != nullptr);
  CHECK(x->mark.column == 12);  // "  æøå: {x: " is 11 characters (14 bytes)
  CHECK(x->describe() == "3");
  CHECK(sats->items[1].describe() == "\"to\"");
}

TEST_CASE("Aliases copy the anchored value under their own path", "[io]") {
  const io::Node root = parse("a: &std {x: 1}\nb: *std\n");
  const io::Node* b = root.find("b");
  REQUIRE(b != nullptr);
  REQUIRE(b->is_map());
  CHECK(b->find("x")->text == "1");
  CHECK(b->find("x")->path == "b.x");
}

TEST_CASE("Deep merge merges maps, replaces scalars and lists, removes keys set to null", "[io]") {
  const io::Node base = parse("pools: {p: {fte: 4, meetings_per_fte_week: 20}}\nlist: [1, 2, 3]\nkeep: 1\ngone: 2\n");
  const io::Node patch = parse("pools: {p: {fte: 6}, q: {fte: 1}}\nlist: [9]\ngone: null\n", "t.yaml",
                               "interventions.x.patch");
  const io::Node merged = io::deep_merge(base, patch);
  const io::Node* p = merged.find("pools")->find("p");
  CHECK(p->find("fte")->text == "6");
  CHECK(p->find("fte")->path == "interventions.x.patch.pools.p.fte");  // points into the patch
  CHECK(p->find("fte")->mark.line == 1);
  CHECK(p->find("meetings_per_fte_week")->text == "20");
  CHECK(p->find("meetings_per_fte_week")->path == "pools.p.meetings_per_fte_week");
  REQUIRE(merged.find("pools")->entries.size() == 2);
  CHECK(merged.find("pools")->entries[1].key == "q");
  REQUIRE(merged.find("list")->items.size() == 1);
  CHECK(merged.find("list")->items[0].text == "9");
  CHECK(merged.find("keep")->text == "1");
  CHECK(merged.find("gone") == nullptr);
  // The base itself is unchanged.
  CHECK(base.find("list")->items.size() == 3);
  CHECK(base.find("pools")->find("p")->find("fte")->text == "4");
}

TEST_CASE("Text embedded in an override is placed after the path", "[io]") {
  io::DiagnosticSink sink;
  io::ParseOptions options;
  options.file = "--set";
  options.root_path = "a.b";
  options.column_offset = 4;  // "a.b="
  const auto node = io::parse_yaml("[1, x]", options, sink);
  REQUIRE(node.has_value());
  CHECK(node->mark.line == 1);
  CHECK(node->mark.column == 5);
  CHECK(node->items[1].mark.column == 9);
  CHECK(node->items[1].path == "a.b[1]");
}

TEST_CASE("A second YAML document is an error", "[io]") {
  io::DiagnosticSink sink;
  io::ParseOptions options;
  options.file = "two.yaml";
  io::parse_yaml("a: 1\n---\nb: 2\n", options, sink);
  REQUIRE(sink.items().size() == 1);
  CHECK(sink.items()[0].format() == "two.yaml:2:1: error: a second YAML document ('---'); a scenario is one document");
}
