#include "report/json_lite.hpp"

#include <fmt/format.h>

#include "report/report_error.hpp"

namespace caseflow::report {

const JsonValue* JsonValue::get(const std::string& key) const {
  auto it = members.find(key);
  return it == members.end() ? nullptr : &it->second;
}

std::string JsonValue::text_of(const std::string& key) const {
  const JsonValue* v = get(key);
  if (v == nullptr) return "";
  switch (v->kind) {
    case Kind::string:
    case Kind::number: return v->text;
    case Kind::boolean: return v->boolean ? "true" : "false";
    case Kind::array: {
      std::string out;
      for (const auto& item : v->items) out += (out.empty() ? "" : ", ") + item.text;
      return out;
    }
    default: return "";
  }
}

namespace {

class Parser {
 public:
  Parser(std::string_view s, const std::string& name) : s_(s), name_(name) {}

  JsonValue document() {
    JsonValue v = value();
    skip_ws();
    if (pos_ != s_.size()) fail("unexpected text after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    int line = 1;
    int col = 1;
    for (std::size_t i = 0; i < pos_ && i < s_.size(); ++i) {
      if (s_[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    throw InputError(error_line(name_, line, col, what));
  }

  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) ++pos_;
  }

  bool eat(char c) {
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void expect(char c) {
    if (!eat(c)) fail(fmt::format("expected '{}'", c));
  }

  std::string string_body() {
    // Opening quote already consumed.
    std::string out;
    while (pos_ < s_.size()) {
      char c = s_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) break;
      char e = s_[pos_++];
      switch (e) {
        case 'n': out.push_back('\n'); break;
        case 't': out.push_back('\t'); break;
        case 'r': out.push_back('\r'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'u': {
          if (pos_ + 4 > s_.size()) fail("short \\u escape");
          unsigned cp = 0;
          for (int i = 0; i < 4; ++i, ++pos_) {
            const char h = s_[pos_];
            const int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (digit < 0) fail("expected four hexadecimal digits after \\u");
            cp = cp * 16 + static_cast<unsigned>(digit);
          }
          // BMP only (surrogate pairs are not expected in a manifest); encode as UTF-8.
          if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
          } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          } else {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          }
          break;
        }
        default: out.push_back(e);
      }
    }
    fail("unterminated string");
  }

  JsonValue value() {
    skip_ws();
    if (pos_ >= s_.size()) fail("expected a value, found the end of the file");
    JsonValue v;
    const char c = s_[pos_];
    if ((c == '{' || c == '[') && depth_ >= kMaxDepth) {
      fail(fmt::format("nested more than {} levels deep (a manifest written by caseflow has 3)", kMaxDepth));
    }
    // Objects and arrays recurse: the depth is bounded above, so the stack is too.
    struct Nest {
      int& depth;
      explicit Nest(int& d) : depth(++d) {}
      ~Nest() { --depth; }
      Nest(const Nest&) = delete;
      Nest& operator=(const Nest&) = delete;
    } nest(depth_);
    if (c == '{') {
      ++pos_;
      v.kind = JsonValue::Kind::object;
      if (eat('}')) return v;
      do {
        expect('"');
        std::string key = string_body();
        expect(':');
        v.members[key] = value();
      } while (eat(','));
      expect('}');
    } else if (c == '[') {
      ++pos_;
      v.kind = JsonValue::Kind::array;
      if (eat(']')) return v;
      do {
        v.items.push_back(value());
      } while (eat(','));
      expect(']');
    } else if (c == '"') {
      ++pos_;
      v.kind = JsonValue::Kind::string;
      v.text = string_body();
    } else if (s_.substr(pos_, 4) == "true") {
      pos_ += 4;
      v.kind = JsonValue::Kind::boolean;
      v.boolean = true;
    } else if (s_.substr(pos_, 5) == "false") {
      pos_ += 5;
      v.kind = JsonValue::Kind::boolean;
    } else if (s_.substr(pos_, 4) == "null") {
      pos_ += 4;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const std::size_t b = pos_;
      while (pos_ < s_.size() && std::string_view("+-0123456789.eE").find(s_[pos_]) != std::string_view::npos) ++pos_;
      v.kind = JsonValue::Kind::number;
      v.text = std::string(s_.substr(b, pos_ - b));
    } else {
      fail(fmt::format("unexpected character '{}'", c));
    }
    return v;
  }

  static constexpr int kMaxDepth = 64;

  std::string_view s_;
  const std::string& name_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

JsonValue parse_json(std::string_view text, const std::string& name) { return Parser(text, name).document(); }

}  // namespace caseflow::report
