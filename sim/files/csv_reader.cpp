#include "files/csv_reader.hpp"

namespace caseflow::files {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

/// Characters (UTF-8 lead bytes) in `s`: a column as an editor shows it.
int utf8_length(std::string_view s) {
  int n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80 ? 1 : 0;
  return n;
}

/// Without leading spaces and tabs, and trailing spaces, tabs and `\r` (a CRLF line's end).
std::string_view trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
  return s.substr(a, b - a);
}

}  // namespace

bool starts_with_bom(std::string_view text) { return text.substr(0, kBom.size()) == kBom; }

CsvReader::CsvReader(std::string_view text, CsvStyle style, char separator)
    : text_(text), style_(style), separator_(separator) {
  if (starts_with_bom(text_)) pos_ = line_start_ = kBom.size();
}

bool CsvReader::next(CsvRecord& record) {
  return style_ == CsvStyle::hand ? next_by_hand(record) : next_by_program(record);
}

int CsvReader::column_at(std::size_t pos) const { return utf8_length(text_.substr(line_start_, pos - line_start_)) + 1; }

bool CsvReader::next_by_hand(CsvRecord& record) {
  // The text after the last newline is a line too (possibly empty), hence `<=`.
  while (pos_ <= text_.size()) {
    const std::size_t nl = text_.find('\n', pos_);
    const std::size_t end = nl == std::string_view::npos ? text_.size() : nl;
    const std::string_view line = text_.substr(pos_, end - pos_);
    pos_ = nl == std::string_view::npos ? text_.size() + 1 : nl + 1;
    const int number = line_++;
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    record = CsvRecord{};
    record.line = number;
    split_hand_line(line, record);
    return true;
  }
  return false;
}

void CsvReader::split_hand_line(std::string_view line, CsvRecord& record) const {
  std::size_t i = 0;
  while (true) {
    CsvField f;
    f.column = utf8_length(line.substr(0, i)) + 1;
    std::size_t j = i;
    while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
    if (j < line.size() && line[j] == '"') {
      // Quoted: "" inside is one quote; whatever follows the closing quote up to the separator
      // is dropped (a stray space or `\r`).
      std::size_t k = j + 1;
      bool closed = false;
      while (k < line.size()) {
        if (line[k] == '"') {
          if (k + 1 < line.size() && line[k + 1] == '"') {
            f.text += '"';
            k += 2;
            continue;
          }
          closed = true;
          ++k;
          break;
        }
        f.text += line[k++];
      }
      if (!closed) {
        record.error_line = record.line;
        record.error_column = utf8_length(line.substr(0, j)) + 1;
        return;
      }
      while (k < line.size() && line[k] != separator_) ++k;
      record.fields.push_back(std::move(f));
      if (k >= line.size()) return;
      i = k + 1;
      continue;
    }
    const std::size_t sep = line.find(separator_, i);
    const std::size_t end = sep == std::string_view::npos ? line.size() : sep;
    f.text = std::string(trim(line.substr(i, end - i)));
    record.fields.push_back(std::move(f));
    if (sep == std::string_view::npos) return;
    i = sep + 1;
  }
}

bool CsvReader::next_by_program(CsvRecord& record) {
  while (pos_ < text_.size()) {
    record = CsvRecord{};
    record.line = line_;
    bool any = false;  // the record has content: a separator, a quote or a character
    CsvField field;
    field.column = column_at(pos_);
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"' && field.text.empty()) {
        // Quoted: runs to the closing quote, across lines; "" inside is one quote.
        const int open_line = line_;
        const int open_column = column_at(pos_);
        ++pos_;
        bool closed = false;
        while (pos_ < text_.size()) {
          if (text_[pos_] == '"') {
            if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
              field.text.push_back('"');
              pos_ += 2;
              continue;
            }
            ++pos_;
            closed = true;
            break;
          }
          if (text_[pos_] == '\n') {
            ++line_;
            line_start_ = pos_ + 1;
          }
          field.text.push_back(text_[pos_++]);
        }
        if (!closed) {
          record.error_line = open_line;
          record.error_column = open_column;
          return true;
        }
        any = true;
        continue;
      }
      if (c == separator_) {
        record.fields.push_back(std::move(field));
        field = CsvField{};
        ++pos_;
        field.column = column_at(pos_);
        any = true;
        continue;
      }
      if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
        ++pos_;
        continue;
      }
      if (c == '\n') {
        ++pos_;
        ++line_;
        line_start_ = pos_;
        break;
      }
      field.text.push_back(c);
      any = true;
      ++pos_;
    }
    if (!any) continue;  // a line with nothing on it
    record.fields.push_back(std::move(field));
    return true;
  }
  return false;
}

}  // namespace caseflow::files
