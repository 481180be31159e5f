#include "io/results_writer.hpp"

#include <cerrno>
#include <charconv>
#include <ctime>
#include <fstream>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files/output_folder.hpp"

namespace caseflow::io {
namespace fs = std::filesystem;

namespace {

/// Appends one CSV cell: strings quoted when needed, numbers with `decimals` fixed decimals.
void append_cell(std::string& out, const economics::Cell& cell, int decimals) {
  if (const auto* s = std::get_if<std::string>(&cell)) {
    if (s->find_first_of(",\"\n") == std::string::npos) {
      out += *s;
      return;
    }
    out += '"';
    for (char ch : *s) {
      if (ch == '"') out += '"';
      out += ch;
    }
    out += '"';
    return;
  }
  if (const auto* i = std::get_if<std::int64_t>(&cell)) {
    out += std::to_string(*i);
    return;
  }
  double value = std::get<double>(cell);
  if (value == 0.0) value = 0.0;  // no "-0.00"
  // std::to_chars: the exactly rounded decimal, as fmt's "{:.Nf}" gives, at a fraction of the
  // cost (results files have tens of thousands of cells).
  char buffer[400];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  if (error != std::errc()) {
    out += fmt::format("{:.{}f}", value, decimals);
    return;
  }
  if (std::string_view(buffer, static_cast<std::size_t>(end - buffer)).find_first_not_of("-0.") == std::string_view::npos) {
    end = std::to_chars(buffer, buffer + sizeof buffer, 0.0, std::chars_format::fixed, decimals).ptr;  // no "-0.00"
  }
  out.append(buffer, end);
}

}  // namespace

std::string format_cell(const economics::Cell& cell, int decimals) {
  std::string text;
  append_cell(text, cell, decimals);
  return text;
}

std::string format_csv(const economics::Table& table) {
  std::string out;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    out += (c ? "," : "") + table.columns[c].name;
  }
  out += '\n';
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c) out += ',';
      append_cell(out, row[c], table.columns[c].decimals);
    }
    out += '\n';
  }
  return out;
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (unsigned char ch : text) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (ch < 0x20) {
          out += fmt::format("\\u{:04x}", ch);
        } else {
          out += static_cast<char>(ch);
        }
    }
  }
  return out + "\"";
}

std::string json_string_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + json_string(items[i]);
  return out + "]";
}

std::string manifest_json(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string text = "{\n";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    text += fmt::format("  {}: {}{}\n", json_string(entries[i].first), entries[i].second, i + 1 < entries.size() ? "," : "");
  }
  return text + "}\n";
}

std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

ResultsFolder::ResultsFolder(fs::path final_dir) : final_(std::move(final_dir)) {
  const fs::path parent = final_.has_parent_path() ? final_.parent_path() : fs::path(".");
  fs::create_directories(parent);
  const std::string stem = final_.filename().string();
  for (int attempt = 0;; ++attempt) {
    temporary_ = parent / fmt::format(".{}.incomplete-{}-{}", stem, ::getpid(), attempt);
    if (::mkdir(temporary_.c_str(), 0777) == 0) break;
    if (errno != EEXIST || attempt > 100) throw std::runtime_error(files::os_error("cannot create a temporary folder beside " + final_.string(), errno));
  }
}

ResultsFolder::~ResultsFolder() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(temporary_, ec);
}

void ResultsFolder::write_file(const std::string& name, const std::string& content) { files::write_new_file(temporary_ / name, content); }

void ResultsFolder::write_table(const economics::Table& table) { write_file(table.name + ".csv", format_csv(table)); }

void ResultsFolder::commit(const std::vector<std::pair<std::string, std::string>>& manifest) {
  write_file("manifest.json", manifest_json(manifest));
  files::swap_into_place(temporary_, final_);
  committed_ = true;
}

}  // namespace caseflow::io
