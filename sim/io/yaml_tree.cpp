#include "io/yaml_tree.hpp"

#include <cstdint>
#include <cstdlib>
#include <map>
#include <sstream>

#include <fmt/core.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace caseflow::io {

const Node* Node::find(std::string_view key) const {
  const MapEntry* e = entry(key);
  return e ? &e->value : nullptr;
}

Node* Node::find(std::string_view key) {
  for (auto& e : entries) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

const MapEntry* Node::entry(std::string_view key) const {
  for (const auto& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

std::string Node::describe() const {
  switch (kind) {
    case Kind::null:
      return "nothing";
    case Kind::sequence:
      return "a list";
    case Kind::map:
      return "a map";
    case Kind::scalar:
      break;
  }
  // Plain scalars that read as numbers or booleans are shown as written; anything else is
  // quoted, so that `got "fast"` and `got "0.5"` (a quoted string) are told apart.
  if (plain) {
    char* end = nullptr;
    const std::string t = text;
    std::strtod(t.c_str(), &end);
    const bool number = !t.empty() && end == t.c_str() + t.size();
    const bool special = t == ".nan" || t == ".NaN" || t == ".NAN" || t == ".inf" || t == "-.inf" || t == "+.inf" ||
                         t == ".Inf" || t == "-.Inf" || t == ".INF" || t == "-.INF" || t == "true" || t == "false";
    if (number || special) return t;
  }
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    if (c == '\n') {
      quoted += "\\n";
      continue;
    }
    quoted += c;
  }
  if (quoted.size() > 61) quoted = quoted.substr(0, 57) + "...";
  return quoted + '"';
}

std::string join_path(const std::string& parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string out = parent;
  out += '.';
  out += key;
  return out;
}

void rebase_paths(Node& node, const std::string& path) {
  node.path = path;
  for (std::size_t i = 0; i < node.items.size(); ++i) rebase_paths(node.items[i], path + "[" + std::to_string(i) + "]");
  for (auto& e : node.entries) rebase_paths(e.value, join_path(path, e.key));
}

Node deep_merge(const Node& base, const Node& patch) {
  if (!base.is_map() || !patch.is_map()) return patch;
  Node out = base;
  for (const auto& pe : patch.entries) {
    auto it = out.entries.begin();
    while (it != out.entries.end() && it->key != pe.key) ++it;
    if (pe.value.is_null()) {
      if (it != out.entries.end()) out.entries.erase(it);
      continue;
    }
    if (it == out.entries.end()) {
      out.entries.push_back(pe);
    } else if (it->value.is_map() && pe.value.is_map()) {
      it->value = deep_merge(it->value, pe.value);
    } else {
      // The patch's key position is where the replacement was written.
      it->key_mark = pe.key_mark;
      it->value = pe.value;
    }
  }
  return out;
}

namespace {

/// Byte offsets of line starts, to turn yaml-cpp's byte positions into character columns.
class LineTable {
 public:
  explicit LineTable(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }
  /// 1-based character column of the byte at `pos` on 0-based `line`.
  [[nodiscard]] int column(int line, std::size_t pos) const {
    if (line < 0 || static_cast<std::size_t>(line) >= starts_.size()) return 1;
    const std::size_t start = starts_[static_cast<std::size_t>(line)];
    if (pos < start || pos > text_.size()) return 1;
    int col = 1;
    for (std::size_t i = start; i < pos; ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xc0) != 0x80) ++col;  // skip continuation bytes
    }
    return col;
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

/// Checks that the text is UTF-8 without control bytes and indented with spaces only; reports
/// the first problem of each kind per line. Returns false when parsing is pointless.
bool prescan(std::string_view text, const ParseOptions& options, DiagnosticSink& sink) {
  int line = 1, column = 1;
  bool at_indent = true, tab_in_indent = false;
  int tab_column = 0;
  bool ok = true;
  auto where_line = [&](int l) { return l + options.line_offset; };
  auto where_col = [&](int l, int c) { return l == 1 ? c + options.column_offset : c; };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    if (c >= 0x80) {
      length = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
      bool valid = length != 0 && i + length <= text.size() && c != 0xc0 && c != 0xc1 && c <= 0xf4;
      for (std::size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
      if (!valid) {
        sink.error(options.file, where_line(line), where_col(line, column), options.root_path,
                   fmt::format("the file is not UTF-8 text (invalid byte 0x{:02x}); save it as UTF-8", c));
        return false;
      }
    } else if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
      sink.error(options.file, where_line(line), where_col(line, column), options.root_path,
                 fmt::format("control character 0x{:02x} in the text (is this a binary file?)", c));
      return false;
    }
    if (c == '\n') {
      ++line;
      column = 1;
      at_indent = true;
      tab_in_indent = false;
      i += 1;
      continue;
    }
    if (at_indent) {
      if (c == '\t') {
        if (!tab_in_indent) tab_column = column;
        tab_in_indent = true;
      } else if (c != ' ' && c != '\r') {
        at_indent = false;
        if (tab_in_indent && c != '#') {
          sink.error(options.file, where_line(line), where_col(line, tab_column), options.root_path,
                     "tab character in indentation (YAML indents with spaces only)");
          ok = false;
        }
      }
    }
    ++column;
    i += length;
  }
  return ok;
}

/// Builds the tree from parser events.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, const ParseOptions& options, DiagnosticSink& sink)
      : lines_(text), options_(options), sink_(sink) {}

  std::optional<Node> take_root() { return std::move(root_); }
  [[nodiscard]] bool stopped() const { return stopped_; }
  [[nodiscard]] bool too_deep() const { return too_deep_; }

  SourceMark convert(const YAML::Mark& m) const {
    if (m.is_null()) return {};
    const int col = lines_.column(m.line, static_cast<std::size_t>(m.pos));
    return SourceMark{m.line + 1 + options_.line_offset, m.line == 0 ? col + options_.column_offset : col};
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    ++documents_;
    if (documents_ > 1 && !stopped_) {
      const SourceMark m = convert(mark);
      sink_.error(options_.file, m.line, m.column, options_.root_path,
                  "a second YAML document ('---'); a scenario is one document");
      stopped_ = true;
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node n = start(Node::Kind::null, mark);
    finish(std::move(n), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (stopped_ || too_deep_) return;
    auto it = anchors_.find(anchor);
    Node n = it != anchors_.end() ? it->second : start(Node::Kind::null, mark);
    rebase_paths(n, next_path());
    finish(std::move(n), 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node n = start(Node::Kind::scalar, mark);
    n.text = value;
    n.plain = tag == "?";
    finish(std::move(n), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(start(Node::Kind::sequence, mark), anchor, mark);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(start(Node::Kind::map, mark), anchor, mark);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Node node;
    YAML::anchor_t anchor = 0;
    bool have_key = false;  ///< map: the key of the pending entry has been read
    bool key_ok = false;    ///< … and it was a usable scalar
    std::string key;
    SourceMark key_mark;
  };

  /// The path the next value will have.
  std::string next_path() const {
    if (stack_.empty()) return options_.root_path;
    const Frame& f = stack_.back();
    if (f.node.is_sequence()) return f.node.path + "[" + std::to_string(f.node.items.size()) + "]";
    if (f.have_key) return join_path(f.node.path, f.key);
    return f.node.path;  // a key being read
  }

  Node start(Node::Kind kind, const YAML::Mark& mark) const {
    Node n;
    n.kind = kind;
    n.file = options_.file;
    n.mark = convert(mark);
    n.path = next_path();
    return n;
  }

  void open(Node n, YAML::anchor_t anchor, const YAML::Mark& mark) {
    if (stopped_) return;
    if (too_deep_ || static_cast<int>(stack_.size()) >= options_.max_depth) {
      if (!too_deep_) {
        const SourceMark m = convert(mark);
        // The path of something 64 levels down is unreadable; its start says where.
        const std::string where = n.path.size() > 40 ? n.path.substr(0, n.path.find_first_of(".[", 1)) : n.path;
        sink_.error(options_.file, m.line, m.column, where,
                    fmt::format("nested deeper than {} levels", options_.max_depth));
      }
      too_deep_ = true;
      ++skipped_depth_;
      return;
    }
    stack_.push_back(Frame{std::move(n), anchor, false, false, {}, {}});
  }

  void close() {
    if (stopped_) return;
    if (too_deep_) {
      if (--skipped_depth_ == 0) stopped_ = true;  // the document is unusable; stop building
      return;
    }
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    finish(std::move(f.node), f.anchor);
  }

  void finish(Node n, YAML::anchor_t anchor) {
    if (stopped_ || too_deep_) return;
    if (anchor != 0) anchors_[anchor] = n;
    if (stack_.empty()) {
      if (!root_) root_ = std::move(n);
      return;
    }
    Frame& f = stack_.back();
    if (f.node.is_sequence()) {
      f.node.items.push_back(std::move(n));
      return;
    }
    if (!f.have_key) {
      f.have_key = true;
      f.key_mark = n.mark;
      f.key_ok = n.is_scalar();
      f.key = n.text;
      if (!f.key_ok) {
        sink_.error(n.file, n.mark.line, n.mark.column, f.node.path,
                    fmt::format("expected a name as key, got {}", n.describe()));
      } else if (f.key.empty()) {
        sink_.error(n.file, n.mark.line, n.mark.column, f.node.path, "empty key");
        f.key_ok = false;
      }
      return;
    }
    f.have_key = false;
    if (!f.key_ok) return;
    if (const MapEntry* first = f.node.entry(f.key)) {
      sink_.error(options_.file, f.key_mark.line, f.key_mark.column, f.node.path,
                  fmt::format("duplicate key '{}' (first at line {})", f.key, first->key_mark.line));
      return;
    }
    f.node.entries.push_back(MapEntry{f.key, f.key_mark, std::move(n)});
  }

  LineTable lines_;
  const ParseOptions& options_;
  DiagnosticSink& sink_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Node> anchors_;
  std::optional<Node> root_;
  int documents_ = 0;
  bool too_deep_ = false;
  int skipped_depth_ = 0;
  bool stopped_ = false;
};

}  // namespace

std::optional<Node> parse_yaml(std::string_view text, const ParseOptions& options, DiagnosticSink& sink) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  if (!prescan(text, options, sink)) return std::nullopt;
  TreeBuilder builder(text, options, sink);
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    while (!builder.stopped() && parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& e) {
    if (builder.too_deep()) return std::nullopt;  // already reported, at the 65th level
    const SourceMark m = builder.convert(e.mark);
    std::string what = e.msg;
    if (dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr) what = "nested too deeply";
    sink.error(options.file, m.line, m.column, options.root_path, "syntax error: " + what);
    return std::nullopt;
  }
  // After duplicate keys the tree is still returned (first key kept) so that typing can go
  // on and report more; a document cut off by the depth guard is not.
  if (builder.too_deep()) return std::nullopt;
  return builder.take_root();
}

}  // namespace caseflow::io
