#include "io/scenario_loader.hpp"
#include "io/scenario_diff.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <tuple>

#include <fmt/core.h>

#include "io/overrides.hpp"
#include "io/scenario_typer.hpp"
#include "io/sha256.hpp"
#include "io/yaml_tree.hpp"

namespace caseflow::io {

namespace {
/// Larger files are refused before reading: a scenario is a few kilobytes, and a mistaken
/// path (a data dump, a disk image) should fail at once rather than exhaust memory.
constexpr std::uintmax_t kMaxFileBytes = 64ull * 1024 * 1024;
}  // namespace

struct ScenarioDocument::Impl {
  std::string file;
  std::string sha256;
  Node root;
};

ScenarioDocument::ScenarioDocument() : impl_(std::make_unique<Impl>()) {}
ScenarioDocument::~ScenarioDocument() = default;
ScenarioDocument::ScenarioDocument(ScenarioDocument&&) noexcept = default;
ScenarioDocument& ScenarioDocument::operator=(ScenarioDocument&&) noexcept = default;

const std::string& ScenarioDocument::file() const { return impl_->file; }
const std::string& ScenarioDocument::sha256() const { return impl_->sha256; }

Override parse_override(const std::string& text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw InputError({Diagnostic{Diagnostic::Severity::error, "--set", 1, 1, "",
                                 fmt::format("expected PATH=VALUE (e.g. transitions.jobparat.job.rate=0.035), got "
                                             "\"{}\"",
                                             text)}});
  }
  return Override{text.substr(0, eq), text.substr(eq + 1), "--set"};
}

ScenarioDocument read_scenario_document(const std::filesystem::path& file) {
  const std::string name = file.string();
  auto fail = [&](int line, int column, const std::string& message) {
    throw InputError({Diagnostic{Diagnostic::Severity::error, name, line, column, "", message}});
  };
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status)) fail(0, 0, "cannot read the scenario file: no such file");
  if (std::filesystem::is_directory(status)) fail(0, 0, "cannot read the scenario file: it is a directory");
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (!ec && size > kMaxFileBytes) {
    fail(0, 0, fmt::format("the file is {:.1f} MiB; scenario files are limited to 64 MiB",
                           static_cast<double>(size) / (1024.0 * 1024.0)));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(0, 0, fmt::format("cannot read the scenario file: {}", std::strerror(errno)));
  std::string bytes;
  // Read in chunks, stopping just past the limit, so that a special file without a size (a
  // pipe) is still bounded and a small file costs no 64 MiB buffer (memory and page faults).
  std::array<char, 1 << 16> chunk{};
  while (in && bytes.size() <= kMaxFileBytes) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    bytes.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (bytes.size() > kMaxFileBytes) fail(0, 0, "the file is larger than 64 MiB, the limit for scenario files");
  if (in.bad()) fail(0, 0, "cannot read the scenario file: read error");
  return read_scenario_text(bytes, name);
}

ScenarioDocument read_scenario_text(const std::string& bytes, const std::string& name) {
  auto fail = [&](int line, int column, const std::string& message) {
    throw InputError({Diagnostic{Diagnostic::Severity::error, name, line, column, "", message}});
  };
  ScenarioDocument document;
  document.impl().file = name;
  document.impl().sha256 = sha256_hex(bytes);

  DiagnosticSink sink;
  ParseOptions options;
  options.file = name;
  std::optional<Node> root = parse_yaml(bytes, options, sink);
  sink.throw_if_errors();
  if (!root || root->is_null()) {
    fail(1, 1, "the file holds no scenario (it is empty or only comments; expected a map with 'scenario', "
               "'states', …)");
  }
  document.impl().root = std::move(*root);
  return document;
}

namespace {
const Node* find_by_path(const Node& node, const std::string& key_path) {
  if (node.path == key_path) return &node;
  // Only descend where the key path can continue (paths are prefixes of their children's).
  if (!key_path.empty() && key_path.compare(0, node.path.size(), node.path) != 0) return nullptr;
  for (const auto& item : node.items) {
    if (const Node* hit = find_by_path(item, key_path)) return hit;
  }
  for (const auto& e : node.entries) {
    if (const Node* hit = find_by_path(e.value, key_path)) return hit;
  }
  return nullptr;
}
}  // namespace

std::pair<int, int> find_source_position(const ScenarioDocument& document, const std::string& key_path) {
  const Node* node = find_by_path(document.impl().root, key_path);
  if (node == nullptr) return {0, 0};
  return {node->mark.line, node->mark.column};
}

model::Scenario build_scenario(const ScenarioDocument& document, const std::vector<Override>& overrides,
                               std::vector<Diagnostic>* warnings) {
  DiagnosticSink sink;
  Node root = document.impl().root;
  apply_overrides(root, overrides, sink);
  model::Scenario scenario = type_scenario(root, document.file(), sink);
  if (warnings != nullptr) {
    *warnings = sink.warnings();
    std::stable_sort(warnings->begin(), warnings->end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
  }
  sink.throw_if_errors();
  return scenario;
}

Node overridden_tree(const ScenarioDocument& document, const std::vector<Override>& overrides) {
  DiagnosticSink sink;
  Node root = document.impl().root;
  apply_overrides(root, overrides, sink);
  return root;
}

model::Scenario load_scenario(const std::filesystem::path& file, const std::vector<Override>& overrides,
                              std::vector<Diagnostic>* warnings) {
  return build_scenario(read_scenario_document(file), overrides, warnings);
}

Diagnostic error_at(const model::Origin& origin, const std::string& fallback_file, const std::string& message) {
  return Diagnostic{Diagnostic::Severity::error, origin.file.empty() ? fallback_file : origin.file, origin.line, origin.column,
                    origin.path, message};
}

}  // namespace caseflow::io
